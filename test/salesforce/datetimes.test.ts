import fc from 'fast-check';
import { instantOf, isRealDate, isUtcDateTime } from '../../src/salesforce/datetimes';

describe("Salesforce's UTC datetime form", () => {
  it.each([
    ['2026-11-01T10:00:00.000+0000', true],
    ['2026-11-01T10:00:00.000Z', true],
    ['2024-02-29T23:59:59.999+0000', true],
    ['2026-02-29T00:00:00.000+0000', false], // not a leap year
    ['2026-04-31T00:00:00.000Z', false],
    ['2026-13-01T00:00:00.000Z', false],
    ['2026-01-01T24:00:00.000Z', false],
    ['2026-01-01T10:60:00.000Z', false],
    ['2026-01-01T10:00:00.000+00:00', false], // another spelling: the general parser's job
    ['2026-01-01T10:00:00Z', false],
    ['2026-01-01 10:00:00.000Z', false],
    ['2026-0a-01T10:00:00.000Z', false],
  ])('%s → %p', (text, expected) => {
    expect(isUtcDateTime(text)).toBe(expected);
  });

  it('knows the calendar: leap years by the Gregorian rule', () => {
    expect(['2000-02-29', '2024-02-29', '1900-02-29', '2026-02-28', '2026-06-31'].map(isRealDate)).toEqual([true, true, false, true, false]);
  });
});

describe('instantOf: a datetime as its epoch ms', () => {
  it('reads the UTC form from its digits exactly as Date.parse reads the same instant, for generated instants', () => {
    fc.assert(
      fc.property(fc.integer({ min: Date.UTC(1971, 0, 1), max: Date.UTC(2999, 11, 31) }), (ms) => {
        const iso = new Date(ms).toISOString();
        expect(instantOf(`${iso.slice(0, 23)}+0000`)).toBe(ms);
        expect(instantOf(iso)).toBe(ms);
      }),
      { numRuns: 500 },
    );
  });

  it('reads other zone forms through Date.parse, and a missing or unreadable one as -Infinity', () => {
    expect(instantOf('2026-02-01T00:59:59.999+01:00')).toBe(Date.UTC(2026, 0, 31, 23, 59, 59, 999));
    expect(instantOf('2026-02-01T01:00:00.000+0100')).toBe(Date.UTC(2026, 1, 1, 0, 0, 0, 0));
    expect(instantOf(null)).toBe(-Infinity);
    expect(instantOf('yesterday')).toBe(-Infinity);
  });
});
