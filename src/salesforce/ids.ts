/**
 * Salesforce record Ids: 15 characters case-sensitive base 62, or 18 with a case-safe checksum.
 * The checksum splits the 15 into three chunks of five; bit i of a chunk is set when its
 * character i is an uppercase letter; each chunk's value indexes CHECKSUM_ALPHABET.
 */
const CHECKSUM_ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ012345';
const BASE62 = /^[0-9A-Za-z]+$/;

function isUpper(ch: string): boolean {
  return ch >= 'A' && ch <= 'Z';
}

export function checksumOf(id15: string): string {
  let suffix = '';
  for (let chunk = 0; chunk < 3; chunk++) {
    let bits = 0;
    for (let i = 0; i < 5; i++) {
      const ch = id15[chunk * 5 + i];
      if (ch !== undefined && isUpper(ch)) bits |= 1 << i; // a short text's missing characters are not uppercase
    }
    suffix += CHECKSUM_ALPHABET[bits];
  }
  return suffix;
}

/** Checksum letter (char code) for each 5-bit chunk value. */
const CHECKSUM_CODES = Array.from(CHECKSUM_ALPHABET, (ch) => ch.charCodeAt(0));

/**
 * True when an 18-character text is base 62 and its checksum matches its own case exactly.
 * Char codes only, no substrings: fixture loading runs this for every Id and reference.
 */
function isCanonical18(id: string): boolean {
  for (let chunk = 0; chunk < 3; chunk++) {
    let bits = 0;
    for (let i = 0; i < 5; i++) {
      const code = id.charCodeAt(chunk * 5 + i);
      if (code >= 65 && code <= 90)
        bits |= 1 << i; // A-Z
      else if (!((code >= 97 && code <= 122) || (code >= 48 && code <= 57))) return false; // not a-z or 0-9
    }
    if (id.charCodeAt(15 + chunk) !== CHECKSUM_CODES[bits]) return false;
  }
  return true;
}

/** Restores the case of an 18-character Id from its checksum; undefined if the checksum is not valid. */
function repairCase(id18: string): string | undefined {
  const suffix = id18.slice(15).toUpperCase();
  let id15 = '';
  for (let chunk = 0; chunk < 3; chunk++) {
    const bits = CHECKSUM_ALPHABET.indexOf(suffix[chunk]!);
    if (bits < 0) return undefined;
    for (let i = 0; i < 5; i++) {
      const ch = id18[chunk * 5 + i]!;
      const upper = (bits & (1 << i)) !== 0;
      const isLetter = ch.toLowerCase() !== ch.toUpperCase();
      if (upper && !isLetter) return undefined; // the checksum claims an uppercase letter where there is none
      id15 += upper ? ch.toUpperCase() : ch.toLowerCase();
    }
  }
  return id15 + suffix;
}

/** True when every letter of the text has the same case (as after a tool upper- or lower-cased it). */
function isUniformCase(text: string): boolean {
  return text === text.toUpperCase() || text === text.toLowerCase();
}

/**
 * The canonical 18-character form of an Id, or undefined if `value` is not a valid Id.
 * 15 characters: case-sensitive, the checksum is computed. 18 characters: case-insensitive as in
 * Salesforce, its case restored from the checksum. (ipemu) An 18-character Id whose letters are of
 * mixed case must agree with its checksum exactly: such an Id was not case-folded by a tool, so a
 * disagreement means a mistyped Id, not a case change.
 */
export function normalizeId(value: string): string | undefined {
  // Most Ids (every fixture Id, every generated one) are already canonical: return them as they are.
  if (value.length === 18 && isCanonical18(value)) return value;
  if (!BASE62.test(value)) return undefined;
  if (value.length === 15) return value + checksumOf(value);
  if (value.length !== 18) return undefined;
  const repaired = repairCase(value);
  if (repaired === undefined) return undefined;
  if (repaired.slice(0, 15) === value.slice(0, 15) || isUniformCase(value.slice(0, 15))) return repaired;
  return undefined;
}

export function to15(id: string): string {
  return id.slice(0, 15);
}

export function isValidId(value: string): boolean {
  return normalizeId(value) !== undefined;
}

export function keyPrefixOf(id: string): string {
  return id.slice(0, 3);
}

/** Key prefixes compare case-sensitively, like the Id's first 15 characters. */
export function hasKeyPrefix(id18: string, prefix: string): boolean {
  return id18.startsWith(prefix);
}

const BASE62_CODES = Array.from('0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz', (ch) => ch.charCodeAt(0));

/**
 * A valid 18-character Id with the given key prefix built from a counter (fixtures, generators).
 * Integer arithmetic on char codes, one string made at the end: generators call this half a
 * million times, and an Id built by concatenation is a rope V8 walks on every later comparison.
 */
export function makeId(prefix: string, serial: number, pod = '5w0'): string {
  const codes = new Array<number>(18);
  const head = `${prefix}${pod}`;
  for (let i = 0; i < 6; i++) codes[i] = i < head.length ? head.charCodeAt(i) : 48;
  // No Math.floor: Math lookups are many times slower under jest's VM context.
  let n = serial - (serial % 1);
  for (let i = 14; i >= 6; i--) {
    const digit = n % 62;
    codes[i] = BASE62_CODES[digit]!;
    n = (n - digit) / 62;
  }
  for (let chunk = 0; chunk < 3; chunk++) {
    let bits = 0;
    for (let i = 0; i < 5; i++) {
      const code = codes[chunk * 5 + i]!;
      if (code >= 65 && code <= 90) bits |= 1 << i;
    }
    codes[15 + chunk] = CHECKSUM_CODES[bits]!;
  }
  return String.fromCharCode(...codes);
}
