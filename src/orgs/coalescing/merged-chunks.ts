import type { Org, QueryOptions, QueryResult, SObjectRecord } from '../../core/org';
import { shareOut, type Waiter } from './share-out';
import type { MergeValue } from './value-chunks';

/**
 * One merged round's chunks (value-chunks.ts) as requests, and their answers shared out. An org
 * with a batch door (`Org.queryBatch`: a real org's `/composite`, one API call for up to 5
 * queries) gets every chunk in one call, so a round of up to 5 chunks (1,500 Ids) costs one
 * request; any other org gets one query per chunk.
 */

type Outcome = PromiseSettledResult<QueryResult<SObjectRecord>>;

/** One outcome per chunk, in order; none rejects the whole round. */
export function sendChunks(org: Org, soql: string, bind: string, chunks: readonly MergeValue[][], options: QueryOptions): Promise<Outcome[]> {
  if (chunks.length > 1 && org.queryBatch) {
    return org.queryBatch<SObjectRecord>(
      chunks.map((chunk) => ({ soql, binds: { [bind]: chunk } })),
      options,
    );
  }
  return Promise.allSettled(chunks.map((chunk) => org.query<SObjectRecord>(soql, { [bind]: chunk }, options)));
}

/** The failed chunk a waiter needed, if any: a waiter whose values all sit in answered chunks is answered. */
function failureFor(waiter: Waiter, chunkOf: ReadonlyMap<string, number>, outcomes: readonly Outcome[]): PromiseRejectedResult | undefined {
  for (const value of waiter.values) {
    const outcome = outcomes[chunkOf.get(String(value))!];
    if (outcome?.status === 'rejected') return outcome;
  }
  return undefined;
}

/**
 * Answers each waiter from the chunks' outcomes: a failed chunk fails only the waiters that asked
 * for one of its values (with that chunk's error); the others get their records. When an answered
 * chunk holds more rows than one page, the merged answer is incomplete: `askAlone` sends those
 * waiters' own queries.
 */
export function settleWaiters(
  fieldPath: readonly string[],
  waiters: readonly Waiter[],
  chunks: readonly MergeValue[][],
  outcomes: readonly Outcome[],
  askAlone: (waiter: Waiter) => void,
): void {
  let answering: readonly Waiter[] = waiters;
  if (outcomes.some((o) => o.status === 'rejected')) {
    const chunkOf = new Map<string, number>();
    chunks.forEach((chunk, index) => {
      for (const value of chunk) chunkOf.set(String(value), index);
    });
    const unharmed: Waiter[] = [];
    for (const waiter of waiters) {
      const failed = failureFor(waiter, chunkOf, outcomes);
      if (failed) waiter.reject(failed.reason);
      else unharmed.push(waiter);
    }
    answering = unharmed;
  }
  if (answering.length === 0) return;
  const results = outcomes.flatMap((o) => (o.status === 'fulfilled' ? [o.value] : []));
  if (results.some((r) => !r.done)) {
    for (const waiter of answering) askAlone(waiter);
    return;
  }
  shareOut(
    fieldPath,
    answering,
    results.flatMap((r) => r.records),
  );
}
