import type { Binds, BindScalar } from '../../core/org';
import { normalizeId } from '../../salesforce/ids';
import type { FieldSchema } from '../schema/schema';
import { BIND_INVALID_ID, BIND_TYPE_MISMATCH, coerceBindValue, FieldKind, kindOf } from '../store/field-kinds';
import { filterTypeMismatch, invalidId, malformed, missingBind, numberOutsideValidRange, unsupported } from './errors';
import { formatDate, formatDateTime, parseDate, parseDateTime, Value } from '../store/values';
import { Calendar, DAY, DEFAULT_CALENDAR, startOfLocalDay } from './calendar';
import { dateLiteralDays, dateLiteralShape } from './date-literals';

const TYPE_NAMES: Readonly<Record<FieldKind, string>> = {
  id: 'id',
  string: 'string',
  number: 'double',
  boolean: 'boolean',
  date: 'date',
  datetime: 'dateTime',
};

/** Operands as compiled: fixed values are coerced once; binds and relative dates wait for execution. */
export type OperandSpec = { kind: 'fixed'; value: Value } | { kind: 'bind'; name: string } | { kind: 'dateLiteral'; literal: string; n: number };

/** An operand at execution: a comparable value, or a half-open range [lo, hi) for relative dates. */
export type Resolved = { kind: 'eq'; value: Value } | { kind: 'range'; lo: string; hi: string };

const ESCAPES: Readonly<Record<string, string>> = {
  n: '\n',
  N: '\n',
  r: '\r',
  R: '\r',
  t: '\t',
  T: '\t',
  b: '\b',
  B: '\b',
  f: '\f',
  F: '\f',
  '"': '"',
  "'": "'",
  '\\': '\\',
};

/** A quoted SOQL string literal's text. LIKE patterns keep `\%` and `\_` for compileLike. */
export function unescapeSoql(quoted: string, keepLikeEscapes = false): string {
  const body = quoted.slice(1, -1);
  return body.replace(/\\(.)/g, (_match, ch: string) => {
    if (ch === '%' || ch === '_') return keepLikeEscapes ? `\\${ch}` : ch;
    const out = ESCAPES[ch];
    if (out === undefined) throw malformed(`Invalid string literal '${body}'. Illegal character sequence '\\${ch}' in string literal.`);
    return out;
  });
}

/** Compiles one literal (or bind) of a condition on `field`. */
export function compileLiteral(field: FieldSchema, literalType: string, raw: string, _n?: number): OperandSpec {
  const kind = kindOf(field);
  const mismatch = () => filterTypeMismatch(field.name, TYPE_NAMES[kind], kind === 'string' || kind === 'id');
  switch (literalType) {
    case 'APEX_BIND_VARIABLE':
      return { kind: 'bind', name: raw };
    case 'NULL':
      return { kind: 'fixed', value: null };
    case 'STRING': {
      if (kind === 'string') return { kind: 'fixed', value: unescapeSoql(raw).toLowerCase() };
      if (kind !== 'id') throw mismatch();
      const text = unescapeSoql(raw);
      const id = normalizeId(text);
      if (!id) throw invalidId(text);
      return { kind: 'fixed', value: id };
    }
    case 'INTEGER':
    case 'DECIMAL':
      if (kind !== 'number') throw mismatch();
      return { kind: 'fixed', value: Number(raw) };
    case 'BOOLEAN':
      if (kind !== 'boolean') throw mismatch();
      return { kind: 'fixed', value: raw.toUpperCase() === 'TRUE' };
    case 'DATE': {
      const ms = parseDate(raw);
      if (kind !== 'date' || ms === undefined) throw mismatch();
      return { kind: 'fixed', value: formatDate(ms) };
    }
    case 'DATETIME': {
      const ms = parseDateTime(raw);
      if (kind !== 'datetime' || ms === undefined) throw mismatch();
      return { kind: 'fixed', value: formatDateTime(ms) };
    }
    case 'DATE_LITERAL':
    case 'DATE_N_LITERAL': {
      const [name = '', count] = raw.split(':');
      const literal = name.toUpperCase();
      if (!dateLiteralShape(literal)) throw unsupported(`the date literal ${literal}`);
      if (kind !== 'date' && kind !== 'datetime') throw mismatch();
      const number = count === undefined ? 0 : Number(count.trim());
      // (ipemu) n is an unsigned integer in Salesforce's grammar; the parser lets a sign through.
      if (!Number.isInteger(number) || number < 0) throw malformed("unexpected token: '-'");
      return { kind: 'dateLiteral', literal, n: number };
    }
    default:
      throw unsupported(`${literalType} literals`);
  }
}

/** Salesforce's valid dates: 1700-01-01 to 4000-12-31, as civil day numbers (a range ends the day after its last day). */
const FIRST_VALID_DAY = Date.UTC(1700, 0, 1) / DAY;
const END_OF_VALID_DAYS = Date.UTC(4001, 0, 1) / DAY;

/**
 * (ipemu) A relative date literal whose days fall outside Salesforce's valid dates is refused as
 * NUMBER_OUTSIDE_VALID_RANGE; `LAST_N_DAYS:999999999` lies outside even JavaScript's dates and
 * was an HTTP 500.
 */
function checkDateRange(literal: string, n: number, [lo, hi]: [number, number]): void {
  if (!(lo >= FIRST_VALID_DAY && hi <= END_OF_VALID_DAYS)) {
    throw numberOutsideValidRange(`${literal}:${n}: the number of days is outside the valid range (the dates must fall between 1700-01-01 and 4000-12-31)`);
  }
}

/** The range of a relative date literal for a field: local dates for a date field, the instants of the user's local days for a datetime. */
function literalRange(spec: { literal: string; n: number }, kind: FieldKind, now: number, cal: Calendar): Resolved {
  const days = dateLiteralDays(spec.literal, spec.n, now, cal);
  checkDateRange(spec.literal, spec.n, days);
  const [lo, hi] = days;
  if (kind === 'date') return { kind: 'range', lo: formatDate(lo * DAY), hi: formatDate(hi * DAY) };
  return { kind: 'range', lo: formatDateTime(startOfLocalDay(lo, cal.timeZone)), hi: formatDateTime(startOfLocalDay(hi, cal.timeZone)) };
}

function coerceBindScalar(field: FieldSchema, kind: FieldKind, value: BindScalar): Value {
  const coerced = coerceBindValue(kind, value);
  if (coerced === BIND_TYPE_MISMATCH) throw filterTypeMismatch(field.name, TYPE_NAMES[kind], kind === 'string' || kind === 'id');
  if (coerced === BIND_INVALID_ID) throw invalidId(value as string);
  return coerced;
}

/**
 * The values of one bind, coerced to the field's kind, pushed onto `out`. (ipemu) `IN :scalar`
 * is a one-element list; a list where one value is expected (`= :list`) is refused.
 */
function pushBindValues(field: FieldSchema, kind: FieldKind, name: string, binds: Binds, list: boolean, out: Value[]): void {
  if (!Object.prototype.hasOwnProperty.call(binds, name)) throw missingBind(name);
  const value = binds[name];
  if (Array.isArray(value)) {
    if (!list) throw malformed(`Bind variable :${name} is a list; use IN or NOT IN.`);
    for (const item of value as readonly BindScalar[]) out.push(coerceBindScalar(field, kind, item));
  } else out.push(coerceBindScalar(field, kind, value as BindScalar));
}

/** Operands at execution time. */
export function resolveOperands(
  field: FieldSchema,
  specs: readonly OperandSpec[],
  binds: Binds,
  now: number,
  list: boolean,
  cal: Calendar = DEFAULT_CALENDAR,
): Resolved[] {
  const out: Resolved[] = [];
  const kind = kindOf(field);
  for (const spec of specs) {
    if (spec.kind === 'fixed') out.push({ kind: 'eq', value: spec.value });
    else if (spec.kind === 'dateLiteral') out.push(literalRange(spec, kind, now, cal));
    else {
      const values: Value[] = [];
      pushBindValues(field, kind, spec.name, binds, list, values);
      for (const value of values) out.push({ kind: 'eq', value });
    }
  }
  return out;
}

/**
 * The values an equality index is asked for (the operands of `=` or `IN`), without wrapping each
 * in a Resolved; undefined when an operand is a relative date range, which no index answers.
 */
export function equalityKeys(field: FieldSchema, specs: readonly OperandSpec[], binds: Binds, list: boolean): Value[] | undefined {
  const out: Value[] = [];
  const kind = kindOf(field);
  for (const spec of specs) {
    if (spec.kind === 'fixed') out.push(spec.value);
    else if (spec.kind === 'dateLiteral') return undefined;
    else pushBindValues(field, kind, spec.name, binds, list, out);
  }
  return out;
}
