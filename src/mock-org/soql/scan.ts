import { setImmediate as nextMacrotask } from 'node:timers/promises';
import { performance } from 'node:perf_hooks';
import { queryTimeout } from './errors';

/**
 * Long work in slices. A scan of a 150,000-job org held the event loop 0.3–1.2 s, so every other
 * client of the fake REST API (and every other invocation in-process) waited for it. Work that
 * runs past one slice awaits a macrotask (setImmediate) before the next, and a scan that runs past
 * the query timeout fails with Salesforce's QUERY_TIMEOUT. Work that fits in one slice, which is
 * every indexed query, never checks the clock and never yields.
 */
export interface ScanBudget {
  /** Longest stretch of work between two yields, in ms. */
  readonly sliceMs: number;
  /** Longest a query may run, yields included, in ms. */
  readonly timeoutMs: number;
  /** The clock the budget is measured on (ms; injectable for tests). */
  readonly now: () => number;
}

/** Salesforce's synchronous query limit is 120 s; a slice of 10 ms keeps other requests' latency low. */
export const DEFAULT_SCAN_BUDGET: ScanBudget = { sliceMs: 10, timeoutMs: 120_000, now: () => performance.now() };

/** Rows visited between two looks at the clock: a look costs far more than a row. */
const CHECK_EVERY = 1024;

/** Where a loop stopped: the index of the first step not run. */
type Step = (i: number) => boolean;

/**
 * Runs `step(i)` for i = 0, 1, … count − 1 until it returns false. Without a budget it runs to the
 * end synchronously; with one it returns a number when it finished within the first slice and a
 * promise otherwise. Resolves to the index where it stopped.
 */
export function runSliced(count: number, step: Step, budget?: ScanBudget): number | Promise<number> {
  if (!budget || count <= CHECK_EVERY) return -runUntil(count, step, 0, Infinity, undefined) - 1;
  const started = budget.now();
  let i = runUntil(count, step, 0, started + budget.sliceMs, budget);
  if (i < 0) return -i - 1;
  return (async () => {
    for (;;) {
      await nextMacrotask();
      const sliceStart = budget.now();
      if (sliceStart - started > budget.timeoutMs) throw queryTimeout();
      i = runUntil(count, step, i, sliceStart + budget.sliceMs, budget);
      if (i < 0) return -i - 1;
    }
  })();
}

/** Steps from `from`; returns −(stop + 1) when done, or the next index when the slice ran out. */
function runUntil(count: number, step: Step, from: number, sliceEnd: number, budget: ScanBudget | undefined): number {
  let i = from;
  while (i < count) {
    if (!step(i)) return -(i + 1);
    i++;
    if (budget && i % CHECK_EVERY === 0 && i < count && budget.now() >= sliceEnd) return i;
  }
  return -(i + 1);
}
