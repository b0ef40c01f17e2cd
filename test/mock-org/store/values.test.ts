import { canonicalDateTime, parseDate, parseDuration } from '../../../src/mock-org/store/values';
import { FieldCoercer, INVALID } from '../../../src/mock-org/store/field-kinds';
import { normalizeId } from '../../../src/salesforce/ids';
import { fieldOf } from './field-schema';

describe('fixture value formats', () => {
  test.each([
    ['2026-11-01T10:00:00.000+0000', '2026-11-01T10:00:00.000+0000'],
    ['2026-11-01T10:00:00Z', '2026-11-01T10:00:00.000+0000'],
    ['2026-11-01T10:00Z', '2026-11-01T10:00:00.000+0000'],
    ['2026-11-01T10:00:00.5Z', '2026-11-01T10:00:00.500+0000'],
    ['2026-11-01T10:00:00.123456+00:00', '2026-11-01T10:00:00.123+0000'],
    ['2026-11-01T01:30:00+0200', '2026-10-31T23:30:00.000+0000'],
    ['2024-02-29T00:00:00Z', '2024-02-29T00:00:00.000+0000'],
  ])('datetime %s is stored as %s', (text, stored) => expect(canonicalDateTime(text)).toBe(stored));

  test.each(['2026-11-01T10:00:00', '2026-11-01 10:00:00Z', '2026-02-29T00:00:00Z', '2026-13-01T00:00:00Z', '2026-11-01T24:00:00Z', '2026-11-01', 'soon'])(
    'datetime %s is refused',
    (text) => expect(canonicalDateTime(text)).toBeUndefined(),
  );

  test('dates', () => {
    expect(parseDate('2026-11-01')).toBe(Date.UTC(2026, 10, 1));
    expect(parseDate('2026-04-31')).toBeUndefined();
    expect(parseDate('2026-11-01T00:00:00Z')).toBeUndefined();
  });

  test('durations', () => {
    expect([parseDuration('500ms'), parseDuration('2s'), parseDuration('1.5m'), parseDuration('1h')]).toEqual([500, 2000, 90_000, 3_600_000]);
    expect([parseDuration('2'), parseDuration('2d'), parseDuration(2), parseDuration('-1s')]).toEqual([undefined, undefined, undefined, undefined]);
  });
});

describe("FieldCoercer's fast paths agree with the canonical parsers", () => {
  const field = fieldOf;
  const RAW: unknown[] = [
    null,
    undefined,
    true,
    0,
    1.5,
    3,
    Infinity,
    NaN,
    '',
    'A',
    'C',
    'abcdef',
    '7075j00004uK6GjAAK',
    '7075J00004UK6GJAAK',
    '7075j00004uK6Gj',
    '7075j00004uK6GjAAA',
    '7075j00004uK6-jAAK',
    '2026-11-01',
    '2026-02-30',
    '2026-11-01T10:00:00.000Z',
    '2026-11-01T10:00:00.000+0000',
    '2026-11-01T23:59:59.999Z',
    '2024-02-29T00:00:00.000Z',
    '2026-02-29T00:00:00.000Z',
    '2026-11-01T24:00:00.000Z',
    '2026-11-01T10:60:00.000Z',
    '2026-11-01T10:00:60.000+0000',
    '2026-11-01X10:00:00.000Z',
    '2026-11-01T10:00:00.000+0100',
    '2026-11-01T10:00:00.00a+0000',
    '2026-11-01T10:00:00.000-0000',
    '2026-11-01T10:00:00Z',
    '2026-13-01T10:00:00.000Z',
    '2026-11-00T10:00:00.000Z',
  ];
  const strings = RAW.filter((raw): raw is string => typeof raw === 'string');

  test('datetime: the UTC fast path keeps what canonicalDateTime keeps, and refuses what it refuses', () => {
    const coercer = new FieldCoercer(field('datetime'));
    for (const raw of strings) expect([raw, coercer.coerce(raw)]).toEqual([raw, canonicalDateTime(raw) ?? INVALID]);
  });

  test('date: kept exactly when parseDate reads it', () => {
    const coercer = new FieldCoercer(field('date'));
    for (const raw of strings) expect([raw, coercer.coerce(raw)]).toEqual([raw, parseDate(raw) === undefined ? INVALID : raw]);
  });

  test('id and reference: the 18-character form of normalizeId, or INVALID', () => {
    for (const type of ['id', 'reference'] as const) {
      const coercer = new FieldCoercer(field(type));
      for (const raw of strings) expect([type, raw, coercer.coerce(raw)]).toEqual([type, raw, normalizeId(raw) ?? INVALID]);
    }
  });
});
