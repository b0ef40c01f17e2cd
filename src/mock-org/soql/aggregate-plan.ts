import type { FieldType as SelectField, GroupByClause, OrderByClause, Query } from '@jetstreamapp/soql-parser-js';
import type { FieldSchema, ObjectSchema, Schema } from '../schema/schema';
import type { Store } from '../store/store';
import type { Value } from '../store/values';
import { Accessor, compileAccessor, resolvePath, ResolvedPath, splitPath } from './paths';
import { Accumulator, accumulatorFactory, AGGREGATE_NAMES, AggregateName, checkAggregateType, comparableOf } from './aggregate-functions';
import { compileGroupBy, GroupKey } from './group-by';
import { compileHaving, HavingTest } from './having';
import { duplicateField, groupedAggregated, malformed, mustBeGrouped, orderMustBeGrouped, unsupported } from './errors';

/** A finished group: its key values (null where a subtotal rolls a key up), which keys are rolled up, and the aggregates' results. */
export interface GroupResult {
  readonly keys: readonly Value[];
  readonly rolledUp: readonly boolean[];
  readonly values: readonly Value[];
}

/** Reads one output value (a grouped field, an aggregate, GROUPING) of a finished group. */
export type GroupGetter = (group: GroupResult) => Value;

/** An aggregate computed per group: a selected one, or one only HAVING or ORDER BY names. */
export interface AggregateSpec {
  readonly name: AggregateName;
  readonly field: FieldSchema;
  readonly get: Accessor;
  /** Lower-case `count(id)`, `max(account.name)`: one spec per distinct expression. */
  readonly text: string;
  readonly make: () => Accumulator;
}

/** What an expression of SELECT, HAVING or ORDER BY reads from a group, and how its values compare. */
export interface GroupOperand {
  readonly get: GroupGetter;
  /** The field whose type a literal compared with it takes (a number for COUNT, SUM, AVG and GROUPING). */
  readonly field: FieldSchema;
  readonly comparable: (value: Value) => Value;
}

export interface OutputColumn {
  readonly name: string;
  readonly operand: GroupOperand;
}

export interface AggregateOrderKey {
  readonly operand: GroupOperand;
  readonly descending: boolean;
  readonly nullsFirst: boolean;
}

/** An aggregate query compiled: how rows become groups, and groups AggregateResult records. */
export interface AggregatePlan {
  readonly keys: readonly GroupKey[];
  /** Grouping sets as bit masks of the keys kept, finest first: one for a plain GROUP BY, more for ROLLUP and CUBE. */
  readonly sets: readonly number[];
  /** Without GROUP BY the whole result is one group, even over no rows. */
  readonly grouped: boolean;
  readonly specs: readonly AggregateSpec[];
  readonly columns: readonly OutputColumn[];
  readonly having?: HavingTest;
  readonly order: readonly AggregateOrderKey[];
  readonly limit?: number;
  readonly offset?: number;
  readonly paths: readonly ResolvedPath[];
}

/** Salesforce's one batch: an aggregate answer cannot be paged with queryMore. */
export const MAX_AGGREGATE_ROWS = 2000;

const canonical = (path: ResolvedPath): string => [...path.hops.map((hop) => hop.field.relationshipName!), path.field.name].join('.');

const identity = (value: Value): Value => value;

/** COUNT, COUNT_DISTINCT, SUM, AVG and GROUPING answer numbers, whatever they read. */
function numberField(field: FieldSchema, text: string): FieldSchema {
  return { ...field, name: text, type: 'double', picklistValues: undefined };
}

/** Resolves expressions against the GROUP BY keys, adding an aggregate spec per distinct aggregate expression. */
export class GroupScope {
  readonly specs: AggregateSpec[] = [];
  readonly paths: ResolvedPath[] = [];

  constructor(
    private readonly schema: Schema,
    private readonly store: Store,
    private readonly root: ObjectSchema,
    private readonly alias: string | undefined,
    readonly keys: readonly GroupKey[],
  ) {}

  path(text: string): ResolvedPath {
    const path = resolvePath(this.schema, this.root, splitPath(text, this.root, this.alias));
    this.paths.push(path);
    return path;
  }

  /** The GROUP BY key of this path (under a date function when named), or -1. */
  keyOf(path: ResolvedPath, dateFunction?: string): number {
    const text = canonical(path).toLowerCase();
    return this.keys.findIndex((key) => key.dateFunction === dateFunction && key.text === text);
  }

  /** A field read from a group: it must be one of the GROUP BY keys. */
  field(text: string, error: (field: string) => Error = mustBeGrouped): GroupOperand {
    const path = this.path(text);
    const index = this.keyOf(path);
    if (index < 0) throw error(text);
    return { get: (g) => g.keys[index]!, field: path.field, comparable: this.keys[index]!.comparable };
  }

  /** An aggregate function, GROUPING or a date function the keys group by. */
  fn(name: string, parameters: readonly unknown[], raw: string, error: (field: string) => Error = mustBeGrouped): GroupOperand {
    const upper = name.toUpperCase();
    const [param] = parameters;
    if (parameters.length !== 1 || typeof param !== 'string') throw unsupported(`the function ${raw}`);
    const path = this.path(param);
    if (upper === 'GROUPING') {
      const index = this.keyOf(path);
      if (index < 0) throw error(param);
      return { get: (g) => (g.rolledUp[index] ? 1 : 0), field: numberField(path.field, raw), comparable: identity };
    }
    if (!AGGREGATE_NAMES.has(upper)) {
      const index = this.keyOf(path, upper);
      if (index < 0) throw error(raw);
      return { get: (g) => g.keys[index]!, field: this.keys[index]!.field, comparable: identity };
    }
    const aggregate = upper as AggregateName;
    const text = `${aggregate}(${canonical(path)})`.toLowerCase();
    if (this.keyOf(path) >= 0) throw groupedAggregated(param);
    checkAggregateType(aggregate, path.field, param);
    let index = this.specs.findIndex((spec) => spec.text === text);
    if (index < 0) {
      index = this.specs.length;
      this.specs.push({ name: aggregate, field: path.field, get: compileAccessor(this.store, path), text, make: accumulatorFactory(aggregate, path.field) });
    }
    const minMax = aggregate === 'MIN' || aggregate === 'MAX';
    const at = index;
    return {
      get: (g) => g.values[at]!,
      field: minMax ? path.field : numberField(path.field, raw),
      comparable: minMax ? comparableOf(path.field) : identity,
    };
  }
}

/**
 * True when the query aggregates: a GROUP BY, a HAVING, or an aggregate function in SELECT other
 * than a lone COUNT(), which stays the count-only query.
 */
export function isAggregateQuery(query: Query): boolean {
  if (query.groupBy || query.having) return true;
  return (query.fields ?? []).some(
    (item) => item.type === 'FieldFunctionExpression' && AGGREGATE_NAMES.has(item.functionName.toUpperCase()) && item.parameters.length > 0,
  );
}

function compileColumns(scope: GroupScope, fields: readonly SelectField[], grouped: boolean): OutputColumn[] {
  const columns: OutputColumn[] = [];
  const names = new Set<string>();
  const seenFields = new Set<string>();
  let expr = 0;
  const add = (name: string, operand: GroupOperand, aliased: boolean) => {
    if (names.has(name.toLowerCase())) {
      if (aliased) throw malformed(`duplicate alias: ${name}`);
      throw unsupported(`two selected fields named ${name} in an aggregate query (give one an alias)`);
    }
    names.add(name.toLowerCase());
    columns.push({ name, operand });
  };
  for (const item of fields) {
    switch (item.type) {
      case 'Field':
      case 'FieldRelationship': {
        const text = item.type === 'Field' ? item.field : [...item.relationships, item.field].join('.');
        const operand = scope.field(text);
        const path = scope.paths[scope.paths.length - 1]!;
        if (seenFields.has(canonical(path).toLowerCase())) throw duplicateField(canonical(path));
        seenFields.add(canonical(path).toLowerCase());
        const alias = 'alias' in item ? item.alias : undefined;
        add(alias ?? path.field.name, operand, alias !== undefined);
        break;
      }
      case 'FieldFunctionExpression': {
        if (item.functionName.toUpperCase() === 'COUNT' && item.parameters.length === 0) {
          if (grouped) throw unsupported('COUNT() with GROUP BY (use COUNT(Id))');
          throw malformed('COUNT() must be the only element in the SELECT list.');
        }
        const operand = scope.fn(item.functionName, item.parameters, item.rawValue ?? item.functionName);
        add(item.alias ?? `expr${expr++}`, operand, item.alias !== undefined);
        break;
      }
      case 'FieldSubquery':
        throw unsupported('subqueries in SELECT (child relationships)');
      default:
        throw unsupported('TYPEOF');
    }
  }
  return columns;
}

function compileOrder(scope: GroupScope, columns: readonly OutputColumn[], orderBy: OrderByClause | OrderByClause[] | undefined): AggregateOrderKey[] {
  if (!orderBy) return [];
  return (Array.isArray(orderBy) ? orderBy : [orderBy]).map((clause) => {
    const descending = clause.order?.toUpperCase() === 'DESC';
    const nullsFirst = clause.nulls ? clause.nulls.toUpperCase() === 'FIRST' : !descending;
    let operand: GroupOperand;
    if ('fn' in clause && clause.fn) {
      const fn = clause.fn;
      operand = scope.fn(fn.functionName ?? '', fn.parameters ?? [], fn.rawValue ?? fn.functionName ?? '', orderMustBeGrouped);
    } else {
      const field = (clause as { field: string }).field;
      // An alias names its column; a grouped field of the same name wins, as it does in SELECT.
      const aliased = field.includes('.') ? undefined : columns.find((c) => c.name.toLowerCase() === field.toLowerCase());
      operand = aliased && !scope.keys.some((k) => k.text === field.toLowerCase()) ? aliased.operand : scope.field(field, orderMustBeGrouped);
    }
    return { operand, descending, nullsFirst };
  });
}

export function compileAggregatePlan(schema: Schema, store: Store, root: ObjectSchema, alias: string | undefined, query: Query): AggregatePlan {
  const groupBy: GroupByClause[] = query.groupBy ? (Array.isArray(query.groupBy) ? query.groupBy : [query.groupBy]) : [];
  const { keys, sets } = compileGroupBy(schema, store, root, alias, groupBy);
  const scope = new GroupScope(schema, store, root, alias, keys);
  const grouped = groupBy.length > 0;
  const columns = compileColumns(scope, query.fields ?? [], grouped);
  const having = query.having ? compileHaving(scope, query.having) : undefined;
  const order = compileOrder(scope, columns, query.orderBy);
  if (!grouped && query.offset !== undefined) throw malformed('Non-grouped query that uses overall aggregate functions cannot also use OFFSET');
  return {
    keys,
    sets,
    grouped,
    specs: scope.specs,
    columns,
    ...(having ? { having } : {}),
    order,
    limit: query.limit,
    offset: query.offset,
    paths: [...keys.map((key) => key.path), ...scope.paths],
  };
}
