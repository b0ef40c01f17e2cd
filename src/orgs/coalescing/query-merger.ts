import { LRUCache } from 'lru-cache';
import type { Binds, Org, QueryMerge, QueryOptions, QueryResult, SObjectRecord } from '../../core/org';
import { Callers } from './callers';
import type { Waiter } from './share-out';
import { sendChunks, settleWaiters } from './merged-chunks';
import { baseBytesOf, chunkValues, type MergeValue } from './value-chunks';

/**
 * Query merging (DESIGN.md §1; issue 3 item 3). Invocations in flight at the same time share
 * their queries: queries of one SOQL text that their callers declared mergeable (QueryMerge),
 * issued within one tick, become one query with the union of the values, and each caller gets
 * back the records whose WHERE field matches one of its own values.
 *
 * A caller is held for the merge only when it has company: another query of its text is in flight
 * or already held, or callers met recently (`contended`). A sequential loop, whose every query is
 * answered before the next is asked, is sent straight through with no tick and no batch, except on
 * a remote org (`Org.remote`), where each caller waits a tick: a tick is nothing next to a request.
 * A round needing several chunks goes through the org's batch door where it has one
 * (merged-chunks.ts): on a real org, up to 1,500 Ids cost one request.
 */

/** Lanes kept at most; services send a handful of texts, a plugin building texts must not grow this forever. */
const MAX_LANES = 1_000;

/** Everything known about one SOQL text: how it merges, and who is asking for it now. */
interface Lane {
  readonly soql: string;
  readonly merge: QueryMerge;
  readonly fieldPath: readonly string[];
  /** Encoded length of the SOQL text without its values. */
  readonly baseBytes: number;
  /** Queries of this text sent at once and not yet answered. */
  inFlight: number;
  /** Callers held for the next flush. */
  waiters: Waiter[] | undefined;
  /** Who of the held callers still waits: their merged query is aborted once none does. */
  callers: Callers | undefined;
  /** The held callers are one caller who found nothing of this text in flight. */
  alone: boolean;
  /** Counts one query sent alone as answered (one function per lane, not one per query). */
  readonly answered: () => void;
}

/** The bind's values when every one can be matched back to records (strings and finite numbers). */
function mergeable(value: unknown): MergeValue[] | null {
  const list: unknown[] = Array.isArray(value) ? value : [value];
  for (const v of list) if (typeof v !== 'string' && !(typeof v === 'number' && Number.isFinite(v))) return null;
  return list as MergeValue[];
}

function sameMerge(a: QueryMerge, b: QueryMerge): boolean {
  // Callers pass the same frozen declaration each time (selectWhereIn), so identity settles it first.
  return a === b || (a.bind === b.bind && a.field.toLowerCase() === b.field.toLowerCase());
}

type QueryFn = <R = SObjectRecord>(soql: string, binds?: Binds, options?: QueryOptions) => Promise<QueryResult<R>>;

export function createQueryMerger(org: Org): QueryFn {
  const lanes = new LRUCache<string, Lane>({ max: MAX_LANES });
  /** Lanes with held callers, sent together at the next flush. */
  let held: Lane[] = [];
  /**
   * Callers have met (one arrived while its text was in flight or held): until a flush finds only
   * lone callers, every caller is held for the flush, so the later steps of invocations that
   * started together merge too, and the first caller of a burst does not race ahead alone.
   */
  let contended = false;
  const holdLoneCallers = org.remote === true;

  // An evicted lane only loses its in-flight count: its held callers are still reached through `held`.
  function laneFor(soql: string, merge: QueryMerge): Lane {
    const known = lanes.get(soql);
    if (known !== undefined) return known;
    const lane: Lane = {
      soql,
      merge,
      fieldPath: merge.field.split('.'),
      baseBytes: baseBytesOf(soql),
      inFlight: 0,
      waiters: undefined,
      callers: undefined,
      alone: false,
      answered: () => {
        lane.inFlight--;
      },
    };
    lanes.set(soql, lane);
    return lane;
  }

  /** Sends one caller's query at once, counting it in flight until it is answered. */
  function sendAlone<R>(lane: Lane, binds: Binds, options?: QueryOptions): Promise<QueryResult<R>> {
    const answer = org.query<R>(lane.soql, binds, options);
    lane.inFlight++;
    // Registered before the caller's own reaction, so the count is down before the caller goes on.
    answer.then(lane.answered, lane.answered);
    return answer;
  }

  async function sendMerged(lane: Lane, waiters: Waiter[], callers: Callers): Promise<void> {
    const bind = lane.merge.bind;
    if (waiters.length === 1) {
      const only = waiters[0]!;
      sendAlone<SObjectRecord>(lane, { [bind]: only.values }, only.options).then(only.resolve, only.reject);
      return;
    }
    const seen = new Map<string, MergeValue>();
    for (const waiter of waiters) for (const v of waiter.values) if (!seen.has(String(v))) seen.set(String(v), v);
    try {
      const chunks = chunkValues([...seen.values()], lane.baseBytes);
      // No one caller's deadline may end the merged query: it ends when every caller gave up.
      const outcomes = await sendChunks(org, lane.soql, bind, chunks, callers);
      settleWaiters(lane.fieldPath, waiters, chunks, outcomes, (w) => {
        org.query<SObjectRecord>(lane.soql, { [bind]: w.values }, w.options).then(w.resolve, w.reject);
      });
    } catch (err) {
      for (const waiter of waiters) waiter.reject(err);
    }
  }

  function flush(): void {
    const lanesToSend = held;
    held = [];
    // Only lone callers who met nobody: the burst is over, later callers go at once again.
    contended = !lanesToSend.every((lane) => lane.alone);
    for (const lane of lanesToSend) {
      const waiters = lane.waiters ?? [];
      const callers = lane.callers ?? new Callers();
      lane.waiters = undefined;
      lane.callers = undefined;
      void sendMerged(lane, waiters, callers);
    }
  }

  /** Holds a caller for the flush after the current microtask chain drains (a Promise.all of invocations is gathered). */
  function hold<R>(lane: Lane, values: readonly MergeValue[], options: QueryOptions | undefined): Promise<QueryResult<R>> {
    if (lane.waiters === undefined) {
      lane.waiters = [];
      lane.callers = new Callers();
      lane.alone = lane.inFlight === 0;
      if (held.length === 0) process.nextTick(flush);
      held.push(lane);
    } else lane.alone = false;
    const waiters = lane.waiters;
    const callers = lane.callers!;
    return new Promise<QueryResult<SObjectRecord>>((resolve, reject) => {
      // A caller who gave up is rejected at once; its share of the answer, if any, goes nowhere.
      const leave = callers.join(options, reject);
      waiters.push({
        values,
        options,
        resolve: (result) => {
          leave();
          resolve(result);
        },
        reject: (err) => {
          leave();
          reject(err);
        },
      });
    }) as Promise<QueryResult<R>>;
  }

  return function query<R = SObjectRecord>(soql: string, binds?: Binds, options?: QueryOptions): Promise<QueryResult<R>> {
    const merge = options?.merge;
    const values = merge && binds ? mergeable(binds[merge.bind]) : null;
    if (!merge || !binds || !values) return org.query<R>(soql, binds, options);
    const lane = laneFor(soql, merge);
    // The same text declared with another WHERE field cannot share this lane's answers.
    if (!sameMerge(lane.merge, merge)) return org.query<R>(soql, binds, options);
    const lone = lane.inFlight === 0 && lane.waiters === undefined && !contended;
    // Nobody else is asking this text: a sequential caller is not held back, but on a remote org,
    // where a request costs far more than a tick, it waits one tick so that the first caller of a
    // burst joins the others' request instead of costing one of its own.
    if (lone && !holdLoneCallers) return sendAlone<R>(lane, binds, options);
    if (!lone) contended = true;
    return hold<R>(lane, values, options);
  };
}
