import { parse } from 'csv-parse/sync';
import type { SObjectRecord } from '../../../../src/core/org';
import { JOBS, policyId, runJob, startBulkServer, VERSION, type BulkServer } from './bulk-fixtures';

/* `GET /jobs/query/<id>/results`: CSV pages with Sforce-Locator and Sforce-NumberOfRecords, as Salesforce writes them. */

let bulk: BulkServer;
beforeEach(async () => {
  bulk = await startBulkServer();
});
afterEach(async () => {
  await bulk.server.close();
});

interface Page {
  status: number;
  locator: string | null;
  count: string | null;
  contentType: string | null;
  text: string;
}

async function page(id: string, query = ''): Promise<Page> {
  const res = await bulk.call(bulk.jobsUrl(`/${id}/results${query}`), { headers: { accept: 'text/csv' } });
  return {
    status: res.status,
    locator: res.headers.get('sforce-locator'),
    count: res.headers.get('sforce-numberofrecords'),
    contentType: res.headers.get('content-type'),
    text: await res.text(),
  };
}

/** Every page of a job, following Sforce-Locator until `null`. */
async function allPages(id: string, maxRecords?: number): Promise<Page[]> {
  const pages: Page[] = [];
  let locator: string | null = '';
  while (locator !== 'null') {
    const params = new URLSearchParams();
    if (locator) params.set('locator', locator);
    if (maxRecords !== undefined) params.set('maxRecords', String(maxRecords));
    const query = params.toString();
    const next: Page = await page(id, query ? `?${query}` : '');
    if (next.status !== 200) throw new Error(`page answered ${next.status}: ${next.text}`);
    pages.push(next);
    locator = next.locator;
  }
  return pages;
}

/** The REST API's records as CSV cells: null empty, booleans and numbers as text, datetimes with Z. */
function restCells(records: SObjectRecord[], fields: string[]): string[][] {
  return records.map((record) =>
    fields.map((field) => {
      const value = field.split('.').reduce<unknown>((v, key) => (v && typeof v === 'object' ? (v as Record<string, unknown>)[key] : undefined), record);
      if (value === null || value === undefined) return '';
      return typeof value === 'string' ? value.replace(/\+0000$/, 'Z') : String(value);
    }),
  );
}

async function restRecords(soql: string): Promise<SObjectRecord[]> {
  const out: SObjectRecord[] = [];
  let url: string | undefined = `/services/data/${VERSION}/query?q=${encodeURIComponent(soql)}`;
  while (url) {
    const body = (await (await bulk.call(url)).json()) as { records: SObjectRecord[]; nextRecordsUrl?: string };
    out.push(...body.records);
    url = body.nextRecordsUrl;
  }
  return out;
}

describe('the CSV', () => {
  it('writes the header in SELECT order, every cell quoted, quotes doubled, null as "", booleans true/false, parent fields as Parent.Field', async () => {
    const soql = 'SELECT Name, Id, IsPolicyEditLocked, ParentPolicy.Name, ReferencePolicyNumber FROM InsurancePolicy ORDER BY Id LIMIT 3';
    const { id } = await runJob(bulk, { operation: 'query', query: soql });
    const result = await page(id);
    expect(result.status).toBe(200);
    expect(result.contentType).toBe('text/csv; charset=UTF-8');
    expect(result.locator).toBe('null');
    expect(result.count).toBe('3');
    expect(result.text).toBe(
      [
        '"Name","Id","IsPolicyEditLocked","ParentPolicy.Name","ReferencePolicyNumber"',
        `"Plain","${policyId(1)}","true","","REF-1"`,
        `"Has ""quotes"", and a comma","${policyId(2)}","false","Plain",""`,
        `"Two\nlines","${policyId(3)}","false","Has ""quotes"", and a comma","REF-3"`,
        '',
      ].join('\n'),
    );
  });

  it('writes datetimes in UTC with Z and numbers as written', async () => {
    const { id } = await runJob(bulk, {
      operation: 'query',
      query: 'SELECT Id, CreatedDate, NumberOfErrors FROM AsyncApexJob WHERE NumberOfErrors = 6 ORDER BY CreatedDate LIMIT 1',
    });
    const [, row] = (await page(id)).text.split('\n');
    expect(row).toMatch(/^"707\w{15}","2026-11-01T10:00:06\.000Z","6"$/);
  });

  it.each([
    ['PIPE', 'CRLF', '|', '\r\n'],
    ['SEMICOLON', 'LF', ';', '\n'],
    ['TAB', 'LF', '\t', '\n'],
    ['CARET', 'CRLF', '^', '\r\n'],
    ['BACKQUOTE', 'LF', '`', '\n'],
  ])('writes columnDelimiter %s and lineEnding %s', async (columnDelimiter, lineEnding, delimiter, eol) => {
    const { id } = await runJob(bulk, {
      operation: 'query',
      query: `SELECT Id, Name FROM InsurancePolicy WHERE Id = '${policyId(4)}'`,
      columnDelimiter,
      lineEnding,
    });
    const { text } = await page(id);
    expect(text).toBe(`"Id"${delimiter}"Name"${eol}"${policyId(4)}"${delimiter}"Pipe | caret ^ tab\t"${eol}`);
  });

  it('answers a query that matches nothing with the header row alone and Sforce-NumberOfRecords 0', async () => {
    const { id } = await runJob(bulk, { operation: 'query', query: "SELECT Id, Name FROM InsurancePolicy WHERE Name = 'none'" });
    expect(await page(id)).toMatchObject({ status: 200, text: '"Id","Name"\n', count: '0', locator: 'null' });
  });
});

describe('paging with Sforce-Locator', () => {
  const soql = 'SELECT Id, Status, NumberOfErrors, ExtendedStatus, CreatedDate FROM AsyncApexJob';
  const fields = ['Id', 'Status', 'NumberOfErrors', 'ExtendedStatus', 'CreatedDate'];

  it('pages by maxRecords with a header row on every page, and the pages re-assemble to exactly the REST /query answer', async () => {
    const { id } = await runJob(bulk, { operation: 'query', query: soql });
    const pages = await allPages(id, 1000);
    expect(pages.map((p) => p.count)).toEqual(['1000', '1000', '1000', '1000', '500']);
    const rows: string[][] = [];
    for (const p of pages) {
      const [header, ...body] = parse(p.text) as string[][];
      expect(header).toEqual(fields);
      rows.push(...body);
    }
    expect(rows).toHaveLength(JOBS);
    expect(rows).toEqual(restCells(await restRecords(soql), fields));
  });

  it('without maxRecords answers up to 50,000 records in one page', async () => {
    const { id } = await runJob(bulk, { operation: 'query', query: soql });
    const first = await page(id);
    expect([first.count, first.locator]).toEqual([String(JOBS), 'null']);
  });

  it('hands out locators that name offsets (base64, as Salesforce’s MTAwMDA), stable and readable again', async () => {
    const { id } = await runJob(bulk, { operation: 'query', query: soql });
    const first = await page(id, '?maxRecords=1000');
    expect(first.locator).toBe(Buffer.from('1000').toString('base64').replace(/=+$/, ''));
    const again = await page(id, `?locator=${first.locator}&maxRecords=1000`);
    const twice = await page(id, `?locator=${first.locator}&maxRecords=1000`);
    expect(again.text).toBe(twice.text);
    expect(again.locator).toBe(Buffer.from('2000').toString('base64').replace(/=+$/, ''));
    // A later page may ask for another size: the locator is an offset.
    const rest = await page(id, `?locator=${first.locator}`);
    expect([rest.count, rest.locator]).toEqual(['3500', 'null']);
  });

  it.each([
    ['a locator it never gave', 'INVALID_LOCATOR', '?locator=bm9wZQ'],
    ['a locator past the end', 'INVALID_LOCATOR', `?locator=${Buffer.from('9999').toString('base64').replace(/=+$/, '')}`],
    ['maxRecords 0', 'INVALIDJOB', '?maxRecords=0'],
    ['maxRecords that is not a number', 'INVALIDJOB', '?maxRecords=ten'],
  ])('refuses %s with 400 %s', async (_what, code, query) => {
    const { id } = await runJob(bulk, { operation: 'query', query: soql });
    const res = await page(id, query);
    expect(res.status).toBe(400);
    expect((JSON.parse(res.text) as { errorCode: string }[])[0]!.errorCode).toBe(code);
  });

  it('answers 409 for results asked in another API version than the job’s', async () => {
    const { id } = await runJob(bulk, { operation: 'query', query: soql });
    const res = await bulk.call(`/services/data/v63.0/jobs/query/${id}/results`);
    expect(res.status).toBe(409);
  });
});

describe('snapshot and operations', () => {
  it('answers from the rows as they were when the job ran: a later insert, update and delete are not in its results', async () => {
    const soql = 'SELECT Id, Name FROM InsurancePolicy ORDER BY Id';
    const { id } = await runJob(bulk, { operation: 'query', query: soql });
    const before = (await page(id)).text;
    const added = bulk.org.createSync('InsurancePolicy', { Name: 'Added later' });
    bulk.org.updateSync('InsurancePolicy', policyId(1), { Name: 'Renamed later' });
    bulk.org.deleteSync('InsurancePolicy', policyId(5));
    const after = (await page(id)).text;
    expect(after).toBe(before);
    expect(after).toContain('"Plain"');
    expect(after).toContain(`"${policyId(5)}"`);
    expect(after).not.toContain(added);
    // A new job sees the writes.
    const fresh = (await page((await runJob(bulk, { operation: 'query', query: soql })).id)).text;
    expect(fresh).toContain('"Renamed later"');
    expect(fresh).toContain(added);
    expect(fresh).not.toContain(`"${policyId(5)}"`);
  });

  it('keeps the parent fields as they were too: a parent renamed or deleted after the job ran is not seen in Parent.Field columns', async () => {
    const soql = 'SELECT Id, ParentPolicy.Name, ParentPolicy.IsPolicyEditLocked FROM InsurancePolicy ORDER BY Id';
    const { id } = await runJob(bulk, { operation: 'query', query: soql });
    const before = (await page(id)).text;
    expect(before).toContain(`"${policyId(2)}","Plain","true"`);
    bulk.org.updateSync('InsurancePolicy', policyId(1), { Name: 'Renamed later', IsPolicyEditLocked: false });
    bulk.org.deleteSync('InsurancePolicy', policyId(2));
    expect((await page(id)).text).toBe(before);
    const paged = (await allPages(id, 2)).map((p) => p.text.split('\n').slice(1, -1).join('\n')).join('\n');
    expect(paged).toBe(before.split('\n').slice(1, -1).join('\n'));
    const fresh = (await page((await runJob(bulk, { operation: 'query', query: soql })).id)).text;
    expect(fresh).toContain(`"${policyId(5)}","Renamed later","false"`);
  });

  it('queryAll includes deleted records with IsDeleted true; query leaves them out', async () => {
    bulk.org.deleteSync('InsurancePolicy', policyId(2));
    const soql = 'SELECT Id, IsDeleted FROM InsurancePolicy ORDER BY Id';
    const all = parse((await page((await runJob(bulk, { operation: 'queryAll', query: soql })).id)).text) as string[][];
    expect(all).toContainEqual([policyId(2), 'true']);
    expect(all).toHaveLength(6);
    const live = parse((await page((await runJob(bulk, { operation: 'query', query: soql })).id)).text) as string[][];
    expect(live.map((r) => r[0])).not.toContain(policyId(2));
    expect(live).toHaveLength(5);
  });

  it('frees a job’s results on DELETE: its results answer 404 NOT_FOUND', async () => {
    const { id } = await runJob(bulk, { operation: 'query', query: 'SELECT Id FROM AsyncApexJob' });
    expect((await page(id)).status).toBe(200);
    expect((await bulk.call(bulk.jobsUrl(`/${id}`), { method: 'DELETE' })).status).toBe(204);
    const gone = await page(id);
    expect(gone.status).toBe(404);
    expect(JSON.parse(gone.text)).toEqual([{ errorCode: 'NOT_FOUND', message: 'The requested resource does not exist' }]);
  });
});
