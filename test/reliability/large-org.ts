import type { FixtureDocument } from '../../src/mock-org/fixtures/types';
import { jobId } from './generated-org';

/** The query of issue 12 item 1: every job, six fields. */
export const ALL_JOBS_SOQL = 'SELECT Id, Status, JobType, CreatedDate, NumberOfErrors, ExtendedStatus FROM AsyncApexJob';

/** An org of `n` jobs and nothing else: the size that blocked other clients, without the load time of links. */
export function jobsOnlyOrg(n: number): FixtureDocument {
  const start = Date.UTC(2026, 0, 1);
  const statuses = ['Completed', 'Failed', 'Queued', 'Processing'];
  return {
    users: { admin: { default: true } },
    records: {
      AsyncApexJob: Array.from({ length: n }, (_, i) => ({
        Id: jobId(i + 1),
        Status: statuses[i % statuses.length]!,
        JobType: 'Queueable',
        NumberOfErrors: i % 7 === 0 ? 1 : 0,
        ExtendedStatus: i % 7 === 0 ? `First error: row ${i}` : null,
        CreatedDate: new Date(start + i * 1000).toISOString(),
      })),
    },
  };
}
