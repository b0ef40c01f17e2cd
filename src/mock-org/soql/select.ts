import type { FieldType as SelectField, OrderByClause } from '@jetstreamapp/soql-parser-js';
import type { FieldSchema, ObjectSchema, Schema } from '../schema/schema';
import type { Row, Store } from '../store/store';
import { Accessor, compileAccessor, Hop, resolvePath, ResolvedPath, splitPath } from './paths';
import { kindOf } from '../store/field-kinds';
import { duplicateField, malformed, notSortable, unsupported } from './errors';
import type { Value } from '../store/values';
import { compileChildColumn, type ChildrenColumn } from './child-subquery';
import type { Viewer } from './viewer';
import { compileTypeof, rejectTypeofOverlap } from './typeof';

/** Reads one computed value (or nested record) of a returned record. */
export type ValueReader = (row: Row, elapsed: number, urlBase: string) => unknown;

/**
 * A selected field, a parent relationship with the fields selected through it (nested like the
 * REST API), a child subquery, or a value its own code computes (TYPEOF, toLabel(), FORMAT()), compiled once per
 * plan (and per viewer, for what depends on the running user's locale).
 */
export type Column =
  | { kind: 'field'; name: string }
  | { kind: 'parent'; name: string; hop: Hop; columns: Column[] }
  | { kind: 'computed'; name: string; compile: (store: Store, viewer: Viewer) => ValueReader }
  | ChildrenColumn;

export interface Projection {
  readonly count: boolean;
  readonly columns: Column[];
  readonly paths: ResolvedPath[];
}

export function addPath(columns: Column[], path: ResolvedPath): void {
  let level = columns;
  for (const hop of path.hops) {
    const name = hop.field.relationshipName!;
    let parent = level.find((c): c is Extract<Column, { kind: 'parent' }> => c.kind === 'parent' && c.name === name);
    if (!parent) {
      parent = { kind: 'parent', name, hop, columns: [] };
      level.push(parent);
    }
    level = parent.columns;
  }
  const name = path.field.name;
  if (!level.some((c) => c.kind === 'field' && c.name === name)) level.push({ kind: 'field', name });
}

export function compileSelect(schema: Schema, root: ObjectSchema, alias: string | undefined, fields: readonly SelectField[]): Projection {
  const columns: Column[] = [];
  const paths: ResolvedPath[] = [];
  const seen = new Set<string>();
  let count = false;
  for (const item of fields) {
    switch (item.type) {
      case 'Field':
      case 'FieldRelationship': {
        const text = item.type === 'Field' ? item.field : [...item.relationships, item.field].join('.');
        const segments = splitPath(text, root, alias);
        const path = resolvePath(schema, root, segments);
        const canonical = [...path.hops.map((hop) => hop.field.relationshipName!), path.field.name].join('.');
        if (seen.has(canonical.toLowerCase())) throw duplicateField(canonical);
        seen.add(canonical.toLowerCase());
        paths.push(path);
        addPath(columns, path);
        break;
      }
      case 'FieldFunctionExpression':
        if (item.functionName.toUpperCase() !== 'COUNT' || item.parameters.length > 0)
          throw unsupported(`the aggregate function ${item.rawValue ?? item.functionName}`);
        count = true;
        break;
      case 'FieldSubquery':
        columns.push(compileChildColumn(schema, root, item.subquery, fields, columns));
        break;
      case 'FieldTypeof':
        paths.push(...compileTypeof(schema, root, alias, item, columns));
        break;
      default:
        throw unsupported('this SELECT item');
    }
  }
  rejectTypeofOverlap(columns);
  if (count && fields.length > 1) throw malformed('COUNT() must be the only element in the SELECT list.');
  return { count, columns, paths };
}

export interface OrderKey {
  readonly path: ResolvedPath;
  readonly get: Accessor;
  readonly descending: boolean;
  readonly nullsFirst: boolean;
  readonly lowerCase: boolean;
  /** A picklist with declared values: each value's place in the declaration (lower-cased keys). */
  readonly picklistRank?: ReadonlyMap<string, number>;
}

/** Compiled once per plan, so a sort pays one map lookup per row and key. */
export function picklistRank(field: FieldSchema): ReadonlyMap<string, number> | undefined {
  const declared = field.type === 'picklist' ? field.picklistValues : undefined;
  if (!declared) return undefined;
  const rank = new Map<string, number>();
  declared.forEach((value, i) => {
    if (!rank.has(value.toLowerCase())) rank.set(value.toLowerCase(), i);
  });
  return rank;
}

export function compileOrderBy(
  schema: Schema,
  store: Store,
  root: ObjectSchema,
  alias: string | undefined,
  orderBy: OrderByClause | OrderByClause[] | undefined,
): OrderKey[] {
  if (!orderBy) return [];
  return (Array.isArray(orderBy) ? orderBy : [orderBy]).map((clause) => {
    if (!('field' in clause)) throw unsupported('functions in ORDER BY');
    const path = resolvePath(schema, root, splitPath(clause.field, root, alias));
    if (path.field.type === 'multipicklist') throw notSortable(path.field.name);
    const descending = clause.order?.toUpperCase() === 'DESC';
    // Salesforce's default: ASC NULLS FIRST, DESC NULLS LAST.
    const nullsFirst = clause.nulls ? clause.nulls.toUpperCase() === 'FIRST' : !descending;
    const rank = picklistRank(path.field);
    const key = { path, get: compileAccessor(store, path), descending, nullsFirst, lowerCase: kindOf(path.field) === 'string' };
    return rank ? { ...key, picklistRank: rank } : key;
  });
}

/** Sorts rows by the keys; stable, so ties keep table order. */
export function sortRows(rows: readonly Row[], keys: readonly OrderKey[], elapsed: number): Row[] {
  const decorated = rows.map((row) => ({
    row,
    values: keys.map((key) => {
      const v = key.get(row, elapsed);
      if (!key.lowerCase || typeof v !== 'string') return v;
      const lower = v.toLowerCase();
      // (ipemu) A value outside the declared list sorts after every declared one, alphabetically among its kind.
      return key.picklistRank ? (key.picklistRank.get(lower) ?? lower) : lower;
    }),
  }));
  decorated.sort((a, b) => {
    for (let i = 0; i < keys.length; i++) {
      const result = compareValues(a.values[i]!, b.values[i]!, keys[i]!);
      if (result !== 0) return result;
    }
    return a.row.ordinal - b.row.ordinal;
  });
  return decorated.map((d) => d.row);
}

function compareValues(a: Value, b: Value, key: OrderKey): number {
  if (a === b) return 0;
  if (a === null) return key.nullsFirst ? -1 : 1;
  if (b === null) return key.nullsFirst ? 1 : -1;
  // Only a picklist key mixes kinds: a declared value's rank (number) before an undeclared value (string).
  const result = typeof a !== typeof b ? (typeof a === 'number' ? -1 : 1) : a < b ? -1 : a > b ? 1 : 0;
  return key.descending ? -result : result;
}
