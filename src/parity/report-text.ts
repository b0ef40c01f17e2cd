import type { CapturedQuery } from './capturing-org';
import { isOrdered, recordKey, recordsOf, type QueryDifference } from './compare';
import type { ParityDifference, ParityReport } from './run-parity';
import { valueDifferences, type ValueDifference } from './value-differences';

/** Detail lines a difference may take: the full maps and records are in `--json`. */
const MAX_DETAILS = 8;
const MAX_VALUE_CHARS = 120;

function seconds(ms: number): string {
  return `${(ms / 1000).toFixed(1)} s`;
}

function count(n: number, word: string): string {
  return `${n.toLocaleString('en-US')} ${word}${n === 1 ? '' : 's'}`;
}

function shown(value: unknown): string {
  const text = value === undefined ? '(absent)' : JSON.stringify(value);
  return text.length > MAX_VALUE_CHARS ? `${text.slice(0, MAX_VALUE_CHARS - 1)}…` : text;
}

function valueLines(label: string, differences: readonly ValueDifference[]): string[] {
  return differences.map((d) => `    ${label}${d.path}: org ${shown(d.org)}, mock ${shown(d.mock)}`);
}

function soqlOf(query: CapturedQuery): string {
  const lists = Object.values(query.binds).filter(Array.isArray) as unknown[][];
  const values = lists.reduce((n, list) => n + list.length, 0);
  return `${query.soql}${values > 0 ? ` (${count(values, 'bind value')})` : ''}`;
}

/** The records two answers of one query disagree on: by position under ORDER BY, by Id otherwise. */
function recordLines(org: CapturedQuery, mock: CapturedQuery): string[] {
  const a = recordsOf(org) ?? [];
  const b = recordsOf(mock) ?? [];
  const lines: string[] = [];
  if (isOrdered(org.soql)) {
    for (let i = 0; i < Math.max(a.length, b.length) && lines.length < MAX_DETAILS; i++) {
      lines.push(...valueLines(`record ${i + 1} `, valueDifferences(a[i], b[i], MAX_DETAILS - lines.length)));
    }
    return lines;
  }
  const mockByKey = new Map(b.map((record) => [recordKey(record), record]));
  for (const record of a) {
    if (lines.length >= MAX_DETAILS) return lines;
    const key = recordKey(record);
    const other = mockByKey.get(key);
    mockByKey.delete(key);
    if (other === undefined) lines.push(`    record ${key}: only the org answered it`);
    else lines.push(...valueLines(`record ${key} `, valueDifferences(record, other, MAX_DETAILS - lines.length)));
  }
  for (const key of mockByKey.keys()) {
    if (lines.length >= MAX_DETAILS) break;
    lines.push(`    record ${key}: only the mock answered it`);
  }
  return lines;
}

function queryLines(difference: QueryDifference): string[] {
  const { org, mock, index } = difference;
  const where = `  query ${index + 1}`;
  if (org === null) return [`${where}, only the mock was sent: ${soqlOf(mock!)}`];
  if (mock === null) return [`${where}, only the org was sent: ${soqlOf(org)}`];
  const head = `${where}: ${soqlOf(org)}`;
  if (org.error !== undefined || mock.error !== undefined) return [head, `    error: org ${shown(org.error)}, mock ${shown(mock.error)}`];
  return [head, ...recordLines(org, mock)];
}

/**
 * A difference as a person reads it: the service and input, then where the output maps part (one
 * line per differing leaf, values cut short) and the first query answered differently, down to the
 * records and fields. `--json` carries both sides whole.
 */
export function differenceLines(difference: ParityDifference): string[] {
  const lines = [`${difference.service} ${JSON.stringify(difference.input)}`];
  const outputs = valueDifferences(difference.org, difference.mock, MAX_DETAILS);
  lines.push(...(outputs.length === 0 ? ['  output: the same on both'] : valueLines('output ', outputs).map((line) => line.replace(/^ {4}/, '  '))));
  if (difference.queries !== undefined) lines.push(...queryLines(difference.queries));
  return lines;
}

/** The text of `ipemu parity`: a block per difference kept, a line for those only counted, then the summary. */
export function reportLines(report: ParityReport): string[] {
  const lines = report.differences.flatMap(differenceLines);
  const omitted = report.differenceCount - report.differences.length;
  if (omitted > 0) lines.push(`… and ${count(omitted, 'more difference')} (not printed)`);
  lines.push(
    `parity: ${count(report.compared, 'input')} across ${count(report.services.length, 'service')}, ${count(report.differenceCount, 'difference')} (org ${seconds(report.orgMs)}, mock ${seconds(report.mockMs)})`,
  );
  return lines;
}
