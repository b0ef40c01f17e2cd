import fc from 'fast-check';
import { parse } from 'csv-parse/sync';
import { stringify } from 'csv-stringify/sync';
import type { FieldType } from '../../src/mock-org/fixtures/types';
import { recordFromCsvRow, valueFromCsv } from '../../src/recording/csv-values';

/** A cell as Salesforce's Bulk API 2.0 writes it: null empty, booleans and numbers as text, datetimes in `Z` form. */
function salesforceCell(type: FieldType, value: unknown): string {
  if (value === null) return '';
  if (type === 'datetime') return (value as string).replace(/\+0000$/, 'Z');
  return String(value);
}

const MS_1700 = Date.UTC(1700, 0, 1);
const MS_4001 = Date.UTC(4001, 0, 1) - 1;
const instant = fc.integer({ min: MS_1700, max: MS_4001 }).map((ms) => new Date(ms).toISOString());
const text = fc.string({ minLength: 1, unit: 'binary' });

/** REST JSON values per field type, as the REST API answers them (JSON has no -0, NaN or Infinity). */
const VALUES: Record<FieldType, fc.Arbitrary<unknown>> = {
  id: fc.constant('0YT5w000000Y8MNGA0'),
  reference: fc.constant('7075j00004uK6GjAAK'),
  string: text,
  textarea: text,
  picklist: text,
  multipicklist: fc
    .array(
      fc.string({ minLength: 1 }).filter((v) => !v.includes(';')),
      { minLength: 1, maxLength: 4 },
    )
    .map((values) => values.join(';')),
  email: text,
  phone: text,
  url: text,
  boolean: fc.boolean(),
  int: fc.integer({ min: -(2 ** 53) + 1, max: 2 ** 53 - 1 }),
  double: fc.double({ noNaN: true, noDefaultInfinity: true }).map((d) => JSON.parse(JSON.stringify(d)) as number),
  currency: fc.double({ noNaN: true, noDefaultInfinity: true, min: -1e15, max: 1e15 }).map((d) => JSON.parse(JSON.stringify(d)) as number),
  percent: fc.double({ noNaN: true, noDefaultInfinity: true, min: -1e6, max: 1e6 }).map((d) => JSON.parse(JSON.stringify(d)) as number),
  date: instant.map((iso) => iso.slice(0, 10)),
  datetime: instant.map((iso) => `${iso.slice(0, 23)}+0000`),
};
const TYPES = Object.keys(VALUES) as FieldType[];

describe('valueFromCsv: a Bulk API 2.0 CSV cell back to the REST API JSON value', () => {
  test.each(TYPES)('%s: any REST value (or null) → the cell Salesforce writes → valueFromCsv gives the same value (fast-check)', (type) => {
    fc.assert(
      fc.property(fc.option(VALUES[type], { nil: null }), (value) => {
        expect(valueFromCsv(type, salesforceCell(type, value))).toEqual(value);
      }),
      { numRuns: 300 },
    );
  });

  test('the documented forms: empty → null, `true`/`false`, `Z` datetimes in the REST `+0000` form, dates and multi-select values as they are', () => {
    expect(valueFromCsv('string', '')).toBeNull();
    expect(valueFromCsv('boolean', 'true')).toBe(true);
    expect(valueFromCsv('boolean', 'false')).toBe(false);
    expect(valueFromCsv('datetime', '2026-11-01T10:00:00.000Z')).toBe('2026-11-01T10:00:00.000+0000');
    expect(valueFromCsv('date', '2026-11-01')).toBe('2026-11-01');
    expect(valueFromCsv('multipicklist', 'a;b')).toBe('a;b');
    expect(valueFromCsv('double', '1.5E3')).toBe(1500);
    expect(valueFromCsv('int', '-12')).toBe(-12);
  });

  test.each([
    ['int', 'abc', 'The org\'s Bulk API 2.0 CSV holds "abc" in a field of type int, which is not a number.'],
    ['int', '1.5', 'The org\'s Bulk API 2.0 CSV holds "1.5" in a field of type int, which is not a whole number.'],
    ['double', '1,5', 'The org\'s Bulk API 2.0 CSV holds "1,5" in a field of type double, which is not a number.'],
    ['currency', 'Infinity', 'The org\'s Bulk API 2.0 CSV holds "Infinity" in a field of type currency, which is not a number.'],
    ['percent', ' 5', 'The org\'s Bulk API 2.0 CSV holds " 5" in a field of type percent, which is not a number.'],
    ['boolean', 'TRUE', 'The org\'s Bulk API 2.0 CSV holds "TRUE" in a field of type boolean, which is not true or false.'],
    ['date', '2026-02-30', 'The org\'s Bulk API 2.0 CSV holds "2026-02-30" in a field of type date, which is not a date (YYYY-MM-DD).'],
    ['datetime', 'yesterday', 'The org\'s Bulk API 2.0 CSV holds "yesterday" in a field of type datetime, which is not an ISO 8601 datetime.'],
  ] as const)('%s cell %j is refused with a clear error (ORG_ERROR)', (type, cell, message) => {
    expect(() => valueFromCsv(type, cell)).toThrow(expect.objectContaining({ code: 'ORG_ERROR', message }));
  });
});

describe('recordFromCsvRow: a CSV row under its header as a fixture record', () => {
  const arbRecord = fc.record(Object.fromEntries(TYPES.map((type) => [`F_${type}__c`, fc.option(VALUES[type], { nil: null })])));
  const fieldTypes = new Map<string, FieldType>(TYPES.map((type) => [`F_${type}__c`, type]));

  test('any record of every type → a CSV body (csv-stringify, quoting as Salesforce does) → csv-parse → recordFromCsvRow → the same record (fast-check)', () => {
    fc.assert(
      fc.property(arbRecord, (record) => {
        const header = Object.keys(record);
        const body = stringify([header, header.map((name) => salesforceCell(fieldTypes.get(name)!, record[name]))]);
        const [parsedHeader, row] = parse(body, { relax_column_count: false }) as string[][];
        expect(recordFromCsvRow(parsedHeader!, row!, fieldTypes)).toEqual(record);
      }),
      { numRuns: 200 },
    );
  });

  test('a header matches fields case-insensitively and keys take the describe spelling', () => {
    expect(
      recordFromCsvRow(
        ['id', 'NUMBEROFERRORS'],
        ['7075j00004uK6GjAAK', '3'],
        new Map<string, FieldType>([
          ['Id', 'id'],
          ['NumberOfErrors', 'int'],
        ]),
      ),
    ).toEqual({
      Id: '7075j00004uK6GjAAK',
      NumberOfErrors: 3,
    });
  });

  test('a column naming no field, and a row of another width, are refused with clear errors', () => {
    const types = new Map<string, FieldType>([['Id', 'id']]);
    expect(() => recordFromCsvRow(['Id', 'Parent.Name'], ['a', 'b'], types)).toThrow(
      'The org\'s Bulk API 2.0 CSV has a column "Parent.Name" that names no field of the object.',
    );
    expect(() => recordFromCsvRow(['Id'], ['a', 'b'], types)).toThrow("The org's Bulk API 2.0 CSV has a row of 2 cells under a header of 1 columns.");
  });
});
