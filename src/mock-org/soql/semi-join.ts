import type { Query, ValueQueryCondition, WhereClause } from '@jetstreamapp/soql-parser-js';
import type { ObjectSchema, Schema } from '../schema/schema';
import type { Store } from '../store/store';
import type { Value } from '../store/values';
import { compileAccessor, resolvePath, ResolvedPath, splitPath } from './paths';
import { compileWhere, type CompiledCondition, type WhereNode } from './where';
import { subqueryAccess } from './access-checks';
import {
  nestedSemiJoin,
  semiJoinEntityNotSupported,
  semiJoinInnerRelationship,
  semiJoinLeftOperand,
  semiJoinNotTopLevel,
  semiJoinSameObject,
  semiJoinShape,
  semiJoinTypeMismatch,
  semiJoinWithOr,
  tooManySemiJoins,
  unsupported,
  unsupportedType,
} from './errors';

/** Salesforce: "You can't use more than two IN or NOT IN statements per WHERE clause" (with subqueries). */
export const MAX_SEMI_JOINS = 2;

/** Objects Salesforce documents as not supported in semi-join and anti-join subqueries (and its tag objects). */
const NOT_IN_SUBQUERIES = new Set(['activityhistory', 'attachment', 'event', 'note', 'openactivity', 'task']);

/** Whether a WHERE (as the parser gives it) holds an `IN (SELECT …)` condition anywhere. */
export function hasSubqueryCondition(where: WhereClause): boolean {
  for (let node: WhereClause | undefined = where; node; node = 'right' in node ? node.right : undefined) {
    const left: unknown = node.left;
    if (typeof left === 'object' && left !== null && 'valueQuery' in left) return true;
  }
  return false;
}

/** The objects a field's values point to: an Id its own object, a reference its referenceTo (undefined: any, polymorphic to all). */
function pointsTo(path: ResolvedPath): readonly string[] | undefined {
  const field = path.field;
  if (field.type === 'id') return [path.owner.name.toLowerCase()];
  if (field.type !== 'reference') return [];
  return field.polymorphic ? undefined : field.referenceTo.map((name) => name.toLowerCase());
}

function samePointee(a: ResolvedPath, b: ResolvedPath): boolean {
  const left = pointsTo(a);
  const right = pointsTo(b);
  if (left === undefined) return right === undefined || right.length > 0;
  if (right === undefined) return left.length > 0;
  return left.some((name) => right.includes(name));
}

/** The inner query's clauses Salesforce refuses in a semi-join ("COUNT, FOR UPDATE, ORDER BY, and LIMIT aren't supported in subqueries"). */
function rejectInnerClauses(inner: Query): void {
  if (inner.orderBy) throw semiJoinShape('do not support ORDER BY');
  if (inner.limit !== undefined) throw semiJoinShape('do not support LIMIT');
  if (inner.offset !== undefined) throw semiJoinShape('do not support OFFSET');
  if (inner.for) throw semiJoinShape(`do not support FOR ${inner.for}`);
  if (inner.groupBy || inner.having) throw unsupported('GROUP BY in a semi-join subquery');
  if (inner.withSecurityEnforced || inner.withAccessLevel || inner.withDataCategory || inner.usingScope || inner.update) {
    throw unsupported('WITH, USING SCOPE or UPDATE in a semi-join subquery');
  }
}

/** The one field the inner query selects, resolved on its object: an Id or reference field, no relationship. */
function innerField(schema: Schema, object: ObjectSchema, inner: Query): ResolvedPath {
  const fields = inner.fields ?? [];
  const only = fields[0];
  if (fields.length !== 1 || !only) throw semiJoinShape('must select exactly one field');
  if (only.type === 'FieldFunctionExpression') throw semiJoinShape('do not support COUNT or other functions');
  if (only.type !== 'Field' && only.type !== 'FieldRelationship') throw semiJoinShape('must select an Id or a reference field');
  const text = only.type === 'Field' ? only.field : [...only.relationships, only.field].join('.');
  const segments = splitPath(text, object, inner.sObjectAlias);
  if (segments.length > 1) throw semiJoinInnerRelationship();
  return resolvePath(schema, object, segments);
}

/**
 * `<field> IN (SELECT <field> FROM <object> WHERE …)` and NOT IN (called from compileCondition).
 * The inner query runs once per execution, when the WHERE is prepared with the binds; the outer
 * rows are then tested against the set of values it found.
 */
export function compileSemiJoin(schema: Schema, store: Store, root: ObjectSchema, alias: string | undefined, cond: ValueQueryCondition): CompiledCondition {
  const operator = cond.operator.toUpperCase();
  if (operator !== 'IN' && operator !== 'NOT IN') throw semiJoinShape('need IN or NOT IN');
  const segments = splitPath(cond.field, root, alias);
  if (segments.length > 1) throw semiJoinLeftOperand(cond.field);
  const path = resolvePath(schema, root, segments);
  if (path.field.type !== 'id' && path.field.type !== 'reference') throw semiJoinLeftOperand(cond.field);
  const inner = cond.valueQuery;
  const object = schema.get(inner.sObject ?? '');
  if (!object) throw unsupportedType(inner.sObject ?? '');
  if (object === root) throw semiJoinSameObject();
  const lower = object.name.toLowerCase();
  if (NOT_IN_SUBQUERIES.has(lower) || lower.endsWith('tag')) throw semiJoinEntityNotSupported(object.name);
  rejectInnerClauses(inner);
  const selected = innerField(schema, object, inner);
  if (!samePointee(path, selected)) throw semiJoinTypeMismatch(selected.field.name, path.field.name);
  if (inner.where && hasSubqueryCondition(inner.where)) throw nestedSemiJoin();
  const where = inner.where ? compileWhere(schema, store, object, inner.sObjectAlias, inner.where) : undefined;
  const get = compileAccessor(store, path);
  const innerGet = compileAccessor(store, selected);
  const table = store.table(object);
  const anti = operator === 'NOT IN';
  return {
    path,
    operator,
    // No fixed operands: an index cannot answer it (chooseIndex skips conditions without specs).
    specs: [],
    semiJoin: true,
    checks: [subqueryAccess(object, () => unsupportedType(object.name), [selected, ...(where?.paths ?? [])])],
    prepare: (ctx) => {
      const test = where?.prepare(ctx);
      const found = new Set<Value>();
      // (ipemu) One scan of the inner object's live rows per execution, not sliced like the outer scan.
      for (const row of table.rows) {
        if (test && !test(row)) continue;
        const value = innerGet(row, ctx.elapsed);
        if (value !== null) found.add(value);
      }
      // (ipemu) An empty left operand is NOT IN any set, as SOQL's != matches null.
      return anti ? (row) => !found.has(get(row, ctx.elapsed)) : (row) => found.has(get(row, ctx.elapsed));
    },
  };
}

function semiJoinsIn(node: WhereNode): number {
  if (node.type === 'cond') return node.cond.semiJoin ? 1 : 0;
  if (node.type === 'not') return semiJoinsIn(node.child);
  return node.children.reduce((sum, child) => sum + semiJoinsIn(child), 0);
}

/**
 * Salesforce's placement rules, checked on the WHERE tree: at most two, never under OR (in any
 * branch below it) and never under NOT (NOT IN is the anti-join).
 */
export function checkSemiJoinPlacement(tree: WhereNode): void {
  if (semiJoinsIn(tree) > MAX_SEMI_JOINS) throw tooManySemiJoins(MAX_SEMI_JOINS);
  const walk = (node: WhereNode, underOr: boolean, underNot: boolean): void => {
    if (node.type === 'cond') {
      if (!node.cond.semiJoin) return;
      if (underOr) throw semiJoinWithOr();
      if (underNot) throw semiJoinNotTopLevel();
      return;
    }
    if (node.type === 'not') return walk(node.child, underOr, true);
    for (const child of node.children) walk(child, underOr || node.type === 'or', underNot);
  };
  walk(tree, false, false);
}
