import { parseQuery } from '@jetstreamapp/soql-parser-js';
import { OrgError } from '../../../../src/core/org';
import type { QueryResult } from '../../../../src/core/org';
import type { MockOrg } from '../../../../src/mock-org/mock-org';
import { isPlainObject } from '../../../../src/core/plain-object';

/**
 * One public query and what Salesforce answers it with, worked out by hand from the documented
 * semantics and the corpus fixture (never copied from the mock's answer).
 */
export interface CorpusEntry {
  /** True: the query is Apex SOQL (WITH SECURITY_ENFORCED, FOR UPDATE…), run in-process; else it runs as the REST API runs it. */
  apex?: boolean;
  /** Where the query comes from (repository, file, test case number). */
  source: string;
  soql: string;
  /** Apex-style bind values for `:name` (Id tokens allowed). */
  binds?: Record<string, string | number | boolean | null | (string | number | boolean | null)[]>;
  /** Why the query differs from its source (names adapted to the fixture), or how the answer was worked out. */
  note?: string;
  /** Compare `attributes.type` too (by default the harness drops `attributes`; `attributes.url` is always dropped). */
  keepAttributes?: boolean;
  /** False: compare as a multiset although the query has ORDER BY (its keys tie, so Salesforce's order among them is not defined). */
  ordered?: false;
  expect: { records: unknown[] } | { totalSize: number } | { error: string; message?: string };
}

export type Outcome = 'right' | 'wrong' | 'refused' | 'crash';

export interface Verdict {
  readonly outcome: Outcome;
  /** Whether Salesforce answers the query (expect is records or totalSize). */
  readonly valid: boolean;
  /** Why it is not right: what the mock did instead. */
  readonly why?: string;
}

/** What every refusal of a valid feature says (soql/errors.ts `unsupported`). */
export const REFUSAL = /^The mock org does not support /;

/** The answer's record with `attributes` dropped (or only its url), recursively; child query results' records sorted. */
function normalized(value: unknown, keepAttributes: boolean): unknown {
  if (Array.isArray(value)) return value.map((item) => normalized(item, keepAttributes));
  if (!isPlainObject(value)) return value;
  const out: Record<string, unknown> = {};
  for (const [key, item] of Object.entries(value)) {
    if (key === 'attributes') {
      if (keepAttributes && isPlainObject(item)) out.attributes = { type: item.type };
      continue;
    }
    out[key] = normalized(item, keepAttributes);
  }
  // A parent-to-child subquery's records: their order is only defined by its own ORDER BY, which
  // the harness does not read, so they compare as a multiset.
  if (Array.isArray(out.records) && 'done' in out) out.records = sortedByText(out.records as unknown[]);
  return out;
}

function canonical(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonical).join(',')}]`;
  if (isPlainObject(value)) {
    return `{${Object.keys(value)
      .sort()
      .map((key) => `${JSON.stringify(key)}:${canonical(value[key])}`)
      .join(',')}}`;
  }
  return JSON.stringify(value);
}

const sortedByText = (records: readonly unknown[]): unknown[] =>
  [...records].sort((a, b) => (canonical(a) < canonical(b) ? -1 : canonical(a) > canonical(b) ? 1 : 0));

/** Whether the top-level query sorts its rows (then the records compare in order, else as a multiset). */
function isOrdered(soql: string): boolean {
  try {
    const orderBy = parseQuery(soql, { allowApexBindVariables: true }).orderBy;
    return Array.isArray(orderBy) ? orderBy.length > 0 : orderBy !== undefined;
  } catch {
    return false;
  }
}

function compareRecords(entry: CorpusEntry, soql: string, expected: unknown[], result: QueryResult): string | undefined {
  const keep = entry.keepAttributes === true;
  const ordered = entry.ordered !== false && isOrdered(soql);
  const want = normalized(expected, keep) as unknown[];
  const got = normalized(result.records, keep) as unknown[];
  const a = ordered ? want : sortedByText(want);
  const b = ordered ? got : sortedByText(got);
  if (canonical(a) !== canonical(b)) return `records differ${ordered ? ' (ordered)' : ''}: got ${JSON.stringify(got)}`;
  if (result.totalSize !== expected.length) return `totalSize ${result.totalSize}, expected ${expected.length}`;
  if (!result.done) return 'done is false';
  return undefined;
}

function judgeAnswer(entry: CorpusEntry, soql: string, result: QueryResult): Verdict {
  const expect = entry.expect;
  if ('error' in expect) return { outcome: 'wrong', valid: false, why: `answered (${result.totalSize} records) where Salesforce refuses with ${expect.error}` };
  if ('totalSize' in expect) {
    const ok = result.totalSize === expect.totalSize && result.records.length === 0;
    return ok
      ? { outcome: 'right', valid: true }
      : {
          outcome: 'wrong',
          valid: true,
          why: `totalSize ${result.totalSize} and ${result.records.length} records, expected totalSize ${expect.totalSize} and none`,
        };
  }
  const why = compareRecords(entry, soql, expect.records, result);
  return why ? { outcome: 'wrong', valid: true, why } : { outcome: 'right', valid: true };
}

function judgeError(entry: CorpusEntry, err: unknown): Verdict {
  const expect = entry.expect;
  const valid = !('error' in expect);
  if (!(err instanceof OrgError)) return { outcome: 'crash', valid, why: err instanceof Error ? `${err.name}: ${err.message}` : String(err) };
  if (REFUSAL.test(err.message)) return { outcome: 'refused', valid, why: err.message };
  const said = `${err.errorCode}: ${err.message}`;
  if (valid) return { outcome: 'wrong', valid, why: `refused with ${said} where Salesforce answers` };
  if (err.errorCode !== expect.error) return { outcome: 'wrong', valid, why: `${said}, expected ${expect.error}` };
  if (expect.message !== undefined && err.message !== expect.message)
    return { outcome: 'wrong', valid, why: `${said}, expected the message ${JSON.stringify(expect.message)}` };
  return { outcome: 'right', valid };
}

/** Runs a query as some client would: the org in process, or a real client over the fake REST API. */
export type QueryRunner = (soql: string, binds: CorpusEntry['binds']) => Promise<QueryResult>;

/** Runs the entry (already token-resolved) and classifies the answer. */
export async function judgeWith(run: QueryRunner, entry: CorpusEntry): Promise<Verdict> {
  let result: QueryResult;
  try {
    result = await run(entry.soql, entry.binds);
  } catch (err) {
    return judgeError(entry, err);
  }
  return judgeAnswer(entry, entry.soql, result);
}

/**
 * Runs the entry (already token-resolved) through the org in process and classifies the answer.
 * Public queries are what clients send over the API; an entry marked `apex` is Apex SOQL (the in-process view).
 */
export function judge(org: MockOrg, entry: CorpusEntry): Promise<Verdict> {
  const view = entry.apex ? org : org.overRestApi();
  return judgeWith((soql, binds) => view.query(soql, binds), entry);
}
