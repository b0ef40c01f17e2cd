import fc from 'fast-check';
import { instantOf, isRealDate, isUtcDateTime, outsideSalesforceRange } from '../../src/salesforce/datetimes';

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
    ['1700-01-01T00:00:00.000Z', true], // Salesforce's first valid day
    ['4000-12-31T23:59:59.999+0000', true], // and its last
    ['1699-12-31T23:59:59.999Z', false],
    ['4001-01-01T00:00:00.000Z', false],
    ['0000-01-01T00:00:00.000Z', false],
    ['9999-12-31T00:00:00.000+0000', false],
  ])('%s → %p', (text, expected) => {
    expect(isUtcDateTime(text)).toBe(expected);
  });

  it('knows the calendar: leap years by the Gregorian rule', () => {
    expect(['2000-02-29', '2024-02-29', '1900-02-29', '2026-02-28', '2026-06-31'].map(isRealDate)).toEqual([true, true, false, true, false]);
  });

  it("accepts only Salesforce's valid dates, 1700-01-01 to 4000-12-31", () => {
    expect(['1700-01-01', '4000-12-31', '1699-12-31', '4001-01-01', '0000-01-01', '9999-12-31'].map(isRealDate)).toEqual([
      true,
      true,
      false,
      false,
      false,
      false,
    ]);
  });

  it('outsideSalesforceRange tells a well-formed value out of range from a malformed one, across zone offsets', () => {
    const texts = [
      '0000-01-01T00:00:00Z',
      '9999-12-31',
      '1700-01-01T00:30:00+01:00',
      '4000-12-31T23:00:00-05:00',
      '1700-01-01T00:00:00Z',
      '2026-11-01',
      'yesterday',
      '01/01/1500',
    ];
    expect(texts.map(outsideSalesforceRange)).toEqual([true, true, true, true, false, false, false, false]);
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
