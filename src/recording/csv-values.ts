import { IpemuError } from '../core/errors';
import type { FieldType, FixtureRecord } from '../mock-org/fixtures/types';
import { KIND_OF_TYPE } from '../mock-org/store/field-kinds';
import { canonicalDateTime, parseDate } from '../mock-org/store/values';
import { isUtcDateTime } from '../salesforce/datetimes';

/*
 * Bulk API 2.0 query results are CSV (Bulk API 2.0 and Bulk API Developer Guide, "Get Results for
 * a Query Job": https://developer.salesforce.com/docs/atlas.en-us.api_asynch.meta/api_asynch/query_get_job_results.htm):
 * every cell a text, null an empty cell, booleans `true`/`false`, datetimes in UTC with `Z`. These
 * turn a cell back into the JSON value the REST API answers for the same field (and a fixture holds).
 */

/** A decimal number as text: what Salesforce (and JavaScript's String(n)) writes, exponent included. */
const NUMBER = /^[-+]?(?:\d+\.?\d*|\.\d+)(?:[eE][-+]?\d+)?$/;

function refuse(type: FieldType, text: string, expected: string): never {
  const shown = text.length > 40 ? `${JSON.stringify(text.slice(0, 40))}…` : JSON.stringify(text);
  throw new IpemuError('ORG_ERROR', `The org's Bulk API 2.0 CSV holds ${shown} in a field of type ${type}, which is not ${expected}.`);
}

/**
 * One CSV cell as the REST API's JSON value: '' → null; numbers → number (a whole number for
 * `int`); booleans → true/false; datetimes → the REST form `2026-11-01T10:00:00.000+0000`; dates,
 * Ids, picklists (`a;b` for multi-select) and text as they are. A cell that is not of its field's
 * type is an IpemuError ORG_ERROR naming the cell.
 */
export function valueFromCsv(type: FieldType, text: string): unknown {
  // (ipemu) Salesforce stores no empty string: an empty text field reads null on the REST API too.
  if (text === '') return null;
  switch (KIND_OF_TYPE[type]) {
    case 'number': {
      const value = NUMBER.test(text) ? Number(text) : NaN;
      if (!Number.isFinite(value)) refuse(type, text, 'a number');
      if (type === 'int' && !Number.isInteger(value)) refuse(type, text, 'a whole number');
      return value;
    }
    case 'boolean':
      if (text === 'true') return true;
      if (text === 'false') return false;
      return refuse(type, text, 'true or false');
    case 'date':
      return parseDate(text) === undefined ? refuse(type, text, 'a date (YYYY-MM-DD)') : text;
    case 'datetime':
      // The form Salesforce writes (`…000Z`) checked by char codes: a 150,000-job pull has 300,000 of them.
      if (text.length === 24 && isUtcDateTime(text)) return `${text.slice(0, 23)}+0000`;
      return canonicalDateTime(text) ?? refuse(type, text, 'an ISO 8601 datetime');
    default:
      return text;
  }
}

/**
 * One CSV row (after its header) as a fixture record, keys in the header's order. A header column
 * is matched to the object's fields exactly, else case-insensitively (SOQL names are); a column
 * that names no field (`Parent.Field`), or a row of another width, is an IpemuError ORG_ERROR.
 */
export function recordFromCsvRow(header: readonly string[], row: readonly string[], fieldTypes: ReadonlyMap<string, FieldType>): FixtureRecord {
  if (row.length !== header.length) {
    throw new IpemuError('ORG_ERROR', `The org's Bulk API 2.0 CSV has a row of ${row.length} cells under a header of ${header.length} columns.`);
  }
  const record: FixtureRecord = {};
  for (const [i, column] of header.entries()) {
    const [name, type] = fieldOf(column, fieldTypes);
    record[name] = valueFromCsv(type, row[i]!);
  }
  return record;
}

const lowerCaseMaps = new WeakMap<ReadonlyMap<string, FieldType>, Map<string, [string, FieldType]>>();

function fieldOf(column: string, fieldTypes: ReadonlyMap<string, FieldType>): [string, FieldType] {
  const type = fieldTypes.get(column);
  if (type !== undefined) return [column, type];
  let byLower = lowerCaseMaps.get(fieldTypes);
  if (byLower === undefined) {
    byLower = new Map([...fieldTypes].map(([name, fieldType]) => [name.toLowerCase(), [name, fieldType]]));
    lowerCaseMaps.set(fieldTypes, byLower);
  }
  const found = byLower.get(column.toLowerCase());
  if (found === undefined)
    throw new IpemuError('ORG_ERROR', `The org's Bulk API 2.0 CSV has a column ${JSON.stringify(column)} that names no field of the object.`);
  return found;
}
