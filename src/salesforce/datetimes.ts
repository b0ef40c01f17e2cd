/**
 * Salesforce's datetime form on the REST API, `2026-11-01T10:00:00.000+0000` (or the same with
 * `Z`): fixed width and UTC, so two such texts order as their instants do. Checked with char codes
 * rather than regular expressions or Date objects: a 150,000-job fixture has 300,000 of them, and
 * the service compares them on every policy lookup.
 */

/** The number written by the two ASCII digits at `at` (the caller checked they are digits). */
export function twoDigits(text: string, at: number): number {
  return (text.charCodeAt(at) - 48) * 10 + text.charCodeAt(at + 1) - 48;
}

const DAYS_IN_MONTH = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];

/**
 * Salesforce's valid dates, 1700-01-01 to 4000-12-31 (Data Loader guide, "Data Import Dates"):
 * whole years, so the check is on the year alone.
 */
const FIRST_YEAR = 1700;
const LAST_YEAR = 4000;
export const SALESFORCE_DATE_RANGE = '1700-01-01 to 4000-12-31';
const FIRST_INSTANT = Date.UTC(FIRST_YEAR, 0, 1);
const END_INSTANT = Date.UTC(LAST_YEAR + 1, 0, 1);

/**
 * True when the `YYYY-MM-DD` at the start of `text` (digits already checked) is a day of the
 * calendar within Salesforce's valid range.
 */
export function isRealDate(text: string): boolean {
  const y = twoDigits(text, 0) * 100 + twoDigits(text, 2);
  if (y < FIRST_YEAR || y > LAST_YEAR) return false;
  const m = twoDigits(text, 5);
  const d = twoDigits(text, 8);
  if (m < 1 || m > 12 || d < 1) return false;
  const leap = (y % 4 === 0 && y % 100 !== 0) || y % 400 === 0;
  return d <= (m === 2 && leap ? 29 : DAYS_IN_MONTH[m - 1]!);
}

/** Separator expected at each of the first 23 positions (`-`, `T`, `:`, `.`), or 0 for a digit. */
const SHAPE = Array.from({ length: 23 }, (_, i) => ({ 4: 45, 7: 45, 10: 84, 13: 58, 16: 58, 19: 46 })[i] ?? 0);

/**
 * True when `text` is a real instant written `YYYY-MM-DDTHH:MM:SS.mmm` followed by `Z` or
 * `+0000`: a calendar day within Salesforce's range and a time of day within range.
 */
export function isUtcDateTime(text: string): boolean {
  const n = text.length;
  if (n === 24 ? text.charCodeAt(23) !== 90 : n !== 28 || !text.endsWith('+0000')) return false;
  for (let i = 0; i < 23; i++) {
    const code = text.charCodeAt(i);
    const expected = SHAPE[i];
    if (expected === 0 ? code < 48 || code > 57 : code !== expected) return false;
  }
  return twoDigits(text, 11) <= 23 && twoDigits(text, 14) <= 59 && twoDigits(text, 17) <= 59 && isRealDate(text);
}

/**
 * Epoch ms of a datetime as an org writes it: Salesforce's UTC form read from its digits, any other
 * ISO 8601 zone form (`+01:30`) through Date.parse; a missing or unreadable one is -Infinity.
 */
export function instantOf(text: string | null): number {
  if (text === null) return -Infinity;
  if (isUtcDateTime(text)) {
    const year = twoDigits(text, 0) * 100 + twoDigits(text, 2);
    const ms = (text.charCodeAt(20) - 48) * 100 + twoDigits(text, 21);
    return Date.UTC(year, twoDigits(text, 5) - 1, twoDigits(text, 8), twoDigits(text, 11), twoDigits(text, 14), twoDigits(text, 17), ms);
  }
  // Date.parse does not read the `+0000` offset form; rewrite it to `+00:00`.
  const time = Date.parse(text.replace(/([+-]\d{2})(\d{2})$/, '$1:$2'));
  return Number.isNaN(time) ? -Infinity : time;
}

/**
 * True when `text` reads as a date or datetime (`YYYY-…`) whose instant lies outside Salesforce's
 * range, so a refusal can say why rather than call a well-formed value malformed.
 */
export function outsideSalesforceRange(text: string): boolean {
  if (!/^\d{4}-/.test(text)) return false;
  const time = instantOf(text);
  return Number.isFinite(time) && (time < FIRST_INSTANT || time >= END_INSTANT);
}
