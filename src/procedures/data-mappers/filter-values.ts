import type { BindScalar, BindValue } from '../../core/org';
import { compileFormula, Evaluator } from '../formula';
import { parseSegments, Segment } from './mapping-paths';

/**
 * What a filter's `filterValue` names, decided once at compile: a literal of the definition
 * (quoted text, a number, a list of quoted texts), `$Vlocity.NULL`, another `$Vlocity.*` variable
 * (read at run time as formulas read it), or a path read at run time from the input or from what
 * an earlier step extracted (`contact:AccountId`).
 */
export type FilterSource =
  | { readonly kind: 'literal'; readonly value: BindValue }
  | { readonly kind: 'null' }
  | { readonly kind: 'vlocity'; readonly evaluate: Evaluator }
  | { readonly kind: 'path'; readonly segments: readonly Segment[]; readonly text: string };

const QUOTED = /^\s*(?:'((?:[^'\\]|\\.)*)'|"((?:[^"\\]|\\.)*)")\s*$/;
const NUMBER = /^-?\d+(?:\.\d+)?$/;

function unquote(text: string): string | undefined {
  const m = QUOTED.exec(text);
  if (!m) return undefined;
  return (m[1] ?? m[2]!).replace(/\\(.)/g, '$1');
}

/** `'a','b'` or `"a", "b"`: a list of quoted texts, split outside the quotes. */
function quotedList(text: string): string[] | undefined {
  const parts: string[] = [];
  let rest = text.trim();
  while (rest.length > 0) {
    const m = /^(?:'((?:[^'\\]|\\.)*)'|"((?:[^"\\]|\\.)*)")\s*(,\s*)?/.exec(rest);
    if (!m) return undefined;
    parts.push((m[1] ?? m[2]!).replace(/\\(.)/g, '$1'));
    rest = rest.slice(m[0].length);
    if (!m[3] && rest.length > 0) return undefined;
  }
  return parts.length > 1 ? parts : undefined;
}

export function parseFilterValue(raw: string): FilterSource {
  const text = raw.trim();
  if (text.toUpperCase() === '$VLOCITY.NULL') return { kind: 'null' };
  // $Vlocity.TODAY, .NOW, .UserId: one home for what they mean, the formula engine's.
  if (/^\$vlocity\.[A-Za-z]+$/i.test(text)) return { kind: 'vlocity', evaluate: compileFormula(text) };
  const quoted = unquote(text);
  if (quoted !== undefined) return { kind: 'literal', value: quoted };
  const list = quotedList(text);
  if (list) return { kind: 'literal', value: list };
  // (ipemu) A bare number is a number, not an input path: input keys are names.
  if (NUMBER.test(text)) return { kind: 'literal', value: Number(text) };
  return { kind: 'path', segments: parseSegments(text), text };
}

/** A value read from JSON, as a bind: scalars pass, lists keep their scalar items, anything else is absent. */
export function toBind(value: unknown): BindValue | undefined {
  if (value === undefined) return undefined;
  if (Array.isArray(value)) {
    const items: BindScalar[] = [];
    for (const item of value) {
      const scalar = toBindScalar(item);
      if (scalar !== undefined) items.push(scalar);
    }
    return items;
  }
  return toBindScalar(value);
}

function toBindScalar(value: unknown): BindScalar | undefined {
  if (value === null || typeof value === 'string' || typeof value === 'boolean') return value;
  if (typeof value === 'number') return Number.isFinite(value) ? value : undefined;
  return undefined;
}

/** SOQL LIKE wildcards in the input are matched literally: the filter is a substring match of the value as given. */
export function likeSubstring(value: BindValue): string | undefined {
  // A list is not one substring: a LIKE filter given one selects nothing.
  if (typeof value !== 'string' && typeof value !== 'number' && typeof value !== 'boolean') return undefined;
  const text = value;
  return `%${String(text).replace(/[\\%_]/g, (ch) => `\\${ch}`)}%`;
}
