import type { Selection } from '../../soql/selection';
import { cellOf, type CsvColumn } from './csv-columns';

/** Rows projected per slice while a snapshot is taken; the event loop runs between slices. */
const SLICE = 2000;

/**
 * What a job's results are read from: the rows its query matched, as they were when it ran.
 * The store's rows never change in place (a write replaces a row), so the matched rows, read at
 * the job's instant, stay as they were; a parent reached through a relationship is looked up
 * when read, so the cells of `Parent.Field` columns are taken now, one string reference each.
 */
export interface JobSnapshot {
  readonly rows: Selection;
  /** Per result row, the cells of the parent columns (in column order); absent when no column goes through a relationship. */
  readonly parentCells?: readonly (readonly string[])[];
}

export const isParentColumn = (column: CsvColumn): boolean => column.path.length > 1;

export async function takeSnapshot(rows: Selection, columns: readonly CsvColumn[]): Promise<JobSnapshot> {
  const parents = columns.filter(isParentColumn);
  if (parents.length === 0) return { rows };
  const parentCells: string[][] = new Array<string[]>(rows.length);
  for (let start = 0; start < rows.length; start += SLICE) {
    const records = rows.records(start, Math.min(rows.length, start + SLICE));
    records.forEach((record, i) => (parentCells[start + i] = parents.map((column) => cellOf(record, column))));
    if (start + SLICE < rows.length) await new Promise((resolve) => setImmediate(resolve));
  }
  return { rows, parentCells };
}
