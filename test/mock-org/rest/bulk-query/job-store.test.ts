import { OrgError } from '../../../../src/core/org';
import type { MockOrg } from '../../../../src/mock-org/mock-org';
import { infoOf } from '../../../../src/mock-org/rest/bulk-query/job-bodies';
import { JOB_TTL_MS, JobStore } from '../../../../src/mock-org/rest/bulk-query/job-store';
import type { Selection } from '../../../../src/mock-org/soql/selection';

/* The job store alone: a query that fails when it runs, and the bounds (count, rows, 7 days). */

const rowsOf = (length: number): Selection => ({
  totalSize: length,
  length,
  records: (start, end) => Array.from({ length: end - start }, () => ({ attributes: { type: 'X', url: '' } })),
});

/** A stand-in org whose select answers `rows` (or rejects with `error`). */
const fakeOrg = (rows: Selection | Error): MockOrg =>
  ({ userId: '0055w0000000001AAA', select: () => (rows instanceof Error ? Promise.reject(rows) : Promise.resolve(rows)) }) as unknown as MockOrg;

const request = { operation: 'query', query: 'SELECT Id FROM X', columnDelimiter: 'COMMA', lineEnding: 'LF' } as const;

let clock: number;
let steps: (() => void)[];
const store = (options: { maxJobs?: number; maxRows?: number } = {}): JobStore =>
  new JobStore({ ...options, now: () => clock, schedule: (s) => void steps.push(s) });
/** Runs every scheduled step, and the steps they schedule, letting each query settle. */
async function runAll(): Promise<void> {
  while (steps.length > 0) {
    steps.shift()!();
    for (let i = 0; i < 5; i++) await new Promise((resolve) => setImmediate(resolve));
  }
}

beforeEach(() => {
  clock = Date.UTC(2026, 11, 1);
  steps = [];
});

const newJob = (jobs: JobStore, org: MockOrg, user = 'admin') =>
  jobs.create({ user, version: 'v64.0', request, object: 'X', columns: [{ header: 'Id', path: ['Id'], datetime: false }], org });

describe('JobStore', () => {
  it('a query that fails when it runs leaves the job Failed with the error in errorMessage and no results', async () => {
    const jobs = store();
    const job = newJob(jobs, fakeOrg(new OrgError('QUERY_TIMEOUT', 'Your query request was running for too long.')));
    await runAll();
    expect(infoOf(job)).toMatchObject({ state: 'Failed', errorMessage: 'Your query request was running for too long.', numberRecordsProcessed: 0 });
    expect(job.result).toBeUndefined();
  });

  it('keeps at most maxJobs: the least recently read job is dropped with its results', async () => {
    const jobs = store({ maxJobs: 2 });
    const first = newJob(jobs, fakeOrg(rowsOf(3)));
    const second = newJob(jobs, fakeOrg(rowsOf(3)));
    await runAll();
    expect(jobs.get(first.id, 'admin')).toBe(first); // read: the second is now the least recent
    const third = newJob(jobs, fakeOrg(rowsOf(3)));
    expect(jobs.get(second.id, 'admin')).toBeUndefined();
    expect(second.result).toBeUndefined();
    expect([jobs.get(first.id, 'admin'), jobs.get(third.id, 'admin')]).toEqual([first, third]);
  });

  it('bounds the rows all jobs hold: a job whose results would pass maxRows drops the least recently read', async () => {
    const jobs = store({ maxRows: 100 });
    const small = newJob(jobs, fakeOrg(rowsOf(60)));
    await runAll();
    expect(jobs.get(small.id, 'admin')?.result?.rows.length).toBe(60);
    const big = newJob(jobs, fakeOrg(rowsOf(60)));
    await runAll();
    expect(jobs.get(big.id, 'admin')?.state).toBe('JobComplete');
    expect(jobs.get(small.id, 'admin')).toBeUndefined();
  });

  it('fails a job whose result alone is larger than maxRows, saying so, and keeps the others', async () => {
    const jobs = store({ maxRows: 100 });
    const kept = newJob(jobs, fakeOrg(rowsOf(10)));
    const huge = newJob(jobs, fakeOrg(rowsOf(500)));
    await runAll();
    expect(infoOf(huge)).toMatchObject({ state: 'Failed', errorMessage: expect.stringContaining('500 rows exceed the 100 rows') });
    expect(jobs.get(kept.id, 'admin')?.state).toBe('JobComplete');
  });

  it('expires a job 7 days after it was last read', async () => {
    const jobs = store();
    const job = newJob(jobs, fakeOrg(rowsOf(1)));
    await runAll();
    clock += JOB_TTL_MS - 1000;
    expect(jobs.get(job.id, 'admin')).toBe(job); // read: renewed
    clock += JOB_TTL_MS - 1000;
    expect(jobs.get(job.id, 'admin')).toBe(job);
    clock += JOB_TTL_MS + 1;
    expect(jobs.get(job.id, 'admin')).toBeUndefined();
    expect(jobs.list('admin')).toEqual([]);
  });

  it('gives a job to its creator only, and counts every job created', () => {
    const jobs = store();
    const job = newJob(jobs, fakeOrg(rowsOf(1)));
    expect(jobs.get(job.id, 'agent')).toBeUndefined();
    expect(jobs.list('agent')).toEqual([]);
    expect(jobs.created).toBe(1);
  });
});
