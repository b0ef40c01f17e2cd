import { normalizeId } from '../../salesforce/ids';
import { isUtcDateTime, outsideSalesforceRange, SALESFORCE_DATE_RANGE } from '../../salesforce/datetimes';
import type { FieldType } from '../fixtures/types';
import type { FieldSchema } from '../schema/schema';
import { canonicalMultiPicklist, firstUndeclared } from './multi-picklist-values';
import { canonicalDateTime, formatDate, formatDateTime, parseDate, Value } from './values';

/*
 * The one place that says, per field type, what kind of value a field holds and how a raw value
 * becomes the form the store keeps (a fixture value) or the form a query compares (a bind value).
 * Fixture loading and SOQL operands both call it; the schema's type predicates derive from it.
 */

/** How a field's values are kept and compared. String-like values compare lower-cased (SOQL is case-insensitive). */
export type FieldKind = 'id' | 'string' | 'number' | 'boolean' | 'date' | 'datetime';

export const KIND_OF_TYPE: Readonly<Record<FieldType, FieldKind>> = {
  id: 'id',
  reference: 'id',
  string: 'string',
  textarea: 'string',
  picklist: 'string',
  multipicklist: 'string',
  email: 'string',
  phone: 'string',
  url: 'string',
  int: 'number',
  double: 'number',
  currency: 'number',
  percent: 'number',
  boolean: 'boolean',
  date: 'date',
  datetime: 'datetime',
};

export function kindOf(field: FieldSchema): FieldKind {
  return KIND_OF_TYPE[field.type];
}

/** The REST API's error code for a value coerce refused (FieldCoercer.refusal). */
export type RestRefusal = 'JSON_PARSER_ERROR' | 'STRING_TOO_LONG' | 'INVALID_OR_NULL_FOR_RESTRICTED_PICKLIST' | 'MALFORMED_ID';

/** What FieldCoercer.coerce returns for a value it does not accept: explain says why. */
export const INVALID: unique symbol = Symbol('invalid fixture value');

/**
 * `YYYY-MM-DDTHH:MM:SS.mmm` followed by `Z` or `+0000` (what generators and the REST API write),
 * in its stored form. Undefined for any other form, which canonicalDateTime then handles.
 */
function fastDateTime(text: string): string | undefined {
  if (!isUtcDateTime(text)) return undefined;
  return text.length === 24 ? [text.slice(0, 23), '+0000'].join('') : text;
}

const show = (raw: unknown): string => JSON.stringify(raw) ?? String(raw);

/**
 * A fixture value checked against its field and converted to the stored form, with the per-field
 * decisions (kind, picklist set) made once rather than per record. (ipemu) A missing or null
 * boolean is false, as Salesforce booleans are never null.
 */
export class FieldCoercer {
  readonly kind: FieldKind;
  private readonly int: boolean;
  /** Each picklist value to the schema's own string: 150,000 jobs share six Status strings, not 150,000 copies. */
  private readonly picklist: ReadonlyMap<string, string> | undefined;
  private readonly maxLength: number;
  private readonly multi: boolean;
  /** Multi-select picklists: each declared value's place, the order values are stored in. */
  private readonly rank: ReadonlyMap<string, number> | undefined;

  constructor(readonly field: FieldSchema) {
    this.kind = kindOf(field);
    this.int = field.type === 'int';
    this.picklist = field.picklistValues ? new Map(field.picklistValues.map((value) => [value, value])) : undefined;
    this.multi = field.type === 'multipicklist';
    this.rank = this.multi && field.picklistValues ? new Map(field.picklistValues.map((value, i) => [value, i])) : undefined;
    this.maxLength = field.length;
  }

  /** The stored form, or INVALID (building no message). */
  coerce(raw: unknown): Value | typeof INVALID {
    if (raw === null || raw === undefined) {
      if (this.kind === 'boolean') return false;
      return this.field.type === 'id' ? INVALID : null;
    }
    switch (this.kind) {
      case 'id':
        return (typeof raw === 'string' && normalizeId(raw)) || INVALID;
      case 'string':
        if (typeof raw !== 'string' || raw.length > this.maxLength) return INVALID;
        if (this.multi) {
          const stored = canonicalMultiPicklist(raw, this.picklist, this.rank);
          return stored === undefined ? INVALID : stored;
        }
        if (this.picklist === undefined) return raw;
        return this.picklist.get(raw) ?? INVALID;
      case 'number':
        if (typeof raw !== 'number' || !Number.isFinite(raw)) return INVALID;
        return this.int && !Number.isInteger(raw) ? INVALID : raw;
      case 'boolean':
        return typeof raw === 'boolean' ? raw : INVALID;
      case 'date':
        return typeof raw === 'string' && parseDate(raw) !== undefined ? raw : INVALID;
      default:
        if (typeof raw !== 'string') return INVALID;
        return fastDateTime(raw) ?? canonicalDateTime(raw) ?? INVALID;
    }
  }

  /**
   * Why coerce answered INVALID for a value a REST client sent, as the code Salesforce's REST API
   * answers with: a value of the wrong JSON type (or a text that is no date) cannot be read at
   * all; a string can be too long, off a restricted picklist, or not an Id.
   */
  refusal(raw: unknown): RestRefusal {
    if (this.kind === 'id') return typeof raw === 'string' ? 'MALFORMED_ID' : 'JSON_PARSER_ERROR';
    if (this.kind !== 'string' || typeof raw !== 'string') return 'JSON_PARSER_ERROR';
    if (this.multi) return raw.length > this.maxLength ? 'STRING_TOO_LONG' : 'INVALID_OR_NULL_FOR_RESTRICTED_PICKLIST';
    return this.picklist !== undefined && !this.picklist.has(raw) ? 'INVALID_OR_NULL_FOR_RESTRICTED_PICKLIST' : 'STRING_TOO_LONG';
  }

  /** Why coerce answered INVALID for `raw` (which check of coerce it failed). */
  explain(raw: unknown): string {
    if (raw === null || raw === undefined) return this.field.type === 'id' ? 'Id must not be null' : 'is not valid';
    switch (this.kind) {
      case 'id':
        return `${show(raw)} is not a valid Salesforce Id`;
      case 'string': {
        if (typeof raw !== 'string') return `${show(raw)} is not a string`;
        const values = this.field.picklistValues;
        const off = values && this.multi && raw.length <= this.maxLength ? firstUndeclared(raw, values) : undefined;
        if (off !== undefined) return `${show(off)} is not a valid picklist value (${values!.join(', ')})`;
        if (values && !this.multi && !values.includes(raw)) return `${show(raw)} is not a valid picklist value (${values.join(', ')})`;
        return `${show(raw.slice(0, 40))}… is longer than ${this.maxLength} characters`;
      }
      case 'number':
        return typeof raw === 'number' && Number.isFinite(raw) ? `${show(raw)} is not a whole number` : `${show(raw)} is not a number`;
      case 'boolean':
        return `${show(raw)} is not true or false`;
      case 'date':
      case 'datetime':
        if (typeof raw === 'string' && outsideSalesforceRange(raw)) return `${show(raw)} is outside Salesforce's valid range (${SALESFORCE_DATE_RANGE})`;
        if (this.kind === 'date') return `${show(raw)} is not a date (YYYY-MM-DD)`;
        return `${show(raw)} is not an ISO 8601 datetime with a zone (e.g. 2026-11-01T10:00:00.000+0000 or 2026-11-01T10:00:00Z)`;
    }
  }
}

const coercers = new WeakMap<FieldSchema, FieldCoercer>();

/** The field's coercer, built once per field. */
export function coercerOf(field: FieldSchema): FieldCoercer {
  let coercer = coercers.get(field);
  if (coercer === undefined) coercers.set(field, (coercer = new FieldCoercer(field)));
  return coercer;
}

export type Coerced = { ok: true; value: Value } | { ok: false; message: string };

/** A fixture value checked against its field: its stored form, or why it is refused. */
export function coerceFixtureValue(field: FieldSchema, raw: unknown): Coerced {
  const coercer = coercerOf(field);
  const value = coercer.coerce(raw);
  return value === INVALID ? { ok: false, message: coercer.explain(raw) } : { ok: true, value };
}

/** Why a bind value was refused: not of the field's kind, or (for an Id field) a string that is no Id. */
export const BIND_TYPE_MISMATCH: unique symbol = Symbol('bind type mismatch');
export const BIND_INVALID_ID: unique symbol = Symbol('bind invalid id');

/**
 * A bind value (a JavaScript scalar, Dates for date and datetime fields) in the form a query
 * compares with stored values: Ids normalized to 18 characters, strings lower-cased, dates in
 * the stored UTC text form.
 */
export function coerceBindValue(kind: FieldKind, value: unknown): Value | typeof BIND_TYPE_MISMATCH | typeof BIND_INVALID_ID {
  if (value === null || value === undefined) return null;
  switch (kind) {
    case 'id':
      if (typeof value !== 'string') return BIND_TYPE_MISMATCH;
      return normalizeId(value) ?? BIND_INVALID_ID;
    case 'string':
      return typeof value === 'string' ? value.toLowerCase() : BIND_TYPE_MISMATCH;
    case 'number':
      return typeof value === 'number' && Number.isFinite(value) ? value : BIND_TYPE_MISMATCH;
    case 'boolean':
      return typeof value === 'boolean' ? value : BIND_TYPE_MISMATCH;
    default:
      if (!(value instanceof Date) || Number.isNaN(value.getTime())) return BIND_TYPE_MISMATCH;
      return kind === 'date' ? formatDate(value.getTime()) : formatDateTime(value.getTime());
  }
}
