import { setImmediate as nextMacrotask } from 'node:timers/promises';
import { performance } from 'node:perf_hooks';
import type { Row } from '../store/store';
import { queryTimeout } from './errors';

/**
 * Long work in slices. A scan of a 150,000-job org held the event loop 0.3–1.2 s, so every other
 * client of the fake REST API (and every other invocation in-process) waited for it. Work that
 * runs past one slice awaits a macrotask (setImmediate) before the next, and a scan that runs past
 * the query timeout fails with Salesforce's QUERY_TIMEOUT. Work on at most 1,024 rows (the
 * service's indexed queries) never reads the clock and never yields.
 */
export interface ScanBudget {
  /** Longest stretch of work between two yields, in ms. */
  readonly sliceMs: number;
  /** Longest a query may run, yields included, in ms. */
  readonly timeoutMs: number;
  /** The clock the budget is measured on (ms; injectable for tests). */
  readonly now: () => number;
}

/** Salesforce cancels a SOQL query after 120 s of run time; a slice of 10 ms keeps other requests' wait short. */
export const DEFAULT_SCAN_BUDGET: ScanBudget = { sliceMs: 10, timeoutMs: 120_000, now: () => performance.now() };

/** Rows visited between two looks at the clock: a look costs far more than a row. */
export const ROWS_PER_CLOCK_LOOK = 1024;

/** One step of a loop; false stops it before index i. */
type Step = (i: number) => boolean;

/**
 * Runs `step(i)` for i = 0, 1, … count − 1 until it returns false. Without a budget it runs to the
 * end synchronously; with one it returns a number when it finished within the first slice and a
 * promise otherwise. Resolves to the index where it stopped.
 */
export function runSliced(count: number, step: Step, budget?: ScanBudget): number | Promise<number> {
  if (!budget || count <= ROWS_PER_CLOCK_LOOK) return -runUntil(count, step, 0, Infinity, undefined) - 1;
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
    if (budget && i % ROWS_PER_CLOCK_LOOK === 0 && i < count && budget.now() >= sliceEnd) return i;
  }
  return -(i + 1);
}

/** What a scan filters, and how many of the matches it keeps. */
export interface ScanInput {
  readonly candidates: readonly Row[];
  readonly test: ((row: Row) => boolean) | undefined;
  readonly offset: number;
  readonly limit: number;
}

/** The rows kept, and how many candidates were looked at. */
export interface ScanOutput {
  readonly rows: Row[];
  visited: number;
  skipped: number;
}

/**
 * Filters candidates with OFFSET and LIMIT, in slices like runSliced. Written as a plain loop
 * rather than a step closure: every in-process invocation runs it a few times on a handful of
 * indexed rows, and the closures cost that path about 5%.
 */
export function scanRows(input: ScanInput, budget?: ScanBudget): ScanOutput | Promise<ScanOutput> {
  const out: ScanOutput = { rows: [], visited: 0, skipped: 0 };
  if (!budget || input.candidates.length <= ROWS_PER_CLOCK_LOOK) {
    scanUntil(input, out, Infinity, undefined);
    return out;
  }
  const started = budget.now();
  if (scanUntil(input, out, started + budget.sliceMs, budget)) return out;
  return (async () => {
    for (;;) {
      await nextMacrotask();
      const sliceStart = budget.now();
      if (sliceStart - started > budget.timeoutMs) throw queryTimeout();
      if (scanUntil(input, out, sliceStart + budget.sliceMs, budget)) return out;
    }
  })();
}

/** Scans on from out.visited; true when the scan is done, false when the slice ran out. */
function scanUntil(input: ScanInput, out: ScanOutput, sliceEnd: number, budget: ScanBudget | undefined): boolean {
  const { candidates, test, offset, limit } = input;
  const rows = out.rows;
  const count = candidates.length;
  let i = out.visited;
  let skipped = out.skipped;
  let done = true;
  while (i < count && rows.length < limit) {
    const row = candidates[i++]!;
    if (test === undefined || test(row)) {
      if (skipped < offset) skipped++;
      else rows.push(row);
    }
    if (budget !== undefined && i % ROWS_PER_CLOCK_LOOK === 0 && i < count && budget.now() >= sliceEnd) {
      done = false;
      break;
    }
  }
  out.visited = i;
  out.skipped = skipped;
  return done;
}
