import { canonicalDateTime, parseDate, parseDuration } from '../../../src/org/mock/values';

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
