import { get } from 'lodash';
import { parseQuery } from '@jetstreamapp/soql-parser-js';
import { createCoalescingOrg, MAX_VALUES_PER_CHUNK } from '../../../src/orgs/coalescing/coalescing-org';
import { Binds, DescribeResult, Org, OrgError, QueryOptions, QueryResult, SObjectRecord } from '../../../src/core/org';
import { selectWhereIn } from '../../../src/salesforce/select-where-in';

jest.mock('@jetstreamapp/soql-parser-js', () => {
  const actual = jest.requireActual('@jetstreamapp/soql-parser-js');
  return { ...actual, parseQuery: jest.fn(actual.parseQuery) };
});

interface Call {
  soql: string;
  binds?: Binds;
}

/**
 * A small Org that answers `… WHERE <path> IN :<bind>` over a fixed table, comparing strings
 * case-insensitively as SOQL does, and records each request.
 */
function fakeOrg(rows: Record<string, unknown>[], behaviour: { fail?: OrgError; pageSize?: number } = {}) {
  const calls: Call[] = [];
  const describes: string[] = [];
  const org: Org = {
    cacheKey: 'fake:admin',
    async query<R = SObjectRecord>(soql: string, binds?: Binds): Promise<QueryResult<R>> {
      calls.push({ soql, binds });
      if (behaviour.fail) throw behaviour.fail;
      const match = /WHERE\s+(\S+)\s+IN\s+:(\w+)/i.exec(soql);
      let records = rows;
      if (match && binds) {
        const wanted = new Set(([] as unknown[]).concat(binds[match[2]!]).map((v) => String(v).toLowerCase()));
        records = rows.filter((r) => wanted.has(String(get(r, match[1]!)).toLowerCase()));
      }
      const out = records.map((r) => ({ attributes: { type: 'Thing', url: `/x/${String(r.Id)}` }, ...r }));
      const done = behaviour.pageSize === undefined || out.length <= behaviour.pageSize;
      return { totalSize: out.length, done, records: (done ? out : out.slice(0, behaviour.pageSize)) as unknown as R[] };
    },
    async describe(sobject: string): Promise<DescribeResult> {
      describes.push(sobject);
      if (sobject === 'Hidden') throw new OrgError('INVALID_TYPE', `sObject type '${sobject}' is not supported.`);
      if (sobject === 'Flaky') throw new OrgError('SERVER_UNAVAILABLE', 'try later', 503);
      return { name: sobject, label: sobject, keyPrefix: null, queryable: true, retrieveable: true, fields: [] };
    },
  };
  return { org, calls, describes };
}

const ROWS = [
  { Id: 'a015w000000AAAAAAA', Code: 'Alpha', Parent: { Code: 'P1' } },
  { Id: 'a015w000000BBBBAAA', Code: 'beta', Parent: { Code: 'P1' } },
  { Id: 'a015w000000CCCCAAA', Code: 'Gamma', Parent: { Code: 'p2' } },
];
const BY_CODE_QUERY = selectWhereIn('Thing', ['Id', 'Code'], 'Code', 'codes');
const BY_CODE = BY_CODE_QUERY.soql;
/** The caller's declaration that BY_CODE may be merged: the coalescing layer never reads the SOQL text. */
const MERGE = BY_CODE_QUERY.options;
const mergeOn = (field: string, bind: string): QueryOptions => ({ merge: { field, bind } });

const ids = (result: QueryResult): unknown[] => result.records.map((r) => r.Id);

describe('createCoalescingOrg: queries in flight together share one request', () => {
  it('sends the first caller of a text in a tick at once, with its own binds', async () => {
    const { org, calls } = fakeOrg(ROWS);
    const c = createCoalescingOrg(org);
    const [lead, other] = await Promise.all([c.query(BY_CODE, { codes: ['Alpha'] }, MERGE), c.query(BY_CODE, { codes: ['beta'] }, MERGE)]);
    expect(calls[0]).toEqual({ soql: BY_CODE, binds: { codes: ['Alpha'] } });
    expect(ids(lead)).toEqual([ROWS[0]!.Id]);
    expect(ids(other)).toEqual([ROWS[1]!.Id]);
  });

  it('once a tick has seen concurrent callers, holds the first caller too: a burst costs one request', async () => {
    const { org, calls } = fakeOrg(ROWS);
    const c = createCoalescingOrg(org);
    await Promise.all([c.query(BY_CODE, { codes: ['Alpha'] }, MERGE), c.query(BY_CODE, { codes: ['beta'] }, MERGE)]);
    expect(calls).toHaveLength(2);
    calls.length = 0;
    const [a, b, g] = await Promise.all([
      c.query(BY_CODE, { codes: ['Alpha'] }, MERGE),
      c.query(BY_CODE, { codes: ['beta'] }, MERGE),
      c.query(BY_CODE, { codes: ['Gamma'] }, MERGE),
    ]);
    expect(calls).toEqual([{ soql: BY_CODE, binds: { codes: ['Alpha', 'beta', 'Gamma'] } }]);
    expect([ids(a), ids(b), ids(g)]).toEqual([[ROWS[0]!.Id], [ROWS[1]!.Id], [ROWS[2]!.Id]]);
    // A sequential caller after the burst is held for its tick (nothing sent synchronously)…
    calls.length = 0;
    const held = c.query(BY_CODE, { codes: ['Alpha'] }, MERGE);
    expect(calls).toHaveLength(0);
    await held;
    expect(calls).toHaveLength(1);
    // …and, that tick having had one caller, the next one is sent at once.
    const direct = c.query(BY_CODE, { codes: ['beta'] }, MERGE);
    expect(calls).toHaveLength(2);
    await direct;
  });

  it('merges the later callers of the same SOQL text in one tick and gives each only its records', async () => {
    const { org, calls } = fakeOrg(ROWS);
    const c = createCoalescingOrg(org);
    const [, a, b, none] = await Promise.all([
      c.query(BY_CODE, { codes: ['lead'] }, MERGE),
      c.query(BY_CODE, { codes: ['ALPHA'] }, MERGE),
      c.query(BY_CODE, { codes: ['Beta', 'gamma'] }, MERGE),
      c.query(BY_CODE, { codes: ['delta'] }, MERGE),
    ]);
    expect(calls).toHaveLength(2);
    expect(ids(a)).toEqual([ROWS[0]!.Id]);
    expect(ids(b)).toEqual([ROWS[1]!.Id, ROWS[2]!.Id]);
    expect(none).toEqual({ totalSize: 0, done: true, records: [] });
    expect(a.totalSize).toBe(1);
  });

  it('sends the union of the values once each', async () => {
    const { org, calls } = fakeOrg(ROWS);
    const c = createCoalescingOrg(org);
    await Promise.all([
      c.query(BY_CODE, { codes: ['lead'] }, MERGE),
      c.query(BY_CODE, { codes: ['Alpha', 'beta'] }, MERGE),
      c.query(BY_CODE, { codes: ['beta'] }, MERGE),
      c.query(BY_CODE, { codes: ['Alpha'] }, MERGE),
    ]);
    expect(calls[1]!.binds).toEqual({ codes: ['Alpha', 'beta'] });
  });

  it('matches a 15-character Id to its 18-character record, case-sensitively', async () => {
    const { org } = fakeOrg([{ Id: '0015w00000AbCdEAAB', Code: 'x' }]);
    const c = createCoalescingOrg(org);
    const soql = 'SELECT Id FROM Thing WHERE Id IN :ids';
    const [, exact, otherCase, full] = await Promise.all([
      c.query(soql, { ids: ['0015w00000ZZZZZAAA'] }, mergeOn('Id', 'ids')),
      c.query(soql, { ids: ['0015w00000AbCdE'] }, mergeOn('Id', 'ids')),
      c.query(soql, { ids: ['0015w00000abcde'] }, mergeOn('Id', 'ids')),
      c.query(soql, { ids: ['0015W00000ABCDEAAB'] }, mergeOn('Id', 'ids')),
    ]);
    expect(ids(exact)).toEqual(['0015w00000AbCdEAAB']);
    expect(ids(otherCase)).toEqual([]);
    expect(ids(full)).toEqual(['0015w00000AbCdEAAB']);
  });

  it('reads a parent path in the WHERE field', async () => {
    const { org, calls } = fakeOrg(ROWS);
    const c = createCoalescingOrg(org);
    const soql = 'SELECT Id, Parent.Code FROM Thing WHERE Parent.Code IN :parents';
    const byParent = mergeOn('Parent.Code', 'parents');
    const [, p1, p2] = await Promise.all([
      c.query(soql, { parents: ['none'] }, byParent),
      c.query(soql, { parents: ['p1'] }, byParent),
      c.query(soql, { parents: ['P2'] }, byParent),
    ]);
    expect(calls).toHaveLength(2);
    expect(ids(p1)).toEqual([ROWS[0]!.Id, ROWS[1]!.Id]);
    expect(ids(p2)).toEqual([ROWS[2]!.Id]);
  });

  it('chunks merged values: at most MAX_VALUES_PER_CHUNK Ids per request', async () => {
    const { org, calls } = fakeOrg([]);
    const c = createCoalescingOrg(org);
    const values = Array.from({ length: 700 }, (_, i) => `a015w0000${String(i).padStart(6, '0')}AAA`);
    await Promise.all(values.map((v) => c.query('SELECT Id FROM Thing WHERE Id IN :ids', { ids: [v] }, mergeOn('Id', 'ids'))));
    // The first caller went alone; the other 699 share requests of at most MAX_VALUES_PER_CHUNK.
    expect(calls.map((call) => (call.binds?.ids as string[]).length)).toEqual([1, MAX_VALUES_PER_CHUNK, MAX_VALUES_PER_CHUNK, 99]);
  });

  it('keeps each rendered request under the 16,384-byte URL limit for long strings', async () => {
    const { org, calls } = fakeOrg([]);
    const c = createCoalescingOrg(org);
    const values = Array.from({ length: 200 }, (_, i) => `${"O'Brien \\ ".repeat(20)}${i}`);
    await Promise.all(values.map((v) => c.query(BY_CODE, { codes: [v] }, MERGE)));
    expect(calls.length).toBeGreaterThan(1);
    for (const call of calls) {
      const rendered = (call.binds?.codes as string[]).map((v) => `'${v.replace(/[\\']/g, '\\$&')}'`).join(',');
      const url = `/services/data/v64.0/query?q=${encodeURIComponent(BY_CODE.replace(':codes', `(${rendered})`))}`;
      expect(url.length).toBeLessThan(16_384);
    }
    expect(calls.flatMap((call) => call.binds?.codes as string[]).sort()).toEqual([...values].sort());
  });

  it('passes a query whose caller declared no merge straight through, whatever its text', async () => {
    const { org, calls } = fakeOrg(ROWS);
    const c = createCoalescingOrg(org);
    await Promise.all([c.query(BY_CODE, { codes: ['Alpha'] }), c.query(BY_CODE, { codes: ['beta'] }), c.query(BY_CODE, { codes: ['Gamma'] })]);
    expect(calls.map((call) => call.binds)).toEqual([{ codes: ['Alpha'] }, { codes: ['beta'] }, { codes: ['Gamma'] }]);
  });

  it('does not merge different SOQL texts, binds that are not strings or numbers, or a text declared with another WHERE field', async () => {
    const { org, calls } = fakeOrg(ROWS);
    const c = createCoalescingOrg(org);
    await Promise.all([
      c.query(BY_CODE, { codes: ['Alpha'] }, MERGE),
      c.query('SELECT Id, Code FROM Thing WHERE Id IN :codes', { codes: ['x'] }, mergeOn('Id', 'codes')),
      c.query(BY_CODE, { codes: [new Date(0)] }, MERGE),
      c.query(BY_CODE, { codes: ['beta'] }, mergeOn('Id', 'codes')),
    ]);
    expect(calls).toHaveLength(4);
  });

  it("never parses SOQL: what may be merged is the caller's declaration", async () => {
    const spy = parseQuery as jest.MockedFunction<typeof parseQuery>;
    spy.mockClear();
    const { org } = fakeOrg(ROWS);
    const c = createCoalescingOrg(org);
    await Promise.all([c.query(BY_CODE, { codes: ['Alpha'] }, MERGE), c.query(BY_CODE, { codes: ['beta'] }, MERGE), c.query(BY_CODE, { codes: ['x'] })]);
    expect(spy).not.toHaveBeenCalled();
  });

  it('does not slow a sequential loop: each query answers before the next macrotask', async () => {
    const { org, calls } = fakeOrg(ROWS);
    const c = createCoalescingOrg(org);
    for (const code of ['Alpha', 'beta', 'Gamma']) {
      // The macrotask is queued first, so a flush on any timer or immediate would lose the race.
      const macrotask = new Promise((resolve) => setImmediate(() => resolve('macrotask')));
      const winner = await Promise.race([c.query(BY_CODE, { codes: [code] }, MERGE), macrotask]);
      expect(winner).not.toBe('macrotask');
    }
    expect(calls).toHaveLength(3);
  });

  it('sends each query of a sequential loop synchronously, never holding it for a flush', async () => {
    const { org, calls } = fakeOrg(ROWS);
    const c = createCoalescingOrg(org);
    const codes = ['Alpha', 'beta', 'Gamma', 'Alpha', 'beta'];
    for (let i = 0; i < codes.length; i++) {
      const answer = c.query(BY_CODE, { codes: [codes[i]!] }, MERGE);
      // Sent before query() returned: no tick, no batch.
      expect(calls).toHaveLength(i + 1);
      expect(ids(await answer)).toEqual([ROWS.find((r) => r.Code === codes[i])!.Id]);
    }
  });

  it('holds a caller that arrives while the same text is in flight, and merges it with the others of its tick', async () => {
    const { org, calls } = fakeOrg(ROWS);
    let release!: () => void;
    const gate = new Promise<void>((resolve) => (release = resolve));
    const slow: Org = {
      ...org,
      query: async (soql, binds, options) => {
        await gate;
        return org.query(soql, binds, options);
      },
    };
    const c = createCoalescingOrg(slow);
    const first = c.query(BY_CODE, { codes: ['Alpha'] }, MERGE);
    await new Promise((resolve) => setImmediate(resolve)); // the first is still in flight in a later macrotask
    const later = [c.query(BY_CODE, { codes: ['beta'] }, MERGE), c.query(BY_CODE, { codes: ['Gamma'] }, MERGE)];
    release();
    const [a, b, g] = await Promise.all([first, ...later]);
    expect(calls).toEqual([
      { soql: BY_CODE, binds: { codes: ['Alpha'] } },
      { soql: BY_CODE, binds: { codes: ['beta', 'Gamma'] } },
    ]);
    expect([ids(a), ids(b!), ids(g!)]).toEqual([[ROWS[0]!.Id], [ROWS[1]!.Id], [ROWS[2]!.Id]]);
  });

  it('an error of a merged query reaches every caller', async () => {
    const { org } = fakeOrg(ROWS, { fail: new OrgError('REQUEST_LIMIT_EXCEEDED', 'TotalRequests Limit exceeded.', 403) });
    const c = createCoalescingOrg(org);
    const results = await Promise.allSettled([c.query(BY_CODE, { codes: ['Alpha'] }, MERGE), c.query(BY_CODE, { codes: ['beta'] }, MERGE)]);
    expect(results.map((r) => r.status)).toEqual(['rejected', 'rejected']);
    for (const r of results) expect((r as PromiseRejectedResult).reason).toMatchObject({ errorCode: 'REQUEST_LIMIT_EXCEEDED' });
  });

  it('when the merged answer has more than one page, each caller asks alone', async () => {
    const { org, calls } = fakeOrg(ROWS, { pageSize: 2 });
    const c = createCoalescingOrg(org);
    const [, a, b] = await Promise.all([
      c.query(BY_CODE, { codes: ['lead'] }, MERGE),
      c.query(BY_CODE, { codes: ['Alpha'] }, MERGE),
      c.query(BY_CODE, { codes: ['beta', 'Gamma'] }, MERGE),
    ]);
    // The leader, the merged request (cut short at two rows), then each of the two callers alone.
    expect(calls).toHaveLength(4);
    expect(ids(a)).toEqual([ROWS[0]!.Id]);
    expect(ids(b)).toEqual([ROWS[1]!.Id, ROWS[2]!.Id]);
  });

  it('wraps an org once', () => {
    const c = createCoalescingOrg(fakeOrg(ROWS).org);
    expect(createCoalescingOrg(c)).toBe(c);
  });
});

describe('createCoalescingOrg: describe cache', () => {
  it('shares an in-flight describe and caches it per cacheKey', async () => {
    const { org, describes } = fakeOrg(ROWS);
    const c = createCoalescingOrg(org);
    const [a, b] = await Promise.all([c.describe('Thing'), c.describe('Thing')]);
    await c.describe('thing');
    await c.describe('Other');
    expect(a).toBe(b);
    expect(describes).toEqual(['Thing', 'Other']);
  });

  it('caches a stable refusal (INVALID_TYPE) but retries a transient failure', async () => {
    const { org, describes } = fakeOrg(ROWS);
    const c = createCoalescingOrg(org);
    for (let i = 0; i < 2; i++) {
      await expect(c.describe('Hidden')).rejects.toMatchObject({ errorCode: 'INVALID_TYPE' });
      await expect(c.describe('Flaky')).rejects.toMatchObject({ errorCode: 'SERVER_UNAVAILABLE' });
    }
    expect(describes).toEqual(['Hidden', 'Flaky', 'Flaky']);
  });
});
