import { normalizeId } from '../../salesforce/ids';
import { isRealDate, isUtcDateTime } from '../../salesforce/datetimes';
import type { FieldSchema } from '../schema/schema';
import { isNumberType, isStringType } from '../schema/schema';

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
  const [, date, hh, mm, ss = '00', fraction = '', zone] = m;
  if (!isRealDate(date) || Number(hh) > 23 || Number(mm) > 59 || Number(ss) > 59) return undefined;
  const millis = fraction.padEnd(3, '0').slice(0, 3);
  if (UTC_ZONES.has(zone)) return flat(date, 'T', hh, ':', mm, ':', ss, '.', millis, '+0000');
  const offset = `${zone.slice(0, 3)}:${zone.slice(-2)}`;
  const ms = Date.parse(`${date}T${hh}:${mm}:${ss}.${millis}${offset}`);
  return Number.isNaN(ms) ? undefined : formatDateTime(ms);
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
  return m ? Number(m[1]) * DURATION_MS[m[2]] : undefined;
}

export type Coerced = { ok: true; value: Value } | { ok: false; message: string };

const fail = (message: string): Coerced => ({ ok: false, message });
const ok = (value: Value): Coerced => ({ ok: true, value });
const show = (raw: unknown): string => JSON.stringify(raw) ?? String(raw);

/**
 * A fixture value checked against its field and converted to the stored form. (ipemu) A missing
 * or null boolean is false, as Salesforce booleans are never null.
 */
export function coerceFixtureValue(field: FieldSchema, raw: unknown): Coerced {
  if (raw === null || raw === undefined) {
    if (field.type === 'boolean') return ok(false);
    return field.type === 'id' ? fail('Id must not be null') : ok(null);
  }
  const type = field.type;
  if (type === 'id' || type === 'reference') {
    const id = typeof raw === 'string' ? normalizeId(raw) : undefined;
    return id ? ok(id) : fail(`${show(raw)} is not a valid Salesforce Id`);
  }
  if (isStringType(type)) {
    if (typeof raw !== 'string') return fail(`${show(raw)} is not a string`);
    if (field.picklistValues && !field.picklistValues.includes(raw)) {
      return fail(`${show(raw)} is not a valid picklist value (${field.picklistValues.join(', ')})`);
    }
    if (raw.length > field.length) return fail(`${show(raw.slice(0, 40))}… is longer than ${field.length} characters`);
    return ok(raw);
  }
  if (isNumberType(type)) {
    if (typeof raw !== 'number' || !Number.isFinite(raw)) return fail(`${show(raw)} is not a number`);
    if (type === 'int' && !Number.isInteger(raw)) return fail(`${show(raw)} is not a whole number`);
    return ok(raw);
  }
  if (type === 'boolean') return typeof raw === 'boolean' ? ok(raw) : fail(`${show(raw)} is not true or false`);
  if (type === 'date') {
    const ms = typeof raw === 'string' ? parseDate(raw) : undefined;
    return ms === undefined ? fail(`${show(raw)} is not a date (YYYY-MM-DD)`) : ok(raw as string);
  }
  // datetime
  const canonical = typeof raw === 'string' ? canonicalDateTime(raw) : undefined;
  return canonical === undefined
    ? fail(`${show(raw)} is not an ISO 8601 datetime with a zone (e.g. 2026-11-01T10:00:00.000+0000 or 2026-11-01T10:00:00Z)`)
    : ok(canonical);
}

/** What FieldCoercer.coerce returns for a value it does not accept: coerceFixtureValue says why. */
export const INVALID: unique symbol = Symbol('invalid fixture value');

const enum Kind {
  Id,
  Text,
  Number,
  Int,
  Boolean,
  Date,
  DateTime,
}

function kindOf(field: FieldSchema): Kind {
  const type = field.type;
  if (type === 'id' || type === 'reference') return Kind.Id;
  if (isStringType(type)) return Kind.Text;
  if (isNumberType(type)) return type === 'int' ? Kind.Int : Kind.Number;
  if (type === 'boolean') return Kind.Boolean;
  return type === 'date' ? Kind.Date : Kind.DateTime;
}

/**
 * `YYYY-MM-DDTHH:MM:SS.mmm` followed by `Z` or `+0000` (what generators and the REST API write),
 * in its stored form. Undefined for any other form, which canonicalDateTime then handles.
 */
function fastDateTime(text: string): string | undefined {
  if (!isUtcDateTime(text)) return undefined;
  return text.length === 24 ? flat(text.slice(0, 23), '+0000') : text;
}

/**
 * coerceFixtureValue for one field, with the per-field decisions (type, picklist set) made once
 * rather than per record. Returns the stored form or INVALID, building no message.
 */
export class FieldCoercer {
  private readonly kind: Kind;
  /** Each picklist value to the schema's own string: 150,000 jobs share six Status strings, not 150,000 copies. */
  private readonly picklist: ReadonlyMap<string, string> | undefined;
  private readonly maxLength: number;

  constructor(readonly field: FieldSchema) {
    this.kind = kindOf(field);
    this.picklist = field.picklistValues ? new Map(field.picklistValues.map((value) => [value, value])) : undefined;
    this.maxLength = field.length;
  }

  coerce(raw: unknown): Value | typeof INVALID {
    if (raw === null || raw === undefined) {
      if (this.kind === Kind.Boolean) return false;
      return this.kind === Kind.Id && this.field.type === 'id' ? INVALID : null;
    }
    switch (this.kind) {
      case Kind.Id:
        return (typeof raw === 'string' && normalizeId(raw)) || INVALID;
      case Kind.Text:
        if (typeof raw !== 'string' || raw.length > this.maxLength) return INVALID;
        if (this.picklist === undefined) return raw;
        return this.picklist.get(raw) ?? INVALID;
      case Kind.Number:
        return typeof raw === 'number' && Number.isFinite(raw) ? raw : INVALID;
      case Kind.Int:
        return typeof raw === 'number' && Number.isInteger(raw) ? raw : INVALID;
      case Kind.Boolean:
        return typeof raw === 'boolean' ? raw : INVALID;
      case Kind.Date:
        return typeof raw === 'string' && parseDate(raw) !== undefined ? raw : INVALID;
      default:
        if (typeof raw !== 'string') return INVALID;
        return fastDateTime(raw) ?? canonicalDateTime(raw) ?? INVALID;
    }
  }

  /** Why `raw` was INVALID. */
  explain(raw: unknown): string {
    const coerced = coerceFixtureValue(this.field, raw);
    return coerced.ok ? 'is not valid' : coerced.message;
  }
}
