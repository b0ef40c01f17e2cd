import type { Row } from './store';

/**
 * Key → the rows with it, in table order (by ordinal). Most keys (a job's request item, a
 * policy's name) have one row, held directly: an array per key would be 150,000 more objects. It
 * becomes an array once a second row arrives, or the first time it is looked up (so repeated
 * lookups allocate nothing).
 *
 * A lookup hands out the key's own array, which a query scan may still be reading across event
 * loop turns. Writes therefore never shift an array in place: a row joining at the end is pushed
 * (a scan already past it stops where it began), anything else builds a new array.
 */
export type RowIndex = Map<string, Row | Row[]>;

const EMPTY: readonly Row[] = [];

export function rowsOf(index: RowIndex, key: string): readonly Row[] {
  const rows = index.get(key);
  if (rows === undefined) return EMPTY;
  if (Array.isArray(rows)) return rows;
  const list = [rows];
  index.set(key, list);
  return list;
}

/** Adds a row at its place in table order. */
export function addTo(index: RowIndex, key: string, row: Row): void {
  const rows = index.get(key);
  if (rows === undefined) index.set(key, row);
  else if (!Array.isArray(rows)) index.set(key, rows.ordinal < row.ordinal ? [rows, row] : [row, rows]);
  else if (rows.length === 0 || rows[rows.length - 1]!.ordinal < row.ordinal) rows.push(row);
  else {
    const at = positionOf(rows, row.ordinal);
    index.set(key, [...rows.slice(0, at), row, ...rows.slice(at)]);
  }
}

export function removeFrom(index: RowIndex, key: string, row: Row): void {
  const rows = index.get(key);
  if (rows === row) index.delete(key);
  else if (Array.isArray(rows)) {
    const kept = rows.filter((other) => other !== row);
    if (kept.length === 0) index.delete(key);
    else index.set(key, kept);
  }
}

/** Puts `next` where `current` is (the same record, its same place): an assignment a running scan may see, never a shift. */
export function swapIn(index: RowIndex, key: string, current: Row, next: Row): void {
  const rows = index.get(key);
  if (rows === current) index.set(key, next);
  else if (Array.isArray(rows)) {
    // Binary search: a key can hold most of a table (every record one user created).
    const at = positionOf(rows, current.ordinal);
    if (rows[at] === current) rows[at] = next;
  }
}

/** Where a row of this ordinal is or would go in rows sorted by ordinal (binary search). */
export function positionOf(rows: readonly Row[], ordinal: number): number {
  let low = 0;
  let high = rows.length;
  while (low < high) {
    const mid = (low + high) >>> 1;
    if (rows[mid]!.ordinal < ordinal) low = mid + 1;
    else high = mid;
  }
  return low;
}
