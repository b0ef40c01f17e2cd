import type { FixtureDocument, FixtureRecord } from '../../src/mock-org/fixtures/types';
import { makeId } from '../../src/salesforce/ids';

/**
 * Small org builders shared by the reliability suites. Ids come from makeId so they are valid
 * 18-character Ids; the pod varies the letters' case so "greater Id" is not insertion order.
 */

export const jobId = (serial: number, pod = '5j0'): string => makeId('707', serial, pod);
export const policyId = (serial: number, pod = '5j0'): string => makeId('0YT', serial, pod);

export interface GenJob {
  Id: string;
  Status: string;
  NumberOfErrors: number | null;
  ExtendedStatus: string | null;
  CreatedDate: string;
}

export interface GenPolicy {
  Id: string;
  ReferencePolicyNumber: string | null;
  ParentPolicyId: string | null;
}

/** One policy → job link through the default chain (the job may be absent: purged). */
export interface GenLink {
  policyId: string;
  jobId: string;
}

export interface GenOrg {
  jobs: GenJob[];
  policies: GenPolicy[];
  links: GenLink[];
}

/** The fixture document of a generated org, linked through DEFAULT_JOB_LINK's chain. */
export function fixtureOf(org: GenOrg): FixtureDocument {
  const requestId = makeId('0rf', 1, '5j0');
  const items: FixtureRecord[] = [];
  const details: FixtureRecord[] = [];
  org.links.forEach((link, i) => {
    const itemId = makeId('0rg', i + 1, '5j0');
    items.push({ Id: itemId, InsuranceAsyncBulkRequestId: requestId, BatchJobId: link.jobId, Status: 'Completed' });
    details.push({ Id: makeId('0rh', i + 1, '5j0'), InsuranceAsyncBulkRequestItemId: itemId, ReferenceRecordId: link.policyId, Status: 'Success' });
  });
  return {
    users: { admin: { default: true } },
    records: {
      AsyncApexJob: org.jobs.map((job) => ({ ...job, JobType: 'Queueable' })),
      InsurancePolicy: org.policies.map((p, i) => ({ ...p, Name: `P-${i}` })),
      InsuranceAsyncBulkRequest: [{ Id: requestId, Name: 'Generated request', Status: 'Completed' }],
      InsuranceAsyncBulkRequestItem: items,
      InsuranceAsyncBulkRecordDetail: details,
    },
  };
}

/** A fixed small org for the input-property tests: one job, one policy, linked. */
export const SMALL_JOB = jobId(1);
export const SMALL_POLICY = policyId(1);
export const SMALL_REF = 'REF-SMALL';

export function smallOrg(): GenOrg {
  return {
    jobs: [{ Id: SMALL_JOB, Status: 'Completed', NumberOfErrors: 0, ExtendedStatus: null, CreatedDate: '2026-11-01T10:00:00.000+0000' }],
    policies: [{ Id: SMALL_POLICY, ReferencePolicyNumber: SMALL_REF, ParentPolicyId: null }],
    links: [{ policyId: SMALL_POLICY, jobId: SMALL_JOB }],
  };
}
