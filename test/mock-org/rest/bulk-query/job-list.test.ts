import type { MockOrg } from '../../../../src/mock-org/mock-org';
import { listPage, JOBS_PER_PAGE } from '../../../../src/mock-org/rest/bulk-query/job-list';
import { JobStore } from '../../../../src/mock-org/rest/bulk-query/job-store';
import { locatorOf } from '../../../../src/mock-org/rest/bulk-query/result-pages';

/* `GET /jobs/query` past one page: 1,000 jobs a page, the next by queryLocator. */

const URL = '/services/data/v64.0/jobs/query';

describe('listPage', () => {
  const jobs = new JobStore({ maxJobs: 2000, schedule: () => undefined });
  const org = { userId: '0055w0000000001AAA' } as unknown as MockOrg;
  const request = { operation: 'query', query: 'SELECT Id FROM X', columnDelimiter: 'COMMA', lineEnding: 'LF' } as const;
  for (let i = 0; i < JOBS_PER_PAGE + 5; i++) jobs.create({ user: 'admin', version: 'v64.0', request, object: 'X', columns: [], org });
  const all = jobs.list('admin');

  it('answers 1,000 jobs, done false and a nextRecordsUrl with a queryLocator; that page has the other 5 and done true', () => {
    const first = listPage(all, {}, URL);
    expect([first.records.length, first.done, first.nextRecordsUrl]).toEqual([1000, false, `${URL}?queryLocator=${locatorOf(1000)}`]);
    const second = listPage(all, { queryLocator: locatorOf(1000) }, URL);
    expect([second.records.length, second.done, second.nextRecordsUrl]).toEqual([5, true, null]);
    expect([...first.records, ...second.records].map((r) => r.id)).toEqual(all.map((job) => job.id));
  });

  it('answers no jobs for a concurrencyMode other than Parallel, and the first page for a queryLocator it never gave', () => {
    expect(listPage(all, { concurrencyMode: 'Serial' }, URL).records).toEqual([]);
    expect(listPage(all, { queryLocator: 'bm9wZQ' }, URL).records[0]!.id).toBe(all[0]!.id);
  });
});
