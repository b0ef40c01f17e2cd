import { parse } from 'csv-parse/sync';
import { Connection } from 'jsforce';
import { QueryJobV2 } from 'jsforce/lib/api/bulk2';
import { bulkFixtures, JOBS, policyId, startBulkServer, type BulkServer } from '../mock-org/rest/bulk-query/bulk-fixtures';

/* jsforce 3.10.16's `conn.bulk2` against `startMockRestServer` over loopback. */

let bulk: BulkServer;
let conn: Connection;

async function serve(options: { processingDelayMs: number; defaultMaxRecords?: number }): Promise<void> {
  bulk = await startBulkServer(options, bulkFixtures());
  conn = new Connection({ instanceUrl: bulk.server.instanceUrl, accessToken: bulk.server.accessToken, version: '64.0' });
  conn.bulk2.pollInterval = 5;
}
afterEach(async () => {
  await bulk.server.close();
});

interface JobRow {
  Id: string;
  Status: string;
}

/** A query job opened the way conn.bulk2.query opens one, kept to drive by hand. */
const queryJob = (query: string): QueryJobV2<never> =>
  new QueryJobV2(conn, { bodyParams: { operation: 'query', query }, pollingOptions: { pollInterval: 5, pollTimeout: 10_000 } });

/**
 * A results loop that reads every page right: each page is a whole CSV (its own header row),
 * parsed on its own, next page by `Sforce-Locator` until the string `null`.
 */
async function allResults(connection: Connection, jobId: string, maxRecords: number): Promise<Record<string, string>[]> {
  const rows: Record<string, string>[] = [];
  let locator = '';
  do {
    const query = new URLSearchParams({ maxRecords: String(maxRecords), ...(locator ? { locator } : {}) });
    const res = await fetch(`${connection.instanceUrl}/services/data/v${connection.version}/jobs/query/${jobId}/results?${query.toString()}`, {
      headers: { authorization: `Bearer ${connection.accessToken ?? ''}`, accept: 'text/csv' },
    });
    rows.push(...(parse(await res.text(), { columns: true }) as Record<string, string>[]));
    locator = res.headers.get('sforce-locator') ?? 'null';
  } while (locator !== 'null');
  return rows;
}

describe('conn.bulk2.query', () => {
  it('returns every record of a one-page result (up to 50,000 rows), as jsforce parses the CSV', async () => {
    await serve({ processingDelayMs: 0 });
    const records = (await (await conn.bulk2.query('SELECT Id, Status FROM AsyncApexJob')).toArray()) as JobRow[];
    expect(records).toHaveLength(JOBS);
    expect(records.slice(0, 2)).toEqual([
      { Id: expect.stringMatching(/^707/), Status: 'Completed' },
      { Id: expect.stringMatching(/^707/), Status: 'Queued' },
    ]);
    const rest = await conn.query<JobRow>('SELECT Id, Status FROM AsyncApexJob', { autoFetch: true, maxFetch: JOBS });
    expect(records).toEqual(rest.records.map((r) => ({ Id: r.Id, Status: r.Status })));
  });

  it('pins jsforce 3.10.16 on a result of several pages: it reads every page, but each later page’s header row comes out as a record', async () => {
    await serve({ processingDelayMs: 0, defaultMaxRecords: 1000 });
    const records = (await (await conn.bulk2.query('SELECT Id, Status FROM AsyncApexJob')).toArray()) as JobRow[];
    // 4,500 rows on 5 pages: the headers of pages 2 to 5 are parsed as data (QueryJobV2.result() pipes every page into one CSV parser).
    expect(records).toHaveLength(JOBS + 4);
    expect(records.filter((r) => r.Id === 'Id')).toEqual(Array.from({ length: 4 }, () => ({ Id: 'Id', Status: 'Status' })));
    expect(records[1000]).toEqual({ Id: 'Id', Status: 'Status' });
  });

  it('a page loop that parses each page on its own gets exactly the rows of /query', async () => {
    await serve({ processingDelayMs: 0, defaultMaxRecords: 1000 });
    const job = queryJob('SELECT Id, Status FROM AsyncApexJob');
    await job.open();
    await job.poll(5, 10_000);
    const rows = await allResults(conn, job.id, 700);
    const rest = await conn.query<JobRow>('SELECT Id, Status FROM AsyncApexJob', { autoFetch: true, maxFetch: JOBS });
    expect(rows).toEqual(rest.records.map((r) => ({ Id: r.Id, Status: r.Status })));
  });

  it('scanAll runs queryAll: deleted records come back with IsDeleted true', async () => {
    await serve({ processingDelayMs: 0 });
    bulk.org.deleteSync('InsurancePolicy', policyId(3));
    const soql = 'SELECT Id, IsDeleted FROM InsurancePolicy ORDER BY Id';
    const all = (await (await conn.bulk2.query(soql, { scanAll: true })).toArray()) as { Id: string; IsDeleted: unknown }[];
    expect(all.map((r) => [r.Id, String(r.IsDeleted)])).toContainEqual([policyId(3), 'true']);
    expect(all).toHaveLength(5);
    const live = (await (await conn.bulk2.query(soql)).toArray()) as { Id: string }[];
    expect(live.map((r) => r.Id)).not.toContain(policyId(3));
  });

  it('rejects a field the user may not see with INVALID_FIELD, as the job is created', async () => {
    await serve({ processingDelayMs: 0 });
    const token = (await (
      await fetch(`${bulk.server.instanceUrl}/services/oauth2/token`, {
        method: 'POST',
        headers: { 'content-type': 'application/x-www-form-urlencoded' },
        body: new URLSearchParams({ grant_type: 'password', username: 'agent', password: 'x', client_id: 'c', client_secret: 's' }).toString(),
      })
    ).json()) as { access_token: string };
    const agent = new Connection({ instanceUrl: bulk.server.instanceUrl, accessToken: token.access_token, version: '64.0' });
    await expect(agent.bulk2.query('SELECT Id, ReferencePolicyNumber FROM InsurancePolicy')).rejects.toMatchObject({ errorCode: 'INVALID_FIELD' });
  });

  it('a job aborted through jsforce is Aborted, and polling it rejects with “Job has been aborted”', async () => {
    await serve({ processingDelayMs: 60_000 });
    const job = queryJob('SELECT Id FROM AsyncApexJob');
    await job.open();
    const aborted = await job.abort();
    expect(aborted).toMatchObject({ id: job.id, state: 'Aborted' });
    expect(await job.check()).toMatchObject({ state: 'Aborted' });
    await expect(job.poll(5, 10_000)).rejects.toThrow('Job has been aborted');
    await job.delete();
    await expect(job.check()).rejects.toMatchObject({ errorCode: 'NOT_FOUND' });
  });
});
