import { IpemuError } from '../core/errors';
import type { Binds, BindScalar, BindValue } from '../core/org';

/**
 * The one place where values become SOQL text (DESIGN.md §1 rule 3). Every Apex-style bind
 * (`:name`) outside a string literal is replaced by an escaped SOQL literal.
 */

const SOQL_ESCAPES: Readonly<Record<string, string>> = {
  '\\': '\\\\',
  "'": "\\'",
  '"': '\\"',
  '\n': '\\n',
  '\r': '\\r',
  '\t': '\\t',
  '\b': '\\b',
  '\f': '\\f',
};

/** A string as a quoted SOQL literal, with the escape sequences SOQL understands. */
export function quoteSoqlString(value: string): string {
  return `'${value.replace(/[\\'"\n\r\t\b\f]/g, (ch) => SOQL_ESCAPES[ch]!)}'`;
}

/** A Date as a SOQL datetime literal (UTC, no milliseconds: SOQL rejects them). */
export function formatSoqlDateTime(date: Date): string {
  if (Number.isNaN(date.getTime())) throw new IpemuError('INTERNAL', 'A bind value is an invalid Date.');
  return date.toISOString().replace(/\.\d{3}Z$/, 'Z');
}

function renderScalar(name: string, value: BindScalar): string {
  if (value === null) return 'null';
  if (value instanceof Date) return formatSoqlDateTime(value);
  switch (typeof value) {
    case 'string':
      return quoteSoqlString(value);
    case 'boolean':
      return value ? 'true' : 'false';
    case 'number':
      if (!Number.isFinite(value)) throw new IpemuError('INTERNAL', `Bind :${name} is not a finite number.`);
      return String(value);
    default:
      throw new IpemuError('INTERNAL', `Bind :${name} has an unsupported type (${typeof value}).`);
  }
}

/**
 * A list renders as `('a','b')`. (ipemu) An empty list renders as `(null)`: `Id IN (null)`
 * matches no row, as Apex's `IN :emptyList` does, whereas `()` is a MALFORMED_QUERY.
 */
function renderValue(name: string, value: BindValue): string {
  if (Array.isArray(value)) {
    if (value.length === 0) return '(null)';
    return `(${value.map((item: BindScalar) => renderScalar(name, item)).join(',')})`;
  }
  return renderScalar(name, value as BindScalar);
}

const IDENT_START = /[A-Za-z_]/;
const IDENT_PART = /[A-Za-z0-9_]/;

/** Replaces each `:name` outside quoted strings with its literal; an unknown name is an internal error. */
export function renderSoql(soql: string, binds: Binds = {}): string {
  let out = '';
  let i = 0;
  while (i < soql.length) {
    const ch = soql[i];
    if (ch === "'") {
      // Copy the literal verbatim, honouring backslash escapes so `\'` does not end it.
      let j = i + 1;
      while (j < soql.length && soql[j] !== "'") j += soql[j] === '\\' ? 2 : 1;
      out += soql.slice(i, j + 1);
      i = j + 1;
      continue;
    }
    if (ch === ':' && IDENT_START.test(soql[i + 1] ?? '')) {
      let j = i + 1;
      while (j < soql.length && IDENT_PART.test(soql[j]!)) j++;
      const name = soql.slice(i + 1, j);
      if (!Object.prototype.hasOwnProperty.call(binds, name)) {
        throw new IpemuError('INTERNAL', `The query uses bind :${name}, but no value was given for it.`);
      }
      const value = binds[name];
      // A JavaScript caller may give undefined: refused with the error renderScalar gives any unsupported type.
      if (value === undefined) throw new IpemuError('INTERNAL', `Bind :${name} has an unsupported type (undefined).`);
      out += renderValue(name, value);
      i = j;
      continue;
    }
    out += ch;
    i++;
  }
  return out;
}
