import type { FieldType } from '../../../src/mock-org/fixtures/types';
import { FIELD_TYPES, FieldSchema, isIdType, isNumberType, isStringType } from '../../../src/mock-org/schema/schema';
import {
  BIND_INVALID_ID,
  BIND_TYPE_MISMATCH,
  coerceBindValue,
  coerceFixtureValue,
  coercerOf,
  INVALID,
  KIND_OF_TYPE,
  kindOf,
} from '../../../src/mock-org/store/field-kinds';
import { MockOrg } from '../../../src/mock-org/mock-org';
import { fieldOf } from './field-schema';

/** The one coercion module: kinds per field type, fixture values to stored form, bind values to comparable form. */

const field = fieldOf;

const ID15 = '7075j00004uK6Gj';
const ID18 = '7075j00004uK6GjAAK';

describe('kinds per field type', () => {
  it('every field type has exactly one kind, and the schema predicates agree with it', () => {
    expect(Object.keys(KIND_OF_TYPE).sort()).toEqual([...FIELD_TYPES].sort());
    for (const type of FIELD_TYPES) {
      const kind = kindOf(field(type));
      expect(kind).toBe(KIND_OF_TYPE[type]);
      expect([type, isStringType(type)]).toEqual([type, kind === 'string']);
      expect([type, isNumberType(type)]).toEqual([type, kind === 'number']);
      expect([type, isIdType(type)]).toEqual([type, kind === 'id']);
    }
    expect(['id', 'reference'].map((t) => KIND_OF_TYPE[t as FieldType])).toEqual(['id', 'id']);
    expect(['int', 'double', 'currency', 'percent'].map((t) => KIND_OF_TYPE[t as FieldType])).toEqual(['number', 'number', 'number', 'number']);
  });
});

describe('fixture values: stored form or the reason', () => {
  test.each<[FieldType, Partial<FieldSchema>, unknown, unknown]>([
    ['id', {}, ID15, ID18],
    ['reference', {}, ID18, ID18],
    ['string', {}, 'x', 'x'],
    ['picklist', { picklistValues: ['A', 'B'] }, 'B', 'B'],
    ['int', {}, 3, 3],
    ['double', {}, 1.5, 1.5],
    ['boolean', {}, null, false],
    ['boolean', {}, true, true],
    ['string', {}, null, null],
    ['date', {}, '2026-11-01', '2026-11-01'],
    ['datetime', {}, '2026-11-01T10:00:00Z', '2026-11-01T10:00:00.000+0000'],
    ['datetime', {}, '2026-11-01T10:00:00.000Z', '2026-11-01T10:00:00.000+0000'],
    ['datetime', {}, '2026-11-01T11:00:00+01:00', '2026-11-01T10:00:00.000+0000'],
  ])('%s %j: %j → %j', (type, extra, raw, stored) => {
    expect(coerceFixtureValue(field(type, extra), raw)).toEqual({ ok: true, value: stored });
    expect(coercerOf(field(type, extra)).coerce(raw)).toEqual(stored);
  });

  test.each<[FieldType, Partial<FieldSchema>, unknown, string]>([
    ['id', {}, null, 'Id must not be null'],
    ['id', {}, 'nope', '"nope" is not a valid Salesforce Id'],
    ['string', {}, 5, '5 is not a string'],
    ['picklist', { picklistValues: ['A', 'B'] }, 'C', '"C" is not a valid picklist value (A, B)'],
    ['string', { length: 3 }, 'abcd', '"abcd"… is longer than 3 characters'],
    ['int', {}, 1.5, '1.5 is not a whole number'],
    ['int', {}, Infinity, 'null is not a number'],
    ['double', {}, '3', '"3" is not a number'],
    ['boolean', {}, 'yes', '"yes" is not true or false'],
    ['date', {}, '2026-02-30', '"2026-02-30" is not a date (YYYY-MM-DD)'],
    [
      'datetime',
      {},
      '2026-11-01T10:00:00',
      '"2026-11-01T10:00:00" is not an ISO 8601 datetime with a zone (e.g. 2026-11-01T10:00:00.000+0000 or 2026-11-01T10:00:00Z)',
    ],
  ])('%s %j: %j is refused: %s', (type, extra, raw, message) => {
    expect(coerceFixtureValue(field(type, extra), raw)).toEqual({ ok: false, message });
    expect(coercerOf(field(type, extra)).coerce(raw)).toBe(INVALID);
  });
});

describe('bind values: the form a query compares', () => {
  it('normalizes Ids, lower-cases strings, formats dates, and refuses other kinds', () => {
    expect(coerceBindValue('id', ID15)).toBe(ID18);
    expect(coerceBindValue('id', 'not-an-id')).toBe(BIND_INVALID_ID);
    expect(coerceBindValue('id', 5)).toBe(BIND_TYPE_MISMATCH);
    expect(coerceBindValue('string', 'AbC')).toBe('abc');
    expect(coerceBindValue('string', 1)).toBe(BIND_TYPE_MISMATCH);
    expect(coerceBindValue('number', 2)).toBe(2);
    expect(coerceBindValue('number', NaN)).toBe(BIND_TYPE_MISMATCH);
    expect(coerceBindValue('boolean', false)).toBe(false);
    expect(coerceBindValue('boolean', 'false')).toBe(BIND_TYPE_MISMATCH);
    expect(coerceBindValue('date', new Date('2026-11-01T23:00:00Z'))).toBe('2026-11-01');
    expect(coerceBindValue('datetime', new Date('2026-11-01T10:00:00Z'))).toBe('2026-11-01T10:00:00.000+0000');
    expect(coerceBindValue('datetime', '2026-11-01T10:00:00Z')).toBe(BIND_TYPE_MISMATCH);
    expect(coerceBindValue('datetime', new Date(NaN))).toBe(BIND_TYPE_MISMATCH);
    for (const kind of ['id', 'string', 'number', 'boolean', 'date', 'datetime'] as const) expect(coerceBindValue(kind, null)).toBeNull();
  });

  it('a value stored from a fixture is found by the same value bound in a query', async () => {
    const org = await MockOrg.fromFixtures({
      records: { AsyncApexJob: [{ Id: ID15, Status: 'Completed', CreatedDate: '2026-11-01T11:00:00+01:00', JobType: 'Queueable' }] },
    });
    const byId = await org.query('SELECT Id FROM AsyncApexJob WHERE Id = :id', { id: ID15 });
    expect(byId.records.map((r) => r.Id)).toEqual([ID18]);
    const byStatus = await org.query('SELECT Id FROM AsyncApexJob WHERE Status IN :s', { s: ['COMPLETED'] });
    expect(byStatus.totalSize).toBe(1);
    const byDate = await org.query('SELECT Id FROM AsyncApexJob WHERE CreatedDate = :d', { d: new Date('2026-11-01T10:00:00Z') });
    expect(byDate.totalSize).toBe(1);
  });
});
