import { isDeepStrictEqual } from 'node:util';
import type { CapturedQuery } from './capturing-org';

/** Where two sides' queries first part: the position in the org's queries, and each side's query there (null: that side did not send it). */
export interface QueryDifference {
  index: number;
  org: CapturedQuery | null;
  mock: CapturedQuery | null;
}

const ORDER_BY = /\bORDER\s+BY\b/i;

/** Whether a query's records compare in order (it has ORDER BY) rather than as a set by Id. */
export function isOrdered(soql: string): boolean {
  return ORDER_BY.test(soql);
}

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

/** A record's key in a comparison: its Id, else its JSON. */
export function recordKey(record: unknown): string {
  const id = typeof record === 'object' && record !== null ? (record as { Id?: unknown }).Id : undefined;
  return typeof id === 'string' ? id : JSON.stringify(record);
}

/**
 * Records in order when the SOQL has ORDER BY; as sets by Id otherwise: "There's no guarantee of
 * the order of results unless you use an ORDER BY clause in a query"
 * (https://developer.salesforce.com/docs/atlas.en-us.soql_sosl.meta/soql_sosl/sforce_api_calls_soql_select_orderby.htm).
 * The same page warns that ties in the ORDER BY fields may come in any order: (ipemu) parity still
 * compares them in order, and the built-in services send no ORDER BY.
 */
export function recordsOf(query: CapturedQuery): unknown[] | undefined {
  if (query.records === undefined) return undefined;
  const records = withoutApiVersion(query.records);
  return isOrdered(query.soql) ? records : records.sort((a, b) => byText(recordKey(a), recordKey(b)));
}

const VERSIONED_URL = /"\/services\/data\/v\d+\.\d+\//g;

/**
 * (ipemu) The records with the API version left out of each `attributes.url`: it is the version the
 * client asked for (`--api-version`, SF_* env), not the org's data, and the mock answers in its own.
 */
function withoutApiVersion(records: readonly unknown[]): unknown[] {
  return JSON.parse(JSON.stringify(records).replace(VERSIONED_URL, '"/services/data/')) as unknown[];
}

/** Two queries of the same text and binds: the same error, or the same records. */
function sameAnswer(a: CapturedQuery, b: CapturedQuery): boolean {
  return a.error === b.error && isDeepStrictEqual(recordsOf(a), recordsOf(b));
}

/**
 * The first difference between the queries one input sent to each side, or undefined when both
 * sent the same queries (text and binds, list binds as sets) and got the same records. Each of the
 * org's queries, in the order it was sent, is matched with the mock's query of the same text and
 * binds (a service may send independent queries in either order): the first without a match, or
 * whose records differ, is the difference; else the first query only the mock was sent.
 */
export function compareQueries(org: readonly CapturedQuery[], mock: readonly CapturedQuery[]): QueryDifference | undefined {
  const unmatched = new Map<string, number[]>();
  mock.forEach((query, i) => {
    const key = keyOf(query);
    unmatched.set(key, [...(unmatched.get(key) ?? []), i]);
  });
  for (let index = 0; index < org.length; index++) {
    const a = org[index]!;
    const candidates = unmatched.get(keyOf(a));
    const match = candidates?.shift();
    if (match === undefined) return { index, org: a, mock: null };
    const b = mock[match]!;
    if (!sameAnswer(a, b)) return { index, org: a, mock: b };
  }
  const left = [...unmatched.values()].flat().sort((x, y) => x - y)[0];
  return left === undefined ? undefined : { index: org.length, org: null, mock: mock[left]! };
}

/** Output maps compare exactly: the same keys with deeply equal values. */
export function sameOutput(org: unknown, mock: unknown): boolean {
  return isDeepStrictEqual(org, mock);
}
