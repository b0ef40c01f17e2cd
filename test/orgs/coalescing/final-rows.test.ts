import type { Binds, Org, QueryResult, SObjectRecord } from '../../../src/core/org';
import { createCoalescingOrg } from '../../../src/orgs/coalescing/coalescing-org';
import { FinalRowCache, MAX_FINAL_ROW_TTL_MS } from '../../../src/orgs/coalescing/final-rows';
import { JOBS } from '../../../src/services/ins-policy-service/job-link';
import { makeId } from '../../../src/salesforce/ids';

/** A remote org of jobs whose Status a test moves; it records the job Ids each query asked for. */
class JobOrg implements Org {
  readonly asked: string[][] = [];
  readonly status = new Map<string, string>();

  constructor(
    readonly cacheKey: string,
    readonly remote: boolean = true,
  ) {}

  async query<R = SObjectRecord>(_soql: string, binds?: Binds): Promise<QueryResult<R>> {
    const ids = (binds?.jobIds ?? []) as string[];
    this.asked.push([...ids]);
    const records = ids
      .filter((id) => this.status.has(id))
      .map((Id) => ({
        attributes: { type: 'AsyncApexJob', url: `/services/data/v64.0/sobjects/AsyncApexJob/${Id}` },
        Id,
        Status: this.status.get(Id)!,
        NumberOfErrors: 0,
        ExtendedStatus: null,
        CreatedDate: '2026-11-01T10:00:00.000+0000',
      }));
    return { totalSize: records.length, done: true, records: records as unknown as R[] };
  }

  async describe(): Promise<never> {
    throw new Error('not used');
  }
}

const A = makeId('707', 1);
const B = makeId('707', 2);
const C = makeId('707', 3);

function statusesOf(result: QueryResult): Record<string, unknown> {
  return Object.fromEntries(result.records.map((r) => [r.Id as string, r.Status]));
}

describe('final AsyncApexJob rows kept above a remote org (issue 14 item 5)', () => {
  let now: number;
  const perf = { now: () => now };
  let cache: FinalRowCache;

  beforeEach(() => {
    now = 1_000;
    cache = new FinalRowCache({ perf });
  });

  const jobs = (org: Org, ids: string[]): Promise<QueryResult> => org.query(JOBS.soql, { jobIds: ids }, JOBS.options);

  test('a Completed, Failed or Aborted job is asked once: later queries answer it without a request', async () => {
    const remote = new JobOrg('user-1');
    remote.status.set(A, 'Completed').set(B, 'Failed').set(C, 'Aborted');
    const org = createCoalescingOrg(remote, { finalRows: cache });
    const first = await jobs(org, [A, B, C]);
    const second = await jobs(org, [A, B, C]);
    expect(remote.asked).toEqual([[A, B, C]]);
    expect(statusesOf(second)).toEqual({ [A]: 'Completed', [B]: 'Failed', [C]: 'Aborted' });
    expect(second.records).toEqual(first.records);
    expect(second).toMatchObject({ totalSize: 3, done: true });
  });

  test('a pending job is asked on every query, until it is final; then never again', async () => {
    const remote = new JobOrg('user-1');
    remote.status.set(A, 'Queued');
    const org = createCoalescingOrg(remote, { finalRows: cache });
    expect(statusesOf(await jobs(org, [A]))).toEqual({ [A]: 'Queued' });
    remote.status.set(A, 'Processing');
    expect(statusesOf(await jobs(org, [A]))).toEqual({ [A]: 'Processing' });
    remote.status.set(A, 'Completed');
    expect(statusesOf(await jobs(org, [A]))).toEqual({ [A]: 'Completed' });
    expect(statusesOf(await jobs(org, [A]))).toEqual({ [A]: 'Completed' });
    expect(remote.asked).toEqual([[A], [A], [A]]);
  });

  test('only the values not kept are asked for; the answer holds kept and asked rows alike', async () => {
    const remote = new JobOrg('user-1');
    remote.status.set(A, 'Completed').set(B, 'Processing');
    const org = createCoalescingOrg(remote, { finalRows: cache });
    await jobs(org, [A]);
    const mixed = await jobs(org, [A, B]);
    expect(remote.asked).toEqual([[A], [B]]);
    expect(statusesOf(mixed)).toEqual({ [A]: 'Completed', [B]: 'Processing' });
    expect(mixed.totalSize).toBe(2);
  });

  test('an Id in another case, or asked twice, is the same kept row, answered once', async () => {
    const remote = new JobOrg('user-1');
    remote.status.set(A, 'Completed');
    const org = createCoalescingOrg(remote, { finalRows: cache });
    await jobs(org, [A]);
    const again = await jobs(org, [A.toUpperCase(), A]);
    expect(remote.asked).toHaveLength(1);
    expect(again.records.map((r) => r.Id)).toEqual([A]);
  });

  test('rows are kept per org user (cacheKey): another user on the same cache asks the org itself', async () => {
    const one = new JobOrg('org#user-1');
    const two = new JobOrg('org#user-2');
    one.status.set(A, 'Completed');
    two.status.set(A, 'Completed');
    await jobs(createCoalescingOrg(one, { finalRows: cache }), [A]);
    await jobs(createCoalescingOrg(two, { finalRows: cache }), [A]);
    await jobs(createCoalescingOrg(two, { finalRows: cache }), [A]);
    expect(one.asked).toEqual([[A]]);
    expect(two.asked).toEqual([[A]]);
  });

  test('a kept row expires after the TTL and is asked again', async () => {
    cache = new FinalRowCache({ perf, ttlMs: 60_000 });
    const remote = new JobOrg('user-1');
    remote.status.set(A, 'Completed');
    const org = createCoalescingOrg(remote, { finalRows: cache });
    await jobs(org, [A]);
    now += 59_000;
    await jobs(org, [A]);
    expect(remote.asked).toHaveLength(1);
    now += 2_000;
    await jobs(org, [A]);
    expect(remote.asked).toHaveLength(2);
  });

  test('the cache is bounded: past max rows the least recently used is dropped and asked again', async () => {
    cache = new FinalRowCache({ perf, max: 2 });
    const remote = new JobOrg('user-1');
    remote.status.set(A, 'Completed').set(B, 'Completed').set(C, 'Completed');
    const org = createCoalescingOrg(remote, { finalRows: cache });
    await jobs(org, [A]);
    await jobs(org, [B]);
    await jobs(org, [C]);
    expect(cache.size).toBe(2);
    await jobs(org, [B, C]);
    await jobs(org, [A]);
    expect(remote.asked).toEqual([[A], [B], [C], [A]]);
  });

  test('by default a row is kept for a day', async () => {
    const remote = new JobOrg('user-1');
    remote.status.set(A, 'Completed');
    const org = createCoalescingOrg(remote, { finalRows: cache });
    await jobs(org, [A]);
    now += 86_400_000 - 1_000;
    await jobs(org, [A]);
    expect(remote.asked).toHaveLength(1);
    now += 2_000;
    await jobs(org, [A]);
    expect(remote.asked).toHaveLength(2);
  });

  test('the TTL may not exceed a day; max must be at least 1', () => {
    expect(MAX_FINAL_ROW_TTL_MS).toBe(86_400_000);
    expect(() => new FinalRowCache({ ttlMs: MAX_FINAL_ROW_TTL_MS + 1 })).toThrow(/at most 86400000 ms/);
    expect(() => new FinalRowCache({ ttlMs: 0 })).toThrow(/above 0/);
    expect(() => new FinalRowCache({ max: 0 })).toThrow(/at least 1/);
  });

  test('an in-memory org (not remote) is never cached: every query reaches it', async () => {
    const local = new JobOrg('mock', false);
    local.status.set(A, 'Completed');
    const org = createCoalescingOrg(local, { finalRows: cache });
    await jobs(org, [A]);
    await jobs(org, [A]);
    expect(local.asked).toHaveLength(2);
    expect(cache.size).toBe(0);
  });

  test('a query that declares no final rows is never cached', async () => {
    const remote = new JobOrg('user-1');
    remote.status.set(A, 'Completed');
    const org = createCoalescingOrg(remote, { finalRows: cache });
    const plain = { merge: JOBS.options.merge };
    await org.query(JOBS.soql, { jobIds: [A] }, plain);
    await org.query(JOBS.soql, { jobIds: [A] }, plain);
    expect(remote.asked).toHaveLength(2);
  });

  test('concurrent callers: only the pending jobs reach the org, and the query merger still merges them', async () => {
    const D = makeId('707', 4);
    const remote = new JobOrg('user-1');
    remote.status.set(A, 'Completed').set(B, 'Queued').set(C, 'Queued').set(D, 'Processing');
    const org = createCoalescingOrg(remote, { finalRows: cache });
    await jobs(org, [A]);
    const answers = await Promise.all([jobs(org, [A]), jobs(org, [B]), jobs(org, [C]), jobs(org, [D])]);
    expect(answers.map(statusesOf)).toEqual([{ [A]: 'Completed' }, { [B]: 'Queued' }, { [C]: 'Queued' }, { [D]: 'Processing' }]);
    // On a remote org the merger holds even the first caller of a burst for its tick: one request for the three.
    expect(remote.asked).toEqual([[A], [B, C, D]]);
  });
});
