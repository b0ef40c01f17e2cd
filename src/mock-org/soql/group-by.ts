import type { FunctionExp, GroupByClause } from '@jetstreamapp/soql-parser-js';
import type { FieldSchema, ObjectSchema, Schema } from '../schema/schema';
import type { Row, Store } from '../store/store';
import { kindOf } from '../store/field-kinds';
import type { Value } from '../store/values';
import { canonicalPath, compileAccessor, resolvePath, ResolvedPath, splitPath } from './paths';
import type { ExecCtx } from './where';
import { DATE_FUNCTIONS, dateFunctionOf, dateFunctionResultKind } from './date-functions';
import { argumentOf, resultField } from './date-condition';
import { comparableOf, isGroupable } from './aggregate-functions';
import { malformed, notGroupable, unsupported } from './errors';

/** One GROUP BY expression: a field, or (dateFunction) a date function of one. */
export interface GroupKey {
  readonly path: ResolvedPath;
  /** Lower-case canonical path (`account.name`): what SELECT, HAVING and ORDER BY are matched by. */
  readonly text: string;
  /** `CALENDAR_YEAR`, or `CALENDAR_YEAR(TZ)` when convertTimezone() wraps the field. */
  readonly dateFunction?: string;
  /** The type a literal compared with the key takes. */
  readonly field: FieldSchema;
  /** The key's value of a row, for one execution (a date function reads the running user's calendar). */
  readonly read: (ctx: ExecCtx) => (row: Row) => Value;
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

const canonicalOf = (path: ResolvedPath): string => canonicalPath(path).toLowerCase();

/** (ipemu) The wording: Salesforce refuses a key named twice, in words not found. */
function once(seen: Set<string>, key: string, written: string): void {
  if (seen.has(key)) throw malformed(`duplicate field in GROUP BY: ${written}`);
  seen.add(key);
}

function fieldKey(schema: Schema, store: Store, root: ObjectSchema, alias: string | undefined, text: string, seen: Set<string>): GroupKey {
  const path = resolvePath(schema, root, splitPath(text, root, alias));
  if (!isGroupable(path.field)) throw notGroupable(path.field.name);
  const canonical = canonicalOf(path);
  once(seen, canonical, text);
  const get = compileAccessor(store, path);
  return {
    path,
    text: canonical,
    field: path.field,
    read: (ctx) => {
      const elapsed = ctx.elapsed;
      return (row) => get(row, elapsed);
    },
    identity: kindOf(path.field) === 'string' ? lower : same,
    comparable: comparableOf(path.field),
  };
}

/** The name a date-function key is matched by: convertTimezone() makes it another expression. */
export function dateFunctionKey(name: string, convert: boolean): string {
  return convert ? `${name.toUpperCase()}(TZ)` : name.toUpperCase();
}

/** GROUP BY CALENDAR_YEAR(CreatedDate): a datetime groups through a date function (the dates part computes it). */
function dateKey(schema: Schema, store: Store, root: ObjectSchema, alias: string | undefined, fn: FunctionExp, seen: Set<string>): GroupKey {
  const name = (fn.functionName ?? '').toUpperCase();
  const { field, convert } = argumentOf(fn);
  const path = resolvePath(schema, root, splitPath(field, root, alias));
  const evaluate = dateFunctionOf(name, path.field, convert);
  const canonical = canonicalOf(path);
  const dateFunction = dateFunctionKey(name, convert);
  once(seen, `${dateFunction}:${canonical}`, fn.rawValue ?? name);
  const get = compileAccessor(store, path);
  return {
    path,
    text: canonical,
    dateFunction,
    field: resultField(fn.rawValue ?? name, dateFunctionResultKind(name)),
    read: (ctx) => {
      const { elapsed, calendar } = ctx;
      return (row) => evaluate(get(row, elapsed), calendar);
    },
    identity: same,
    comparable: same,
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
    const name = fn?.functionName?.toUpperCase() ?? '';
    if (fn && DATE_FUNCTIONS.has(name)) {
      keys.push(dateKey(schema, store, root, alias, fn, seen));
      continue;
    }
    if (!fn || (name !== 'ROLLUP' && name !== 'CUBE')) throw unsupported(`${fn?.rawValue ?? 'this expression'} in GROUP BY`);
    if (groupBy.length > 1) throw unsupported(`${name} with other GROUP BY expressions`);
    const params = fn.parameters ?? [];
    // (ipemu) The wording; the limit is documented.
    if (params.length > MAX_SUBTOTAL_FIELDS) throw malformed(`GROUP BY ${name} takes at most ${MAX_SUBTOTAL_FIELDS} fields`);
    for (const param of params) {
      if (typeof param === 'string') keys.push(fieldKey(schema, store, root, alias, param, seen));
      else if (DATE_FUNCTIONS.has(param.functionName?.toUpperCase() ?? '')) keys.push(dateKey(schema, store, root, alias, param, seen));
      else throw unsupported(`${param.rawValue ?? 'this expression'} in GROUP BY ${name}`);
    }
    subtotals = name;
  }
  const n = keys.length;
  const sets = subtotals === 'ROLLUP' ? rollupSets(n) : subtotals === 'CUBE' ? cubeSets(n) : [(1 << n) - 1];
  return { keys, sets };
}
