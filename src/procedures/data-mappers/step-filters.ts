import type { DataMapperItem } from '../model';
import { FilterSource, parseFilterValue } from './filter-values';
import { sameNames, Segment } from './mapping-paths';
import { isFieldPath, MAX_EXTRACT_LIMIT, orderByText, wholeNumber } from './soql-clauses';

/** How a filter's value becomes its bind: a list for (NOT) IN, a substring pattern for LIKE, else as read. */
export type BindShape = 'scalar' | 'list' | 'like';

/** Where a path-valued filter reads at run time: the input, what earlier steps extracted, or the record the step runs for. */
export type FilterOrigin = 'input' | 'extracted' | 'anchor';

export interface StepFilter {
  readonly bind: string;
  readonly source: Exclude<FilterSource, { kind: 'null' }>;
  readonly shape: BindShape;
  readonly origin: FilterOrigin;
  /** For origin 'anchor': the path below the anchor record; else the whole path. */
  readonly segments: readonly Segment[];
  /** `=`/`<>` on a path: a list read at run time switches the step to its list text, where this filter is (NOT) IN. */
  readonly listable: boolean;
}

/** A WHERE condition in both texts of a step: as written, and with listable filters as (NOT) IN. */
export interface Condition {
  readonly group: number;
  readonly scalar: string;
  readonly list: string;
}

/** What one filter row of an extraction step adds to its query, or the problem it has. */
export type FilterRow =
  | { readonly kind: 'problem'; readonly message: string }
  | { readonly kind: 'limit'; readonly value: number }
  | { readonly kind: 'offset'; readonly value: number }
  | { readonly kind: 'order'; readonly text: string }
  | { readonly kind: 'condition'; readonly condition: Condition; readonly filter?: StepFilter };

/** Where the step stands: the step it runs under, the paths of the steps before it, its binds so far. */
export interface StepPlace {
  readonly anchor?: readonly Segment[];
  readonly earlier: readonly (readonly Segment[])[];
  readonly bindCount: number;
}

const OPERATORS = new Set(['=', '<>', '!=', 'LIKE', 'NOT LIKE', 'IN', 'NOT IN', '>', '>=', '<', '<=', 'LIMIT', 'OFFSET', 'ORDER BY']);

function normalOperator(op: string | undefined): string | undefined {
  const text = op?.trim().replace(/\s+/g, ' ').toUpperCase();
  return text ? text : undefined;
}

function originOf(segments: readonly Segment[], place: StepPlace): { origin: FilterOrigin; segments: readonly Segment[] } {
  const { anchor } = place;
  if (anchor && segments.length > anchor.length && sameNames(anchor, segments)) return { origin: 'anchor', segments: segments.slice(anchor.length) };
  const earlier = place.earlier.some((path) => path.length < segments.length && sameNames(path, segments));
  return { origin: earlier ? 'extracted' : 'input', segments };
}

function limitRow(op: 'LIMIT' | 'OFFSET', value: string): FilterRow {
  const n = op === 'LIMIT' ? wholeNumber(value, 1, MAX_EXTRACT_LIMIT) : wholeNumber(value, 0, Number.MAX_SAFE_INTEGER);
  if (n !== undefined) return op === 'LIMIT' ? { kind: 'limit', value: n } : { kind: 'offset', value: n };
  return {
    kind: 'problem',
    message: op === 'LIMIT' ? `LIMIT "${value}" is not a whole number from 1 to ${MAX_EXTRACT_LIMIT}` : `OFFSET "${value}" is not a whole number`,
  };
}

/** A filter row, compiled; undefined for an item that only names the step (no operator). */
export function compileFilterRow(item: DataMapperItem, place: StepPlace): FilterRow | undefined {
  const op = normalOperator(item.filterOperator);
  if (op === undefined) return undefined;
  if (!OPERATORS.has(op)) return { kind: 'problem', message: `unknown FilterOperator "${item.filterOperator}"` };
  const value = item.filterValue ?? '';
  if (op === 'LIMIT' || op === 'OFFSET') return limitRow(op, value);
  if (op === 'ORDER BY') {
    const text = orderByText(value);
    return text === undefined ? { kind: 'problem', message: `ORDER BY "${value}" is not a list of fields` } : { kind: 'order', text };
  }
  const field = item.inputFieldName?.trim() ?? '';
  if (!isFieldPath(field)) return { kind: 'problem', message: field ? `"${field}" is not a field name` : `the ${op} filter names no field (inputFieldName)` };
  const group = item.filterGroup ?? 0;
  const equality = op === '=' || op === '<>' || op === '!=';
  const parsed = parseFilterValue(value);
  // (ipemu) `<> ''` (the designer's "every record", as in Salesforce's OmniDataTransform sample)
  // compares with null: Salesforce stores no empty text, and an Id is never ''.
  const source: FilterSource = equality && parsed.kind === 'literal' && parsed.value === '' ? { kind: 'null' } : parsed;
  if (source.kind === 'null') {
    if (!equality) return { kind: 'problem', message: `$Vlocity.NULL can only be compared with = or <>, not ${op}` };
    const text = `${field} ${op === '=' ? '=' : '!='} null`;
    return { kind: 'condition', condition: { group, scalar: text, list: text } };
  }
  const bind = `p${place.bindCount}`;
  const negated = op === '<>' || op === '!=' || op === 'NOT IN' || op === 'NOT LIKE';
  // (ipemu) `= 'a','b'` means IN, as a list given to = at run time does.
  const literalList = equality && source.kind === 'literal' && Array.isArray(source.value);
  const shape: BindShape = op === 'LIKE' || op === 'NOT LIKE' ? 'like' : op === 'IN' || op === 'NOT IN' || literalList ? 'list' : 'scalar';
  const listable = source.kind === 'path' && equality;
  const inText = `${field} ${negated ? 'NOT IN' : 'IN'} :${bind}`;
  // SOQL has no NOT LIKE operator: the negation wraps the condition.
  const likeText = negated ? `(NOT ${field} LIKE :${bind})` : `${field} LIKE :${bind}`;
  const scalar = shape === 'like' ? likeText : shape === 'list' ? inText : `${field} ${op === '<>' ? '!=' : op} :${bind}`;
  const read = source.kind === 'path' ? originOf(source.segments, place) : { origin: 'input' as const, segments: [] };
  return {
    kind: 'condition',
    condition: { group, scalar, list: listable ? inText : scalar },
    filter: { bind, source, shape, origin: read.origin, segments: read.segments, listable },
  };
}
