import type { FastifyInstance, LightMyRequestResponse } from 'fastify';
import type { FixtureDocument } from '../../../src/mock-org/fixtures/types';
import { makeId } from '../../../src/salesforce/ids';

export const BULK_JOBS = 4500;
export const POLICY_ID = makeId('0YT', 1);
export const FIRST_JOB_ID = makeId('707', 1);

/** An org with 4,500 jobs (paging over 2,000 rows), one policy, and a user who may not see everything. */
export function restFixtures(): FixtureDocument {
  const jobs = Array.from({ length: BULK_JOBS }, (_, i) => ({
    Id: makeId('707', i + 1),
    Status: i % 2 === 0 ? 'Completed' : 'Queued',
    JobType: 'Queueable',
    NumberOfErrors: 0,
    ExtendedStatus: null,
    CreatedDate: new Date(Date.UTC(2026, 10, 1, 10, 0, 0) + i * 1000).toISOString(),
  }));
  return {
    users: {
      admin: { default: true },
      agent: { hiddenFields: ['InsurancePolicy.ReferencePolicyNumber'], hiddenObjects: ['AsyncApexJob'] },
    },
    records: {
      AsyncApexJob: jobs,
      InsurancePolicy: [{ Id: POLICY_ID, Name: 'P-0001', ReferencePolicyNumber: "REF-O'1", ParentPolicyId: null }],
    },
  };
}

/** A form-encoded POST to the token endpoint, in-process. */
export function postTokenForm(app: FastifyInstance, fields: Record<string, string>): Promise<LightMyRequestResponse> {
  return app.inject({
    method: 'POST',
    url: '/services/oauth2/token',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    payload: new URLSearchParams(fields).toString(),
  });
}
