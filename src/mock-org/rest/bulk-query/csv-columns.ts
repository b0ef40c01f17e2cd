import type { SObjectRecord } from '../../../core/org';
import type { ObjectSchema } from '../../schema/schema';
import type { Column } from '../../soql/select';

/**
 * The columns of a Bulk API 2.0 CSV result: one per selected field, a parent's fields named by
 * their path (`Account.Name`, `CreatedBy.Profile.Name`), in the order of the query's columns
 * (Salesforce: "the order of columns returned by the query is the same order in which they were
 * requested", API 50.0 and later; query_get_job_results.htm). (ipemu) The fields reached through
 * one relationship sit together at the place of its first, as the REST API's records nest them.
 */
export interface CsvColumn {
  /** The header cell. */
  readonly header: string;
  /** Keys from the record to the value: `['Account', 'Name']`. */
  readonly path: readonly string[];
  /** A datetime field: written `2026-11-01T10:00:00.000Z`, not the REST API's `+0000` form. */
  readonly datetime: boolean;
}

export function csvColumns(root: ObjectSchema, columns: readonly Column[]): CsvColumn[] {
  const out: CsvColumn[] = [];
  const walk = (object: ObjectSchema, level: readonly Column[], prefix: readonly string[]): void => {
    for (const column of level) {
      if (column.kind === 'parent') walk(column.hop.target, column.columns, [...prefix, column.name]);
      else if (column.kind !== 'children') {
        const path = [...prefix, column.name];
        const type = column.kind === 'field' ? object.fieldByLower.get(column.name.toLowerCase())?.type : undefined;
        out.push({ header: path.join('.'), path, datetime: type === 'datetime' });
      }
    }
  };
  walk(root, columns, []);
  return out;
}

/**
 * One cell as Salesforce writes it: null (and a missing parent) as an empty cell, booleans
 * `true`/`false`, numbers as JSON writes them, datetimes in UTC with `Z`.
 */
export function cellOf(record: SObjectRecord, column: CsvColumn): string {
  let value: unknown = record;
  for (const key of column.path) {
    if (value === null || typeof value !== 'object') return '';
    value = (value as Record<string, unknown>)[key];
  }
  if (value === null || value === undefined) return '';
  if (typeof value === 'string') return column.datetime && value.endsWith('+0000') ? `${value.slice(0, -5)}Z` : value;
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  return JSON.stringify(value);
}
