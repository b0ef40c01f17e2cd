import type { FixtureDocument } from '../../../../src/mock-org/fixtures/types';
import { MockOrg } from '../../../../src/mock-org/mock-org';
import type { BulkQueryOptions } from '../../../../src/mock-org/rest/bulk-query/job-store';
import { startMockRestServer, type MockRestServer } from '../../../../src/mock-org/rest/server';
import { makeId } from '../../../../src/salesforce/ids';

export const JOBS = 4500;
export const POLICIES = 5;
export const policyId = (n: number): string => makeId('0YT', n);
export const jobId = (n: number): string => makeId('707', n);
export const VERSION = 'v64.0';

/** 4,500 jobs (several result pages), policies whose names need quoting, a parent link, and a user who may not see a field or jobs. */
export function bulkFixtures(): FixtureDocument {
  return {
    users: {
      admin: { default: true },
      agent: { hiddenFields: ['InsurancePolicy.ReferencePolicyNumber'], hiddenObjects: ['AsyncApexJob'] },
    },
    records: {
      AsyncApexJob: Array.from({ length: JOBS }, (_, i) => ({
        Id: jobId(i + 1),
        Status: i % 2 === 0 ? 'Completed' : 'Queued',
        JobType: 'Queueable',
        NumberOfErrors: i % 7,
        ExtendedStatus: i % 3 === 0 ? null : `step ${i}`,
        CreatedDate: new Date(Date.UTC(2026, 10, 1, 10, 0, 0) + i * 1000).toISOString(),
      })),
      InsurancePolicy: [
        { Id: policyId(1), Name: 'Plain', ReferencePolicyNumber: 'REF-1', ParentPolicyId: null, IsPolicyEditLocked: true },
        { Id: policyId(2), Name: 'Has "quotes", and a comma', ReferencePolicyNumber: null, ParentPolicyId: policyId(1), IsPolicyEditLocked: false },
        { Id: policyId(3), Name: 'Two\nlines', ReferencePolicyNumber: 'REF-3', ParentPolicyId: policyId(2), IsPolicyEditLocked: false },
        { Id: policyId(4), Name: 'Pipe | caret ^ tab\t', ReferencePolicyNumber: 'REF-4', ParentPolicyId: null, IsPolicyEditLocked: false },
        { Id: policyId(5), Name: 'Fifth', ReferencePolicyNumber: 'REF-5', ParentPolicyId: policyId(1), IsPolicyEditLocked: true },
      ],
    },
  };
}

export interface BulkServer {
  org: MockOrg;
  server: MockRestServer;
  /** fetch of a path under the server, with the token (unless `token` is given) and a JSON body when `json` is. */
  call(path: string, init?: { method?: string; json?: unknown; body?: string; headers?: Record<string, string>; token?: string }): Promise<Response>;
  /** `/services/data/v64.0/jobs/query` plus the rest. */
  jobsUrl(rest?: string, version?: string): string;
}

export async function startBulkServer(bulkQuery: BulkQueryOptions = { processingDelayMs: 0 }, fixtures: FixtureDocument = bulkFixtures()): Promise<BulkServer> {
  const org = await MockOrg.fromFixtures(fixtures);
  const server = await startMockRestServer({ org, bulkQuery });
  return {
    org,
    server,
    jobsUrl: (rest = '', version = VERSION) => `/services/data/${version}/jobs/query${rest}`,
    call: (path, init = {}) => {
      const headers: Record<string, string> = { authorization: `Bearer ${init.token ?? server.accessToken}`, ...init.headers };
      let body = init.body;
      if (init.json !== undefined) {
        headers['content-type'] ??= 'application/json';
        body = JSON.stringify(init.json);
      }
      return fetch(`${server.instanceUrl}${path}`, { method: init.method ?? 'GET', headers, body });
    },
  };
}

/** Creates a job and polls (on the event loop, no timer) until it is no longer UploadComplete or InProgress; answers its id and final info. */
export async function runJob(bulk: BulkServer, body: Record<string, unknown>, version = VERSION): Promise<{ id: string; info: Record<string, unknown> }> {
  const created = await bulk.call(bulk.jobsUrl('', version), { method: 'POST', json: body });
  const job = (await created.json()) as { id?: string };
  if (created.status !== 200 || !job.id) throw new Error(`create answered ${created.status}: ${JSON.stringify(job)}`);
  for (let polls = 0; polls < 2000; polls++) {
    const info = (await (await bulk.call(bulk.jobsUrl(`/${job.id}`, version))).json()) as Record<string, unknown>;
    if (info.state !== 'UploadComplete' && info.state !== 'InProgress') return { id: job.id, info };
    await new Promise((resolve) => setImmediate(resolve));
  }
  throw new Error(`job ${job.id} still running after 2,000 polls`);
}
