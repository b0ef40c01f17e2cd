import type { SObjectRecord } from '../../core/org';
import type { Row } from '../store/store';
import type { Plan } from './compile';

const NO_ROWS: readonly Row[] = Object.freeze([]);

/** The rows a query matched, kept as rows; records are projected from them when asked. */
export interface Selection {
  readonly totalSize: number;
  /** How many records the selection holds (0 for COUNT()). */
  readonly length: number;
  readonly rows: readonly Row[];
  /** Builds the returned record of one of the rows (as of the query's time). */
  readonly project: (row: Row) => SObjectRecord;
  /** Records [start, end), projected now. */
  records(start: number, end: number): SObjectRecord[];
}

export function selectionOf(plan: Plan, rows: readonly Row[], elapsed: number): Selection {
  const project = (row: Row): SObjectRecord => plan.project(row, elapsed);
  const kept = plan.count ? NO_ROWS : rows;
  return {
    totalSize: rows.length,
    length: kept.length,
    rows: kept,
    project,
    records: (start, end) => {
      const to = Math.min(end, kept.length);
      const out = new Array<SObjectRecord>(Math.max(0, to - start));
      for (let i = start; i < to; i++) out[i - start] = project(kept[i]!);
      return out;
    },
  };
}
