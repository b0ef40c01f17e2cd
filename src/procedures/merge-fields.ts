/**
 * Element property values: `elementValueMap`, `additionalInput`, `remoteOptions`, `failureResponse`…
 * A value that starts with '=' is a formula; a value that is exactly one merge field (`%a:b|1%`)
 * is that value with its JSON type [inferred]; text with merge fields inside is interpolated; maps
 * and lists are compiled member by member. Compiled once, evaluated per run.
 */
import { IpemuError } from '../core/errors';
import { copyJson, MAX_JSON_DEPTH } from '../core/json-copy';
import { isPlainObject } from '../core/plain-object';
import { compileFormula, FormulaSyntaxError, type FormulaScope } from './formula/index';
import { compilePath } from './paths';

export type ValueTemplate = (scope: FormulaScope) => unknown;

/**
 * A merge field's path starts with a name character and ends with no space, so the '%' of
 * "50% off 20%" or "10%, 20%" stays text; inside, names keep their spaces, '.', '-', '?', ':'
 * and '|' (`%Jewelry - In Vault?%`). [inferred]
 */
const FIELD = '%([A-Za-z0-9_$](?:[^%\\n]*[^%\\s])?)%';
const ONE_FIELD = new RegExp(`^${FIELD}$`);
const FIELDS = new RegExp(FIELD, 'g');
const VLOCITY = /^\$vlocity\./i;

function located(error: unknown, text: string, where: string): unknown {
  const suffix = where === '' ? '' : ` (in ${where})`;
  if (error instanceof FormulaSyntaxError) return suffix === '' ? error : new FormulaSyntaxError(`${error.message}${suffix}`, error.expression, error.position);
  // A bad '|N' in a merge field: the same kind of error as a formula's, so callers catch one class.
  if (error instanceof IpemuError) return new FormulaSyntaxError(`${error.message}${suffix}`, text, 1);
  return error;
}

/**
 * An object or list read from the data is handed out as a copy: the runner writes it under
 * another node, and a later write there must not change the original. [inferred]
 */
function detached(value: unknown): unknown {
  if (value === null || typeof value !== 'object') return value;
  const copy = copyJson(value, Number.MAX_SAFE_INTEGER);
  return copy.ok ? copy.value : value;
}

function withCopies(template: ValueTemplate): ValueTemplate {
  return (scope) => detached(template(scope));
}

/** One merge field's value: a path into the data, or a $Vlocity variable (read as the formula reads it). */
function compileField(inner: string): ValueTemplate {
  if (VLOCITY.test(inner)) return compileFormula(inner);
  const path = compilePath(inner);
  return (scope) => path.get(scope.data);
}

function textOfField(value: unknown): string {
  if (value === undefined || value === null) return '';
  return typeof value === 'string' ? value : typeof value === 'object' ? JSON.stringify(value) : String(value);
}

function compileText(text: string, where: string): ValueTemplate {
  try {
    if (text.trimStart().startsWith('=')) return withCopies(compileFormula(text));
    const single = ONE_FIELD.exec(text);
    if (single !== null) return withCopies(compileField(single[1] as string));
    const parts: (string | ValueTemplate)[] = [];
    let last = 0;
    for (const match of text.matchAll(FIELDS)) {
      const at = match.index;
      if (at > last) parts.push(text.slice(last, at));
      parts.push(compileField(match[1] as string));
      last = at + match[0].length;
    }
    if (parts.length === 0) return () => text;
    if (last < text.length) parts.push(text.slice(last));
    return (scope) => parts.map((part) => (typeof part === 'string' ? part : textOfField(part(scope)))).join('');
  } catch (error) {
    throw located(error, text, where);
  }
}

function child(where: string, key: string | number): string {
  if (typeof key === 'number') return `${where}[${key}]`;
  return where === '' ? key : `${where}.${key}`;
}

/**
 * Compiles a property value. `where` names it in errors (e.g. 'elementValueMap.Output.Tax'); the
 * templates of maps and lists build fresh objects on every call, since results are written into the
 * data JSON and may be changed there later.
 */
export function compileValue(value: unknown, where = ''): ValueTemplate {
  return compileAt(value, where, 0);
}

function compileAt(value: unknown, where: string, depth: number): ValueTemplate {
  if (typeof value === 'string') return compileText(value, where);
  if (depth >= MAX_JSON_DEPTH && value !== null && typeof value === 'object') {
    // Bounds the recursion: no real property value nests this deep.
    throw new FormulaSyntaxError(`Expected at most ${MAX_JSON_DEPTH} levels of nesting in the value${where === '' ? '' : ` (in ${where})`}`, '', 1);
  }
  if (Array.isArray(value)) {
    const items = value.map((item: unknown, index) => compileAt(item, child(where, index), depth + 1));
    return (scope) => items.map((item) => item(scope));
  }
  if (isPlainObject(value)) {
    const entries = Object.entries(value).map(([key, member]) => [key, compileAt(member, child(where, key), depth + 1)] as const);
    return (scope) => {
      const result: Record<string, unknown> = {};
      for (const [key, member] of entries) {
        // A '__proto__' key of a definition stays an ordinary key; defineProperty only there, since it costs 0.4 µs a key.
        if (key === '__proto__') Object.defineProperty(result, key, { value: member(scope), writable: true, enumerable: true, configurable: true });
        else result[key] = member(scope);
      }
      return result;
    };
  }
  return () => value;
}
