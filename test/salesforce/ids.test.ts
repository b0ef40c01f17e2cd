import { checksumOf, hasKeyPrefix, isValidId, keyPrefixOf, makeId, normalizeId, to15 } from '../../src/salesforce/ids';

const DOCUMENTED = ['7075j00004uK6GjAAK', '0YT5w000000Y8MNGA0', '7073t0000BNGivxAQD', '003RO0000035WQgYAM'];

describe('Salesforce Ids', () => {
  test.each(DOCUMENTED)('%s: the checksum of its first 15 characters is its last 3', (id) => {
    expect(checksumOf(to15(id))).toBe(id.slice(15));
    expect(normalizeId(id)).toBe(id);
  });

  test.each(DOCUMENTED)('%s: 15 characters become the 18-character form', (id) => {
    expect(normalizeId(to15(id))).toBe(id);
  });

  test('a 15-character Id is case-sensitive: changing a letter case changes the 18-character form', () => {
    expect(normalizeId('7075J00004uK6Gj')).toBe('7075J00004uK6GjAAK'.slice(0, 15) + checksumOf('7075J00004uK6Gj'));
    expect(normalizeId('7075J00004uK6Gj')).not.toBe('7075j00004uK6GjAAK');
  });

  test.each(DOCUMENTED)('%s: all-upper and all-lower 18-character forms are repaired from the checksum', (id) => {
    expect(normalizeId(id.toUpperCase())).toBe(id);
    expect(normalizeId(id.toLowerCase())).toBe(id);
  });

  test('DESIGN.md example: 7075J00004UK6GJAAK and 7075j00004uk6gjaak both name 7075j00004uK6GjAAK', () => {
    expect(normalizeId('7075J00004UK6GJAAK')).toBe('7075j00004uK6GjAAK');
    expect(normalizeId('7075j00004uk6gjaak')).toBe('7075j00004uK6GjAAK');
  });

  test('a mixed-case 18-character Id with a wrong checksum is rejected', () => {
    expect(normalizeId('7075j00004uK6GjAAA')).toBeUndefined();
    expect(normalizeId('7075j00004uk6GjAAK')).toBeUndefined(); // one letter's case disagrees with the checksum
    expect(isValidId('7075j00004uK6GjAAA')).toBe(false);
  });

  test('a checksum claiming an uppercase letter where there is a digit is rejected', () => {
    // 'B' in the first checksum character says character 1 is uppercase; it is the digit 0.
    expect(normalizeId('7075j00004uK6GjBAK')).toBeUndefined();
  });

  test.each(['', 'abc', '7075j00004uK6G', '7075j00004uK6GjA', '7075j00004uK6GjAAKX', '7075j00004uK6-jAAK', "7075j00004uK6G'"])(
    'rejects %p (wrong length or characters)',
    (value) => expect(normalizeId(value)).toBeUndefined(),
  );

  test('key prefixes are the first three characters and compare case-sensitively', () => {
    expect(keyPrefixOf('0YT5w000000Y8MNGA0')).toBe('0YT');
    expect(hasKeyPrefix('0YT5w000000Y8MNGA0', '0YT')).toBe(true);
    expect(hasKeyPrefix('0YT5w000000Y8MNGA0', '0yt')).toBe(false);
    expect(hasKeyPrefix('7075j00004uK6GjAAK', '0YT')).toBe(false);
  });

  test('makeId builds valid, distinct 18-character Ids with the prefix', () => {
    const ids = new Set<string>();
    for (const serial of [0, 1, 61, 62, 3843, 150000, 10 ** 9]) {
      const id = makeId('0rg', serial);
      expect(id).toHaveLength(18);
      expect(normalizeId(id)).toBe(id);
      expect(hasKeyPrefix(id, '0rg')).toBe(true);
      ids.add(id);
    }
    expect(ids.size).toBe(7);
  });

  test('makeId writes the serial in base 62 after the prefix and pod, then the checksum', () => {
    const base62 = '0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz';
    const body = (n: number): string => Array.from({ length: 9 }, (_, i) => base62[Math.floor(n / 62 ** (8 - i)) % 62]).join('');
    for (const serial of [0, 61, 62, 3844, 916_132_831, 2 ** 31 + 5, 10 ** 12]) {
      const id15 = `707${'5j0'}${body(serial)}`;
      expect(makeId('707', serial, '5j0')).toBe(id15 + checksumOf(id15));
    }
    expect(makeId('0YT', 62 ** 3 - 1)).toBe('0YT5w0000000zzz' + checksumOf('0YT5w0000000zzz'));
  });
});
