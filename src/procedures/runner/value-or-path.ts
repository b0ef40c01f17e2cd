/**
 * A property that names a value the way designers write it in key lists (Cache Block cacheKeys,
 * Data Mapper input parameters): a merge field or `=formula` is compiled as a value, a quoted
 * text is that text, anything else is a colon path into the data JSON.
 */
import type { FormulaScope } from '../formula';
import type { CompileContext } from './compile-context';

export type ScopeValue = (scope: FormulaScope) => unknown;

const QUOTED = /^(['"])(.*)\1$/s;

export function compileValueOrPath(cc: CompileContext, element: string, property: string, raw: unknown): ScopeValue {
  if (typeof raw !== 'string') return cc.value(element, property, raw);
  if (raw.includes('%') || raw.startsWith('=')) return cc.value(element, property, raw);
  const quoted = QUOTED.exec(raw);
  if (quoted) {
    const text = quoted[2] ?? '';
    return () => text;
  }
  const path = cc.path(element, property, raw);
  return path ? (scope) => path.get(scope.data) : () => undefined;
}
