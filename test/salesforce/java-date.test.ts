import { javaDateString } from '../../src/salesforce/java-date';

describe('javaDateString (Java Date.toString in GMT)', () => {
  it.each([
    ['2023-11-16T05:23:06.000+0000', 'Thu Nov 16 05:23:06 GMT 2023'],
    ['2026-03-01T00:00:09.999Z', 'Sun Mar 01 00:00:09 GMT 2026'],
    ['2026-11-05T23:59:59.000+01:00', 'Thu Nov 05 22:59:59 GMT 2026'],
  ])('%s → %s', (text, expected) => {
    expect(javaDateString(text)).toBe(expected);
  });
  it.each([[null], ['not a date']])('%j stays null', (text) => {
    expect(javaDateString(text)).toBeNull();
  });
});
