import { isPlainObject } from '../../../core/plain-object';
import type { JobSummary } from './job-info';
import { summaryOf } from './job-bodies';
import type { Job } from './job-store';
import { locatorOf } from './result-pages';

/** (ipemu) Jobs per page of `GET /jobs/query`. */
export const JOBS_PER_PAGE = 1000;

export interface JobList {
  done: boolean;
  records: JobSummary[];
  nextRecordsUrl: string | null;
}

/**
 * `GET /jobs/query` (query_get_all_jobs.htm): `{ done, records, nextRecordsUrl }`, filtered by
 * `jobType` (every job here is V2Query) and `concurrencyMode` (Parallel), paged with
 * `queryLocator`. (ipemu) A user sees the jobs they created; a queryLocator not given out starts
 * from the first page.
 */
export function listPage(jobs: readonly Job[], query: unknown, url: string): JobList {
  const params = isPlainObject(query) ? query : {};
  const filtered =
    (params.jobType !== undefined && params.jobType !== 'V2Query') || (params.concurrencyMode !== undefined && params.concurrencyMode !== 'Parallel')
      ? []
      : jobs;
  const decoded = typeof params.queryLocator === 'string' ? Number(Buffer.from(params.queryLocator, 'base64').toString('latin1')) : 0;
  const start = Number.isSafeInteger(decoded) && decoded > 0 && decoded < filtered.length ? decoded : 0;
  const end = Math.min(filtered.length, start + JOBS_PER_PAGE);
  const next = end < filtered.length ? `${url}?queryLocator=${locatorOf(end)}` : null;
  return { done: next === null, records: filtered.slice(start, end).map(summaryOf), nextRecordsUrl: next };
}
