import type { GroupByClause } from '@jetstreamapp/soql-parser-js';
import type { FieldSchema, ObjectSchema, Schema } from '../schema/schema';
import type { Store } from '../store/store';
import { kindOf } from '../store/field-kinds';
import type { Value } from '../store/values';
import { Accessor, compileAccessor, resolvePath, ResolvedPath, splitPath } from './paths';
import { comparableOf, isGroupable } from './aggregate-functions';
import { malformed, notGroupable, unsupported } from './errors';

/** One GROUP BY expression: a field, or (dateFunction) a date function of one. */
export interface GroupKey {
  readonly path: ResolvedPath;
  /** Lower-case canonical path (`account.name`): what SELECT, HAVING and ORDER BY are matched by. */
  readonly text: string;
  readonly dateFunction?: string;
  /** The type a literal compared with the key takes. */
  readonly field: FieldSchema;
  readonly get: Accessor;
  /** The value groups are told apart by: text case-insensitively. */
  readonly identity: (value: Value) => Value;
  readonly comparable: (value: Value) => Value;
}

export interface CompiledGroupBy {
  readonly keys: GroupKey[];
  /** Bit masks of the keys each grouping set keeps, finest first. */
  readonly sets: number[];
}

/** Salesforce: "You can include up to three fields in a comma-separated list in a GROUP BY ROLLUP clause" (CUBE too). */
export const MAX_SUBTOTAL_FIELDS = 3;

const lower = (value: Value): Value => (typeof value === 'string' ? value.toLowerCase() : value);
const same = (value: Value): Value => value;

function fieldKey(schema: Schema, store: Store, root: ObjectSchema, alias: string | undefined, text: string, seen: Set<string>): GroupKey {
  const path = resolvePath(schema, root, splitPath(text, root, alias));
  if (!isGroupable(path.field)) throw notGroupable(path.field.name);
  const canonical = [...path.hops.map((hop) => hop.field.relationshipName!), path.field.name].join('.').toLowerCase();
  // (ipemu) The wording: Salesforce refuses a key named twice, in words not found.
  if (seen.has(canonical)) throw malformed(`duplicate field in GROUP BY: ${text}`);
  seen.add(canonical);
  return {
    path,
    text: canonical,
    field: path.field,
    get: compileAccessor(store, path),
    identity: kindOf(path.field) === 'string' ? lower : same,
    comparable: comparableOf(path.field),
  };
}

/** Every subset of n keys, finest first, each size's subsets in key order: CUBE(a, b) is (a, b), (a), (b), (). */
function cubeSets(n: number): number[] {
  const size = (mask: number): number => (mask === 0 ? 0 : (mask & 1) + size(mask >> 1));
  return Array.from({ length: 1 << n }, (_, mask) => mask).sort((a, b) => size(b) - size(a) || a - b);
}

/** ROLLUP(a, b, c) is (a, b, c), (a, b), (a), (). */
function rollupSets(n: number): number[] {
  return Array.from({ length: n + 1 }, (_, i) => (1 << (n - i)) - 1);
}

export function compileGroupBy(
  schema: Schema,
  store: Store,
  root: ObjectSchema,
  alias: string | undefined,
  groupBy: readonly GroupByClause[],
): CompiledGroupBy {
  const seen = new Set<string>();
  const keys: GroupKey[] = [];
  let subtotals: 'ROLLUP' | 'CUBE' | undefined;
  for (const item of groupBy) {
    if ('field' in item && item.field) {
      keys.push(fieldKey(schema, store, root, alias, item.field, seen));
      continue;
    }
    const fn = 'fn' in item ? item.fn : undefined;
    const name = fn?.functionName?.toUpperCase();
    if (!fn || (name !== 'ROLLUP' && name !== 'CUBE')) throw unsupported(`date functions in GROUP BY (${fn?.rawValue ?? 'GROUP BY'})`);
    if (groupBy.length > 1) throw unsupported(`${name} with other GROUP BY expressions`);
    const params = fn.parameters ?? [];
    // (ipemu) The wording; the limit is documented.
    if (params.length > MAX_SUBTOTAL_FIELDS) throw malformed(`GROUP BY ${name} takes at most ${MAX_SUBTOTAL_FIELDS} fields`);
    for (const param of params) {
      if (typeof param !== 'string') throw unsupported(`date functions in GROUP BY ${name}`);
      keys.push(fieldKey(schema, store, root, alias, param, seen));
    }
    subtotals = name;
  }
  const n = keys.length;
  const sets = subtotals === 'ROLLUP' ? rollupSets(n) : subtotals === 'CUBE' ? cubeSets(n) : [(1 << n) - 1];
  return { keys, sets };
}
