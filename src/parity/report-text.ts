import type { ParityDifference, ParityReport } from './run-parity';

function seconds(ms: number): string {
  return `${(ms / 1000).toFixed(1)} s`;
}

function count(n: number, word: string): string {
  return `${n.toLocaleString('en-US')} ${word}${n === 1 ? '' : 's'}`;
}

/** One line: the service, the input, then each side's output map (and the first query that differs, when one does). */
export function differenceLine(difference: ParityDifference): string {
  const line = `${difference.service} ${JSON.stringify(difference.input)} org: ${JSON.stringify(difference.org)} mock: ${JSON.stringify(difference.mock)}`;
  const queries = difference.queries;
  if (queries === undefined) return line;
  return `${line} queries: org: ${JSON.stringify(queries.org)} mock: ${JSON.stringify(queries.mock)}`;
}

/** The text of `ipemu parity`: a line per difference kept, a line for those only counted, then the summary. */
export function reportLines(report: ParityReport): string[] {
  const lines = report.differences.map(differenceLine);
  const omitted = report.differenceCount - report.differences.length;
  if (omitted > 0) lines.push(`… and ${count(omitted, 'more difference')} (not printed)`);
  lines.push(
    `parity: ${count(report.compared, 'input')} across ${count(report.services.length, 'service')}, ${count(report.differenceCount, 'difference')} (org ${seconds(report.orgMs)}, mock ${seconds(report.mockMs)})`,
  );
  return lines;
}
