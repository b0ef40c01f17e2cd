import { createCoalescingOrg, MAX_VALUES_PER_CHUNK } from '../../../src/orgs/coalescing/coalescing-org';
import {
  OrgError,
  type BatchQuery,
  type Binds,
  type DescribeResult,
  type Org,
  type QueryOptions,
  type QueryResult,
  type SObjectRecord,
} from '../../../src/core/org';

/**
 * The query merger on an org with a batch door (Org.queryBatch): a merged round needing several
 * chunks is one batch call, a failed chunk fails only the callers that asked for one of its values.
 */
const SOQL = 'SELECT Id FROM Thing WHERE Id IN :ids';
const MERGE: QueryOptions = { merge: { field: 'Id', bind: 'ids' } };

interface Behaviour {
  remote?: boolean;
  batch?: boolean;
  /** A query whose values hold this one fails with `error`. */
  failOn?: string;
  error?: OrgError;
  /** A query whose values hold this one answers one page of many. */
  pageShortOn?: string;
}

const idOf = (i: number): string => `a015w0000${String(i).padStart(6, '0')}AAA`;

/** Every value names a record of that Id; each query and batch call is recorded. */
function fakeOrg(behaviour: Behaviour = {}) {
  const queries: string[][] = [];
  const batches: string[][][] = [];
  const signals: (AbortSignal | undefined)[] = [];
  const answer = (binds: Binds | undefined): QueryResult<SObjectRecord> => {
    const values = ([] as unknown[]).concat(binds?.ids ?? []).map(String);
    if (behaviour.failOn !== undefined && values.includes(behaviour.failOn)) throw behaviour.error ?? new OrgError('UNKNOWN_EXCEPTION', 'failed', 500);
    const records = values.map((Id) => ({ attributes: { type: 'Thing', url: `/x/${Id}` }, Id }));
    const short = behaviour.pageShortOn !== undefined && values.includes(behaviour.pageShortOn);
    return { totalSize: records.length, done: !short, records: short ? records.slice(0, 1) : records };
  };
  const org: Org = {
    cacheKey: 'fake:admin',
    remote: behaviour.remote,
    async query<R = SObjectRecord>(_soql: string, binds?: Binds): Promise<QueryResult<R>> {
      queries.push(([] as unknown[]).concat(binds?.ids ?? []).map(String));
      return answer(binds) as unknown as QueryResult<R>;
    },
    async describe(sobject: string): Promise<DescribeResult> {
      return { name: sobject, label: sobject, keyPrefix: null, queryable: true, retrieveable: true, fields: [] };
    },
  };
  if (behaviour.batch !== false) {
    org.queryBatch = async <R = SObjectRecord>(list: readonly BatchQuery[], options?: QueryOptions): Promise<PromiseSettledResult<QueryResult<R>>[]> => {
      batches.push(list.map((q) => ([] as unknown[]).concat(q.binds?.ids ?? []).map(String)));
      signals.push(options?.signal);
      return list.map((q) => {
        try {
          return { status: 'fulfilled', value: answer(q.binds) as unknown as QueryResult<R> };
        } catch (reason) {
          return { status: 'rejected', reason };
        }
      });
    };
  }
  return { org, queries, batches, signals };
}

const sizes = (lists: string[][]): number[] => lists.map((l) => l.length);
const idsOf = (result: QueryResult): unknown[] => result.records.map((r) => r.Id);

describe('query merger with Org.queryBatch', () => {
  it('on a remote org, 700 concurrent callers cost one batch call of three chunks and no single query; each gets its own record', async () => {
    const { org, queries, batches } = fakeOrg({ remote: true });
    const c = createCoalescingOrg(org);
    const values = Array.from({ length: 700 }, (_, i) => idOf(i));
    const answers = await Promise.all(values.map((v) => c.query(SOQL, { ids: [v] }, MERGE)));
    expect(queries).toEqual([]);
    expect(batches.map(sizes)).toEqual([[MAX_VALUES_PER_CHUNK, MAX_VALUES_PER_CHUNK, 100]]);
    expect(answers.map(idsOf)).toEqual(values.map((v) => [v]));
  });

  it('on an in-memory org with a batch door, the first caller still goes alone and the other chunks share one batch call', async () => {
    const { org, queries, batches } = fakeOrg({ remote: false });
    const c = createCoalescingOrg(org);
    const values = Array.from({ length: 700 }, (_, i) => idOf(i));
    const answers = await Promise.all(values.map((v) => c.query(SOQL, { ids: [v] }, MERGE)));
    expect(queries).toEqual([[values[0]]]);
    expect(batches.map(sizes)).toEqual([[MAX_VALUES_PER_CHUNK, MAX_VALUES_PER_CHUNK, 99]]);
    expect(answers.map(idsOf)).toEqual(values.map((v) => [v]));
  });

  it('a round of one chunk is one ordinary query, not a batch', async () => {
    const { org, queries, batches } = fakeOrg({ remote: true });
    const c = createCoalescingOrg(org);
    await Promise.all([idOf(1), idOf(2), idOf(3)].map((v) => c.query(SOQL, { ids: [v] }, MERGE)));
    expect(batches).toEqual([]);
    expect(queries).toEqual([[idOf(1), idOf(2), idOf(3)]]);
  });

  it('without a batch door, the chunks are one query each, as before', async () => {
    const { org, queries } = fakeOrg({ remote: true, batch: false });
    const c = createCoalescingOrg(org);
    await Promise.all(Array.from({ length: 700 }, (_, i) => c.query(SOQL, { ids: [idOf(i)] }, MERGE)));
    expect(sizes(queries)).toEqual([MAX_VALUES_PER_CHUNK, MAX_VALUES_PER_CHUNK, 100]);
  });

  it.each([
    ['through the batch door', true],
    ['one query per chunk', false],
  ])('a failed chunk fails only the callers that asked for one of its values (%s)', async (_label, batch) => {
    const error = new OrgError('QUERY_TIMEOUT', 'Your query request was running for too long.', 400);
    // Value 350 sits in the second chunk (values 300–599).
    const { org } = fakeOrg({ remote: true, batch, failOn: idOf(350), error });
    const c = createCoalescingOrg(org);
    const single = Array.from({ length: 700 }, (_, i) => c.query(SOQL, { ids: [idOf(i)] }, MERGE));
    // A caller spanning the first and the second chunk needs the failed one too.
    const spanning = c.query(SOQL, { ids: [idOf(10), idOf(310)] }, MERGE);
    const settled = await Promise.allSettled([...single, spanning]);
    const failedAt = settled.flatMap((s, i) => (s.status === 'rejected' ? [i] : []));
    expect(failedAt).toEqual([...Array.from({ length: 300 }, (_, i) => 300 + i), 700]);
    for (const i of failedAt) expect((settled[i] as PromiseRejectedResult).reason).toBe(error);
    expect(idsOf((settled[0] as PromiseFulfilledResult<QueryResult>).value)).toEqual([idOf(0)]);
    expect(idsOf((settled[699] as PromiseFulfilledResult<QueryResult>).value)).toEqual([idOf(699)]);
  });

  it('a chunk answered with more than one page: the callers ask alone', async () => {
    const { org, queries, batches } = fakeOrg({ remote: true, pageShortOn: idOf(5) });
    const c = createCoalescingOrg(org);
    const values = Array.from({ length: 400 }, (_, i) => idOf(i));
    const answers = await Promise.all(values.map((v) => c.query(SOQL, { ids: [v] }, MERGE)));
    expect(batches).toHaveLength(1);
    expect(queries).toHaveLength(400);
    expect(answers.map(idsOf)).toEqual(values.map((v) => [v]));
  });

  it('on a remote org, a lone caller is held for its tick and then sent alone with its own values', async () => {
    const { org, queries, batches } = fakeOrg({ remote: true });
    const c = createCoalescingOrg(org);
    for (const v of [idOf(1), idOf(2)]) {
      const answer = c.query(SOQL, { ids: [v] }, MERGE);
      expect(queries).toHaveLength(v === idOf(1) ? 0 : 1);
      expect(idsOf(await answer)).toEqual([v]);
    }
    expect(queries).toEqual([[idOf(1)], [idOf(2)]]);
    expect(batches).toEqual([]);
  });

  it('the batch call ends only once every caller gave up', async () => {
    const { org, signals } = fakeOrg({ remote: true });
    let release: () => void = () => undefined;
    const gate = new Promise<void>((resolve) => (release = resolve));
    const batch = org.queryBatch!.bind(org);
    org.queryBatch = async <R = SObjectRecord>(list: readonly BatchQuery[], options?: QueryOptions): Promise<PromiseSettledResult<QueryResult<R>>[]> => {
      const answer = batch<R>(list, options);
      await gate;
      return answer;
    };
    const c = createCoalescingOrg(org);
    const controllers = Array.from({ length: 400 }, () => new AbortController());
    const pending = controllers.map((ctl, i) => c.query(SOQL, { ids: [idOf(i)] }, { ...MERGE, signal: ctl.signal }));
    await new Promise((resolve) => setImmediate(resolve));
    expect(signals).toHaveLength(1);
    controllers.slice(1).forEach((ctl) => ctl.abort(new Error('gave up')));
    expect(signals[0]!.aborted).toBe(false);
    controllers[0]!.abort(new Error('the last one gave up'));
    expect(signals[0]!.aborted).toBe(true);
    const settled = await Promise.allSettled(pending);
    expect(settled.every((s) => s.status === 'rejected')).toBe(true);
    expect((settled[0] as PromiseRejectedResult).reason).toMatchObject({ message: 'the last one gave up' });
    release();
  });
});

describe('CoalescingOrg and a caller’s own batch', () => {
  it('passes queryBatch through to the org as asked, and has none when the org has none', async () => {
    const { org, batches } = fakeOrg({ remote: true });
    const outcomes = await createCoalescingOrg(org).queryBatch!([
      { soql: SOQL, binds: { ids: [idOf(1)] } },
      { soql: SOQL, binds: { ids: [idOf(2)] } },
    ]);
    expect(batches).toEqual([[[idOf(1)], [idOf(2)]]]);
    expect(outcomes.map((o) => (o.status === 'fulfilled' ? idsOf(o.value) : o.reason))).toEqual([[idOf(1)], [idOf(2)]]);
    expect(createCoalescingOrg(fakeOrg({ batch: false }).org).queryBatch).toBeUndefined();
  });
});
