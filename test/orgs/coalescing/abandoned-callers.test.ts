import { createCoalescingOrg } from '../../../src/orgs/coalescing/coalescing-org';
import { OrgError, type Binds, type DescribeResult, type Org, type QueryOptions, type QueryResult, type SObjectRecord } from '../../../src/core/org';
import { selectWhereIn } from '../../../src/salesforce/select-where-in';

/**
 * Issue 12 item 3: callers sharing one request (a describe in flight, a merged query) may each give
 * up (their invocation timed out) without failing the others; the shared request is aborted, and a
 * describe dropped from the cache, only once every caller gave up. The org here answers only when
 * the test says so, and shows the signal each request was given.
 */

interface Pending {
  binds?: Binds;
  signal: AbortSignal | undefined;
  answer(value: unknown): void;
  fail(err: unknown): void;
}

function heldOrg() {
  const pending: Pending[] = [];
  const wait = <T>(options: QueryOptions | undefined, binds?: Binds): Promise<T> =>
    new Promise<T>((resolve, reject) => pending.push({ binds, signal: options?.signal, answer: (v) => resolve(v as T), fail: reject }));
  const org: Org = {
    cacheKey: 'held:admin',
    query: <R = SObjectRecord>(_soql: string, binds?: Binds, options?: QueryOptions) => wait<QueryResult<R>>(options, binds),
    describe: (_sobject: string, options?: QueryOptions) => wait<DescribeResult>(options),
  };
  return { org, pending };
}

const THING: DescribeResult = { name: 'Thing', label: 'Thing', keyPrefix: null, queryable: true, retrieveable: true, fields: [] };
const BY_CODE = selectWhereIn('Thing', ['Id', 'Code'], 'Code', 'codes');
const rows = (...codes: string[]): QueryResult => ({
  totalSize: codes.length,
  done: true,
  records: codes.map((Code) => ({ attributes: { type: 'Thing', url: `/x/${Code}` }, Id: Code, Code })),
});
const gaveUp = (): Error => new Error('this caller gave up');

describe('createCoalescingOrg: a describe in flight shared by callers who may give up', () => {
  it('one caller giving up is rejected alone: the describe is not aborted, the other caller gets it, and it stays cached', async () => {
    const { org, pending } = heldOrg();
    const c = createCoalescingOrg(org);
    const quitter = new AbortController();
    const patient = new AbortController();
    const first = c.describe('Thing', { signal: quitter.signal });
    const second = c.describe('Thing', { signal: patient.signal });
    expect(pending).toHaveLength(1);
    quitter.abort(gaveUp());
    await expect(first).rejects.toThrow('this caller gave up');
    expect(pending[0]!.signal!.aborted).toBe(false);
    pending[0]!.answer(THING);
    await expect(second).resolves.toBe(THING);
    await expect(c.describe('Thing')).resolves.toBe(THING);
    expect(pending).toHaveLength(1);
  });

  it('every caller giving up aborts the shared describe and drops it: the next call asks the org again', async () => {
    const { org, pending } = heldOrg();
    const c = createCoalescingOrg(org);
    const a = new AbortController();
    const b = new AbortController();
    const first = c.describe('Thing', { signal: a.signal });
    const second = c.describe('thing', { signal: b.signal });
    a.abort(gaveUp());
    b.abort(gaveUp());
    await expect(first).rejects.toThrow('this caller gave up');
    await expect(second).rejects.toThrow('this caller gave up');
    expect(pending[0]!.signal!.aborted).toBe(true);
    const again = c.describe('Thing');
    expect(pending).toHaveLength(2);
    pending[1]!.answer(THING);
    await expect(again).resolves.toBe(THING);
  });
});

describe('createCoalescingOrg: a describe that failed', () => {
  it('is dropped under every spelling it was asked by: the next call, however spelled, asks the org again', async () => {
    const { org, pending } = heldOrg();
    const c = createCoalescingOrg(org);
    const asked = [c.describe('Thing'), c.describe('THING'), c.describe('thing')];
    expect(pending).toHaveLength(1);
    pending[0]!.fail(new OrgError('SERVER_UNAVAILABLE', 'try later', 503));
    for (const call of asked) await expect(call).rejects.toMatchObject({ errorCode: 'SERVER_UNAVAILABLE' });
    const again = c.describe('THING');
    expect(pending).toHaveLength(2);
    pending[1]!.answer(THING);
    await expect(again).resolves.toBe(THING);
  });
});

describe('createCoalescingOrg: a merged query shared by callers who may give up', () => {
  /** A lone first caller goes out at once; the two after it are held and merged into one request. */
  function mergedPair(c: Org, pending: Pending[]) {
    const lead = c.query(BY_CODE.soql, { codes: ['Lead'] }, BY_CODE.options);
    const a = new AbortController();
    const b = new AbortController();
    const alpha = c.query(BY_CODE.soql, { codes: ['Alpha'] }, { ...BY_CODE.options, signal: a.signal });
    const beta = c.query(BY_CODE.soql, { codes: ['Beta'] }, { ...BY_CODE.options, signal: b.signal });
    return { lead, a, b, alpha, beta, flushed: () => new Promise((resolve) => process.nextTick(resolve)).then(() => pending[1]!) };
  }

  it('one caller giving up is rejected at once; the merged request goes on and the other caller gets its rows', async () => {
    const { org, pending } = heldOrg();
    const c = createCoalescingOrg(org);
    const { lead, a, alpha, beta, flushed } = mergedPair(c, pending);
    const merged = await flushed();
    expect(merged.binds).toEqual({ codes: ['Alpha', 'Beta'] });
    a.abort(gaveUp());
    await expect(alpha).rejects.toThrow('this caller gave up');
    expect(merged.signal!.aborted).toBe(false);
    merged.answer(rows('Alpha', 'Beta'));
    expect((await beta).records.map((r) => r.Id)).toEqual(['Beta']);
    pending[0]!.answer(rows('Lead'));
    await lead;
  });

  it('the merged request is aborted once every one of its callers gave up', async () => {
    const { org, pending } = heldOrg();
    const c = createCoalescingOrg(org);
    const { lead, a, b, alpha, beta, flushed } = mergedPair(c, pending);
    const merged = await flushed();
    a.abort(gaveUp());
    expect(merged.signal!.aborted).toBe(false);
    b.abort(gaveUp());
    expect(merged.signal!.aborted).toBe(true);
    await expect(alpha).rejects.toThrow('this caller gave up');
    await expect(beta).rejects.toThrow('this caller gave up');
    pending[0]!.answer(rows('Lead'));
    await lead;
  });
});
