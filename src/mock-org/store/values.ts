import { isRealDate, isUtcDateTime } from '../../salesforce/datetimes';

/**
 * Field values as the store keeps them: already in the REST API's output form, so a query copies
 * them without formatting. Datetimes are `2026-11-01T10:00:00.000+0000` and dates `2026-11-01`:
 * both fixed-width UTC strings, so comparing the strings compares the instants.
 */
export type Value = string | number | boolean | null;
export type RowValues = Record<string, Value>;

const DATETIME = /^(\d{4}-\d{2}-\d{2})T(\d{2}):(\d{2})(?::(\d{2})(?:\.(\d+))?)?(Z|[+-]\d{2}:?\d{2})$/;
const DATE = /^\d{4}-\d{2}-\d{2}$/;

/**
 * A string V8 stores in one piece. Concatenation (`a + b`, template literals) makes a rope that
 * every later read walks; stored values are read on every query, so they are built flat.
 */
function flat(...parts: string[]): string {
  return parts.join('');
}

export function formatDateTime(ms: number): string {
  return flat(new Date(ms).toISOString().slice(0, 23), '+0000');
}

export function formatDate(ms: number): string {
  return new Date(ms).toISOString().slice(0, 10);
}

/** Epoch ms of a date `YYYY-MM-DD` (UTC midnight), or undefined when it is not a real date. */
export function parseDate(text: string): number | undefined {
  if (!DATE.test(text) || !isRealDate(text)) return undefined;
  return Date.parse(`${text}T00:00:00Z`);
}

const UTC_ZONES = new Set(['Z', '+0000', '+00:00', '-0000', '-00:00']);

/**
 * The stored form of an ISO 8601 datetime with an explicit zone (`Z`, `+0000`, `+01:00`), or
 * undefined when it is not one.
 */
export function canonicalDateTime(text: string): string | undefined {
  const m = DATETIME.exec(text);
  if (!m) return undefined;
  const [, date = '', hh = '', mm = '', ss = '00', fraction = '', zone = ''] = m;
  if (!isRealDate(date) || Number(hh) > 23 || Number(mm) > 59 || Number(ss) > 59) return undefined;
  const millis = fraction.padEnd(3, '0').slice(0, 3);
  if (UTC_ZONES.has(zone)) return flat(date, 'T', hh, ':', mm, ':', ss, '.', millis, '+0000');
  const offset = `${zone.slice(0, 3)}:${zone.slice(-2)}`;
  const ms = Date.parse(`${date}T${hh}:${mm}:${ss}.${millis}${offset}`);
  if (Number.isNaN(ms)) return undefined;
  // The offset may carry the instant across Salesforce's first or last day.
  const utc = formatDateTime(ms);
  return isUtcDateTime(utc) ? utc : undefined;
}

/** Epoch ms of an ISO 8601 datetime with an explicit zone, else undefined. */
export function parseDateTime(text: string): number | undefined {
  const canonical = canonicalDateTime(text);
  return canonical === undefined ? undefined : Date.parse(canonical.replace('+0000', 'Z'));
}

const DURATION = /^(\d+(?:\.\d+)?)(ms|s|m|h)$/;
const DURATION_MS: Readonly<Record<string, number>> = { ms: 1, s: 1000, m: 60_000, h: 3_600_000 };

/** `500ms`, `2s`, `1.5m`, `1h` → milliseconds; undefined for anything else. */
export function parseDuration(text: unknown): number | undefined {
  if (typeof text !== 'string') return undefined;
  const m = DURATION.exec(text.trim());
  return m ? Number(m[1]) * DURATION_MS[m[2]!]! : undefined;
}
