import { Connection } from 'jsforce';
import { MockOrg } from '../../../src/mock-org/mock-org';
import { startMockRestServer, type MockRestServer } from '../../../src/mock-org/rest/server';
import { batchSizeOf, MIN_PAGE_SIZE, PAGE_SIZE } from '../../../src/mock-org/rest/cursors';
import { BULK_JOBS, restFixtures } from './rest-fixtures';

/* `Sforce-Query-Options: batchSize=N`: the size of the first page and of every nextRecordsUrl page. */

const SOQL = 'SELECT Id FROM AsyncApexJob';
let server: MockRestServer;
let conn: Connection;

beforeAll(async () => {
  server = await startMockRestServer({ org: await MockOrg.fromFixtures(restFixtures()) });
  conn = new Connection({ instanceUrl: server.instanceUrl, accessToken: server.accessToken, version: '64.0' });
});
afterAll(async () => {
  await server.close();
});

interface Page {
  totalSize: number;
  done: boolean;
  nextRecordsUrl?: string;
  records: unknown[];
}

/** Every page of the query, first to last, asked with this header value (none when undefined). */
async function pageSizes(options?: string): Promise<number[]> {
  const headers: Record<string, string> = options === undefined ? {} : { 'Sforce-Query-Options': options };
  const sizes: number[] = [];
  let page = await conn.request<Page>({ method: 'GET', url: `/services/data/v64.0/query?q=${encodeURIComponent(SOQL)}`, headers });
  sizes.push(page.records.length);
  // Later pages are asked without the header, as jsforce does: the cursor keeps the first request's size.
  while (page.nextRecordsUrl !== undefined) {
    page = await conn.request<Page>(page.nextRecordsUrl);
    sizes.push(page.records.length);
  }
  return sizes;
}

describe('Sforce-Query-Options: batchSize', () => {
  it('jsforce autoFetch with the header reads 4,500 rows in pages of 500, and maxFetch stops it after the pages it needs', async () => {
    let fetches = 0;
    const records: unknown[] = [];
    const query = conn.query(SOQL, { headers: { 'Sforce-Query-Options': 'batchSize=500' } });
    query.on('fetch', () => fetches++).on('record', (record) => records.push(record));
    await query.run({ autoFetch: true, maxFetch: 100_000 });
    expect({ fetches, records: records.length }).toEqual({ fetches: 9, records: BULK_JOBS });

    fetches = 0;
    const limited = conn.query(SOQL, { headers: { 'Sforce-Query-Options': 'batchSize=500' } }).on('fetch', () => fetches++);
    const result = await limited.run({ autoFetch: true, maxFetch: 1200 });
    expect({ fetches, records: result.records.length, totalSize: result.totalSize }).toEqual({ fetches: 3, records: 1200, totalSize: BULK_JOBS });
  });

  it('sets the first page and every later one; nextRecordsUrl counts offsets in the batch size', async () => {
    expect(await pageSizes('batchSize=1000')).toEqual([1000, 1000, 1000, 1000, 500]);
    const first = await conn.request<Page>({
      method: 'GET',
      url: `/services/data/v64.0/query?q=${encodeURIComponent(SOQL)}`,
      headers: { 'Sforce-Query-Options': 'batchSize=1000' },
    });
    expect(first.nextRecordsUrl).toMatch(/-1000$/);
    expect((await conn.request<Page>(first.nextRecordsUrl!)).nextRecordsUrl).toMatch(/-2000$/);
  });

  it('without the header, pages are 2,000 rows', async () => {
    expect(await pageSizes()).toEqual([2000, 2000, 500]);
  });

  it('(ipemu) a size below 200 is taken as 200, above 2,000 as 2,000; an unreadable value leaves 2,000', async () => {
    expect((await pageSizes('batchSize=50')).slice(0, 2)).toEqual([200, 200]);
    expect(await pageSizes('batchSize=5000')).toEqual([2000, 2000, 500]);
    expect(await pageSizes('batchSize=lots')).toEqual([2000, 2000, 500]);
  });
});

describe('batchSizeOf (the header read)', () => {
  it('reads batchSize among other options, in any case, with spaces around =', () => {
    expect(batchSizeOf('batchSize=300')).toBe(300);
    expect(batchSizeOf('foo=1, BATCHSIZE = 700')).toBe(700);
    expect(batchSizeOf(['batchSize=400'])).toBe(400);
  });

  it('brings out-of-range numbers to the nearer end and ignores what it cannot read', () => {
    expect(batchSizeOf('batchSize=0')).toBe(MIN_PAGE_SIZE);
    expect(batchSizeOf('batchSize=2001')).toBe(PAGE_SIZE);
    for (const header of [undefined, '', 'batchSize=', 'batchSize=-5', 'batchSize=1e3', 'mybatchSize=300', 'batchSize=300x']) {
      expect(batchSizeOf(header)).toBe(PAGE_SIZE);
    }
  });
});
