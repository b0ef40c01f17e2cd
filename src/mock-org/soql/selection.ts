import type { QueryResult, SObjectRecord } from '../../core/org';
import type { Row } from '../store/store';
import type { Plan } from './compile';
import type { Projector } from './project';

/**
 * The rows a query matched, kept as rows (references into the store, which does not change after
 * loading); records are projected from them only when asked, a page at a time.
 */
export interface Selection {
  readonly totalSize: number;
  /** How many records the selection holds (0 for COUNT()). */
  readonly length: number;
  /** Records [start, end), projected now as of the query's time. */
  records(start: number, end: number): SObjectRecord[];
}

/** `project`: the execution's projector (plan.project unless child subqueries bound their binds). */
export function selectionOf(plan: Plan, rows: readonly Row[], elapsed: number, urlBase: string, project: Projector = plan.project): Selection {
  const length = plan.count ? 0 : rows.length;
  return {
    totalSize: rows.length,
    length,
    records: (start, end) => {
      const to = Math.min(end, length);
      const out = new Array<SObjectRecord>(Math.max(0, to - start));
      for (let i = start; i < to; i++) out[i - start] = project(rows[i]!, elapsed, urlBase);
      return out;
    },
  };
}

/** A selection of records already built (an aggregate query's AggregateResult records). */
export function selectionOfRecords(result: QueryResult): Selection {
  const records = result.records;
  return { totalSize: result.totalSize, length: records.length, records: (start, end) => records.slice(start, Math.min(end, records.length)) };
}
