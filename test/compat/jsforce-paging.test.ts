import { BULK_JOBS, restFixtures } from '../mock-org/rest/rest-fixtures';
import { startCompatServer, type CompatServer } from './compat-server';

/**
 * `Sforce-Query-Options: batchSize=N` through jsforce 3.10.16: the header rides on every page
 * request jsforce makes, so the page size holds from the first page to the last.
 */

const SOQL = 'SELECT Id FROM AsyncApexJob';
const BATCH = { 'Sforce-Query-Options': 'batchSize=500' };

let compat: CompatServer;
beforeAll(async () => {
  compat = await startCompatServer(restFixtures());
});
afterAll(async () => {
  await compat.close();
});

describe('batchSize paging', () => {
  it('the first page holds batchSize rows and names the next', async () => {
    const page = await compat.tokenConnection().query<{ Id: string }>(SOQL).run({ autoFetch: false, headers: BATCH });
    expect({ totalSize: page.totalSize, done: page.done, rows: page.records.length }).toEqual({ totalSize: BULK_JOBS, done: false, rows: 500 });
    // jsforce hands back the locator as an absolute URL on its own connection.
    expect(page.nextRecordsUrl).toMatch(/\/services\/data\/v64\.0\/query\/[^/]+$/);
  });

  it('autoFetch reads every row exactly once, one request per page of 500', async () => {
    const before = compat.server.requestCount();
    const result = await compat.tokenConnection().query<{ Id: string }>(SOQL).run({ autoFetch: true, maxFetch: 10_000, headers: BATCH });
    expect(result.records.length).toBe(BULK_JOBS);
    expect(new Set(result.records.map((r) => r.Id)).size).toBe(BULK_JOBS);
    expect(compat.server.requestCount() - before).toBe(Math.ceil(BULK_JOBS / 500));
  });

  it('maxFetch stops the paging at the page that reaches it', async () => {
    const before = compat.server.requestCount();
    const result = await compat.tokenConnection().query<{ Id: string }>(SOQL).run({ autoFetch: true, maxFetch: 1_200, headers: BATCH });
    expect(result.records.length).toBe(1_200);
    expect(compat.server.requestCount() - before).toBe(3);
  });

  it('without the header pages hold 2,000 rows', async () => {
    const before = compat.server.requestCount();
    const result = await compat.tokenConnection().query<{ Id: string }>(SOQL).run({ autoFetch: true, maxFetch: 10_000 });
    expect(result.records.length).toBe(BULK_JOBS);
    expect(compat.server.requestCount() - before).toBe(Math.ceil(BULK_JOBS / 2000));
  });
});
