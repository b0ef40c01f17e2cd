import type { FixtureDocument, FixtureRecord } from '../../../src/mock-org/fixtures/types';
import { makeId } from '../../../src/salesforce/ids';

/**
 * The service suite's own small org: one record per rule of DESIGN.md §2, so each test says
 * which rule it exercises. Ids come from makeId so they are valid 18-character Ids.
 */

const job = (n: number): string => makeId('707', n, '5j0');
const policy = (n: number): string => makeId('0YT', n, '5j0');

export const SAMPLE_JOB = '7075j00004uK6GjAAK';
export const SAMPLE_POLICY = '0YT5w000000Y8MNGA0';

export const JOBS = {
  holding: job(11),
  queued: job(12),
  preparing: job(13),
  processing: job(14),
  completedNullErrors: job(15),
  completedWithErrors: job(16),
  completedWithErrorsNoDetail: job(17),
  failedWithDetail: job(18),
  failedNoDetail: job(19),
  abortedWithDetail: job(20),
  abortedNoDetail: job(21),
  versionOld: job(30),
  versionNewest: job(31),
  versionMiddle: job(32),
  tieLow: job(40),
  tieMid: job(41),
  tieHigh: job(42),
  tieOlder: job(43),
  injection: job(50),
  custom: job(60),
  /** Linked from a policy but absent from AsyncApexJob (purged after 7 days). */
  purged: job(70),
  /** A syntactically valid AsyncApexJob Id no record has. */
  missing: job(99),
} as const;

export const POLICIES = {
  sample: SAMPLE_POLICY,
  version1: policy(1),
  version2: policy(2),
  tie: policy(3),
  parent: policy(4),
  child: policy(5),
  noJob: policy(6),
  injection: policy(7),
  custom: policy(8),
  purged: policy(9),
  missing: policy(99),
} as const;

export const REFS = {
  sample: 'REF-0001',
  versions: 'REF-VERSIONS',
  parent: 'REF-MULTI',
  child: 'REF-MULTI-C1',
  noJob: 'REF-NOJOB',
  /** Quote, backslash and LIKE wildcards: must match only itself. */
  injection: "O'Brien\\Policy%_1",
} as const;

export const FAILED_DETAIL = 'First error: Insert failed. FIELD_CUSTOM_VALIDATION_EXCEPTION, Effective date is required.';
export const ABORTED_DETAIL = 'Aborted by an administrator.';
export const ERRORS_DETAIL = 'First error: 3 of 12 policies could not be renewed.';

function jobRecord(Id: string, Status: string, CreatedDate: string, extra: Partial<FixtureRecord> = {}): FixtureRecord {
  return { Id, Status, JobType: 'Queueable', NumberOfErrors: 0, ExtendedStatus: null, CreatedDate, ...extra };
}

/** Links policy → job through the default chain InsuranceAsyncBulkRecordDetail → Item.BatchJobId. */
function linkRecords(links: readonly [string, string][]): Pick<Required<FixtureDocument>['records'], string> {
  const items: FixtureRecord[] = [];
  const details: FixtureRecord[] = [];
  links.forEach(([policyId, jobId], i) => {
    const itemId = makeId('0rg', i + 1, '5j0');
    items.push({ Id: itemId, InsuranceAsyncBulkRequestId: makeId('0rf', 1, '5j0'), BatchJobId: jobId, SequenceNumber: i + 1, Status: 'Completed' });
    details.push({ Id: makeId('0rh', i + 1, '5j0'), InsuranceAsyncBulkRequestItemId: itemId, ReferenceRecordId: policyId, Status: 'Success' });
  });
  return {
    InsuranceAsyncBulkRequest: [{ Id: makeId('0rf', 1, '5j0'), Name: 'Suite request', Status: 'Completed' }],
    InsuranceAsyncBulkRequestItem: items,
    InsuranceAsyncBulkRecordDetail: details,
  };
}

export const CUSTOM_JOB_LINK = { sobject: 'PolicyJobLink__c', policyField: 'Policy__c', jobIdField: 'JobId__c' } as const;

export function suiteFixtures(): FixtureDocument {
  const day = (d: string): string => `2026-10-${d}T09:00:00.000+0000`;
  return {
    users: {
      admin: { default: true },
      agent: { hiddenFields: ['InsurancePolicy.ReferencePolicyNumber'] },
      auditor: { hiddenObjects: ['AsyncApexJob'] },
      linkless: { hiddenFields: ['InsuranceAsyncBulkRequestItem.BatchJobId'] },
      nodetail: { hiddenObjects: ['InsuranceAsyncBulkRecordDetail'] },
      customhidden: { hiddenFields: ['PolicyJobLink__c.JobId__c'] },
    },
    schema: {
      PolicyJobLink__c: {
        keyPrefix: 'a0J',
        label: 'Policy Job Link',
        fields: {
          Policy__c: { type: 'reference', referenceTo: ['InsurancePolicy'], relationshipName: 'Policy__r' },
          JobId__c: { type: 'string', length: 18 },
        },
      },
    },
    records: {
      AsyncApexJob: [
        jobRecord(SAMPLE_JOB, 'Completed', '2026-11-01T10:00:00.000+0000'),
        jobRecord(JOBS.holding, 'Holding', day('01')),
        jobRecord(JOBS.queued, 'Queued', day('01')),
        jobRecord(JOBS.preparing, 'Preparing', day('01')),
        jobRecord(JOBS.processing, 'Processing', day('01')),
        jobRecord(JOBS.completedNullErrors, 'Completed', day('01'), { NumberOfErrors: null }),
        jobRecord(JOBS.completedWithErrors, 'Completed', day('01'), { NumberOfErrors: 3, ExtendedStatus: ERRORS_DETAIL }),
        jobRecord(JOBS.completedWithErrorsNoDetail, 'Completed', day('01'), { NumberOfErrors: 2 }),
        jobRecord(JOBS.failedWithDetail, 'Failed', day('01'), { NumberOfErrors: 1, ExtendedStatus: FAILED_DETAIL }),
        jobRecord(JOBS.failedNoDetail, 'Failed', day('01'), { NumberOfErrors: 1 }),
        jobRecord(JOBS.abortedWithDetail, 'Aborted', day('01'), { ExtendedStatus: ABORTED_DETAIL }),
        jobRecord(JOBS.abortedNoDetail, 'Aborted', day('01')),
        jobRecord(JOBS.versionOld, 'Completed', day('02')),
        jobRecord(JOBS.versionNewest, 'Processing', day('09')),
        jobRecord(JOBS.versionMiddle, 'Failed', day('05'), { ExtendedStatus: FAILED_DETAIL }),
        // Neither first nor last in insertion order, so only the Id comparison can pick it.
        jobRecord(JOBS.tieMid, 'Completed', day('12')),
        jobRecord(JOBS.tieHigh, 'Queued', day('12')),
        jobRecord(JOBS.tieLow, 'Completed', day('12')),
        jobRecord(JOBS.tieOlder, 'Aborted', day('11')),
        jobRecord(JOBS.injection, 'Completed', day('14')),
        jobRecord(JOBS.custom, 'Holding', day('15')),
      ],
      InsurancePolicy: [
        { Id: POLICIES.sample, Name: 'P-0001', ReferencePolicyNumber: REFS.sample, ParentPolicyId: null },
        { Id: POLICIES.version1, Name: 'P-0002 v1', ReferencePolicyNumber: REFS.versions, ParentPolicyId: null },
        { Id: POLICIES.version2, Name: 'P-0002 v2', ReferencePolicyNumber: REFS.versions, ParentPolicyId: null, PriorPolicyId: POLICIES.version1 },
        { Id: POLICIES.tie, Name: 'P-0003', ReferencePolicyNumber: 'REF-TIE', ParentPolicyId: null },
        { Id: POLICIES.parent, Name: 'P-0004', ReferencePolicyNumber: REFS.parent, ParentPolicyId: null },
        { Id: POLICIES.child, Name: 'P-0004-C1', ReferencePolicyNumber: REFS.child, ParentPolicyId: POLICIES.parent },
        { Id: POLICIES.noJob, Name: 'P-0006', ReferencePolicyNumber: REFS.noJob, ParentPolicyId: null },
        { Id: POLICIES.injection, Name: 'P-0007', ReferencePolicyNumber: REFS.injection, ParentPolicyId: null },
        { Id: POLICIES.custom, Name: 'P-0008', ReferencePolicyNumber: 'REF-CUSTOM', ParentPolicyId: null },
        { Id: POLICIES.purged, Name: 'P-0009', ReferencePolicyNumber: 'REF-PURGED', ParentPolicyId: null },
      ],
      ...linkRecords([
        [POLICIES.sample, SAMPLE_JOB],
        [POLICIES.version1, JOBS.versionOld],
        [POLICIES.version2, JOBS.versionNewest],
        [POLICIES.version1, JOBS.versionMiddle],
        [POLICIES.tie, JOBS.tieMid],
        [POLICIES.tie, JOBS.tieHigh],
        [POLICIES.tie, JOBS.tieLow],
        [POLICIES.tie, JOBS.tieOlder],
        [POLICIES.parent, JOBS.processing],
        [POLICIES.child, JOBS.queued],
        [POLICIES.injection, JOBS.injection],
        [POLICIES.purged, JOBS.purged],
      ]),
      PolicyJobLink__c: [{ Id: makeId('a0J', 1, '5j0'), Policy__c: POLICIES.custom, JobId__c: JOBS.custom }],
    },
  };
}
