import type { FieldType as SelectField, GroupByClause, OrderByClause, Query } from '@jetstreamapp/soql-parser-js';
import type { ObjectSchema, Schema } from '../schema/schema';
import type { Store } from '../store/store';
import { canonicalPath as canonical, ResolvedPath } from './paths';
import { AGGREGATE_NAMES } from './aggregate-functions';
import { compileGroupBy, GroupKey } from './group-by';
import { AggregateSpec, GroupOperand, GroupScope } from './group-scope';
import { compileHaving, HavingTest } from './having';
import { duplicateField, malformed, orderMustBeGrouped, unsupported } from './errors';

export type { GroupResult } from './group-scope';

/** One field of the AggregateResult records, in SELECT order. */
export interface OutputColumn {
  readonly name: string;
  readonly operand: GroupOperand;
  /** A grouped field (its path), or a function as written (`AVG(Amount)`): what `columns=true` describes. */
  readonly source: { readonly kind: 'field'; readonly path: ResolvedPath } | { readonly kind: 'function'; readonly text: string };
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
  const add = (name: string, operand: GroupOperand, aliased: boolean, source: OutputColumn['source']) => {
    if (names.has(name.toLowerCase())) {
      if (aliased) throw malformed(`duplicate alias: ${name}`);
      throw unsupported(`two selected fields named ${name} in an aggregate query (give one an alias)`);
    }
    names.add(name.toLowerCase());
    columns.push({ name, operand, source });
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
        add(alias ?? path.field.name, operand, alias !== undefined, { kind: 'field', path });
        break;
      }
      case 'FieldFunctionExpression': {
        if (item.functionName.toUpperCase() === 'COUNT' && item.parameters.length === 0) {
          if (grouped) throw unsupported('COUNT() with GROUP BY (use COUNT(Id))');
          throw malformed('COUNT() must be the only element in the SELECT list.');
        }
        const text = item.rawValue ?? item.functionName;
        add(item.alias ?? `expr${expr++}`, scope.fn(item), item.alias !== undefined, { kind: 'function', text });
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
      operand = scope.fn(clause.fn, orderMustBeGrouped);
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
  // Salesforce: "You can't use a LIMIT clause in a query that uses an aggregate function, but does not use a GROUP BY clause." (ipemu: the wording)
  if (!grouped && query.limit !== undefined) throw malformed('Non-grouped query that uses overall aggregate functions cannot also use LIMIT');
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
