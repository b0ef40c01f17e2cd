import { isDeepStrictEqual } from 'node:util';
import type { CapturedQuery } from './capturing-org';

/** Where two sides' queries first part: the position in their sorted lists, and each side's query there (null: that side sent fewer). */
export interface QueryDifference {
  index: number;
  org: CapturedQuery | null;
  mock: CapturedQuery | null;
}

const ORDER_BY = /\bORDER\s+BY\b/i;

function byText(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/**
 * The binds as a comparable text: names in order, and a list's values as a set. A list bind only
 * feeds `IN`, and services gather its values from records an org answers in its own order.
 */
function bindsKey(binds: Readonly<Record<string, unknown>>): string {
  const canonical = Object.keys(binds)
    .sort(byText)
    .map((name) => {
      const value = binds[name];
      return [name, Array.isArray(value) ? value.map((v) => JSON.stringify(v)).sort(byText) : JSON.stringify(value)];
    });
  return JSON.stringify(canonical);
}

function keyOf(query: CapturedQuery): string {
  return `${query.soql}\u0000${bindsKey(query.binds)}`;
}

function recordKey(record: unknown): string {
  const id = typeof record === 'object' && record !== null ? (record as { Id?: unknown }).Id : undefined;
  return typeof id === 'string' ? id : JSON.stringify(record);
}

/** Records in order when the SOQL has ORDER BY; as sets by Id otherwise (the org's order is then its own). */
function recordsOf(query: CapturedQuery): unknown[] | undefined {
  if (query.records === undefined || ORDER_BY.test(query.soql)) return query.records;
  return [...query.records].sort((a, b) => byText(recordKey(a), recordKey(b)));
}

function sameQuery(a: CapturedQuery, b: CapturedQuery): boolean {
  return keyOf(a) === keyOf(b) && a.error === b.error && isDeepStrictEqual(recordsOf(a), recordsOf(b));
}

/**
 * The first difference between the queries one input sent to each side, or undefined when both
 * sent the same queries (text and binds, list binds as sets) and got the same records. Queries are
 * compared as lists sorted by text and binds: a service may send its independent queries in any order.
 */
export function compareQueries(org: readonly CapturedQuery[], mock: readonly CapturedQuery[]): QueryDifference | undefined {
  const byKey = (a: CapturedQuery, b: CapturedQuery): number => byText(keyOf(a), keyOf(b));
  const left = [...org].sort(byKey);
  const right = [...mock].sort(byKey);
  for (let index = 0; index < Math.max(left.length, right.length); index++) {
    const a = left[index];
    const b = right[index];
    if (a === undefined || b === undefined || !sameQuery(a, b)) return { index, org: a ?? null, mock: b ?? null };
  }
  return undefined;
}

/** Output maps compare exactly: the same keys with deeply equal values. */
export function sameOutput(org: unknown, mock: unknown): boolean {
  return isDeepStrictEqual(org, mock);
}
