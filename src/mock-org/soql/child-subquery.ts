import type { FieldType as SelectField, Subquery } from '@jetstreamapp/soql-parser-js';
import type { QueryResult } from '../../core/org';
import type { ObjectSchema, Schema } from '../schema/schema';
import type { ChildRelationship } from '../schema/child-relationships';
import type { Row, Store } from '../store/store';
import type { ResolvedPath } from './paths';
import { compileOrderBy, compileSelect, sortRows, type Column } from './select';
import { compileWhere, type ExecCtx } from './where';
import { bindProjector, compileProjector, type Projector } from './project';
import { subqueryAccess, type AccessCheck } from './access-checks';
import { hasSubqueryCondition } from './semi-join';
import {
  aggregateInSubquery,
  childRelationshipTwice,
  semiJoinNotTopLevel,
  subqueryOffsetNeedsLimitOne,
  tooManyChildSubqueries,
  unknownChildRelationship,
  unsupported,
} from './errors';

/** Salesforce: "No more than 20 parent-to-child relationships can be specified in a query." */
export const MAX_CHILD_SUBQUERIES = 20;

/** A parent-to-child subquery as SELECT compiles it: the relationship and the child's own columns. */
export interface ChildSubquery {
  readonly relationship: ChildRelationship;
  readonly query: Subquery;
  readonly columns: readonly Column[];
  /** The child's selected paths (its WHERE and ORDER BY paths join them when the plan compiles). */
  readonly paths: readonly ResolvedPath[];
}

export type ChildrenColumn = { kind: 'children'; name: string; child: ChildSubquery };

/** Clauses a parent-to-child subquery may have; any other is refused by name. */
const SUBQUERY_CLAUSES = new Set(['fields', 'relationshipName', 'sObjectAlias', 'where', 'orderBy', 'limit', 'offset']);

const isSubquery = (item: SelectField): boolean => item.type === 'FieldSubquery';

function rejectSubqueryClauses(query: Subquery): void {
  for (const [key, value] of Object.entries(query)) {
    if (value === undefined || SUBQUERY_CLAUSES.has(key)) continue;
    if (key === 'sObjectPrefix') throw unsupported('a prefixed relationship in a subquery FROM');
    if (key === 'groupBy' || key === 'having') throw aggregateInSubquery();
    throw unsupported(`${key} in a parent-to-child subquery`);
  }
  if ((query.fields ?? []).some(isSubquery)) throw unsupported('subqueries inside a subquery (parent-to-child queries more than one level deep)');
  if ((query.fields ?? []).some((f) => f.type === 'FieldFunctionExpression' && f.isAggregateFn === true)) throw aggregateInSubquery();
  // (ipemu) A semi-join inside a parent-to-child subquery's WHERE: refused as not top level.
  if (query.where && hasSubqueryCondition(query.where)) throw semiJoinNotTopLevel();
}

/**
 * The column of `(SELECT … FROM Contacts)` on `parent` (called from compileSelect's switch).
 * `all` is the whole SELECT list, for the limits that count subqueries.
 */
export function compileChildColumn(
  schema: Schema,
  parent: ObjectSchema,
  query: Subquery,
  all: readonly SelectField[],
  columns: readonly Column[],
): ChildrenColumn {
  if (all.filter(isSubquery).length > MAX_CHILD_SUBQUERIES) throw tooManyChildSubqueries(MAX_CHILD_SUBQUERIES);
  const relationship = schema.children.find(parent, query.relationshipName);
  if (!relationship?.relationshipName) throw unknownChildRelationship(query.relationshipName);
  const name = relationship.relationshipName;
  if (columns.some((c) => c.kind === 'children' && c.name === name)) throw childRelationshipTwice(name);
  rejectSubqueryClauses(query);
  const select = compileSelect(schema, relationship.child, query.sObjectAlias, query.fields ?? []);
  if (select.count) throw aggregateInSubquery();
  return { kind: 'children', name, child: { relationship, query, columns: select.columns, paths: select.paths } };
}

/** What the plan keeps of its child subqueries: a projector per execution (their WHERE may hold binds), and their access rules. */
export interface CompiledChildren {
  readonly prepare: (ctx: ExecCtx) => Projector;
  readonly checks: readonly AccessCheck[];
}

type Collection = (row: Row, elapsed: number, urlBase: string) => QueryResult | null;

/**
 * The child collections of a plan's columns, or undefined when it has none (plain queries pay
 * nothing). `rootLimit` is the parent query's LIMIT, which a subquery OFFSET needs to be 1.
 */
export function compileChildren(schema: Schema, store: Store, columns: readonly Column[], rootLimit: number | undefined): CompiledChildren | undefined {
  const children = columns.filter((c): c is ChildrenColumn => c.kind === 'children');
  if (children.length === 0) return undefined;
  const bind = bindProjector(store, columns);
  const checks: AccessCheck[] = [];
  const collections = children.map(({ child }) => {
    if (child.query.offset !== undefined && rootLimit !== 1) throw subqueryOffsetNeedsLimitOne();
    const compiled = compileCollection(schema, store, child);
    checks.push(compiled.check);
    return compiled.prepare;
  });
  return { prepare: (ctx) => bind(collections.map((prepare) => prepare(ctx))), checks };
}

function compileCollection(schema: Schema, store: Store, child: ChildSubquery): { prepare: (ctx: ExecCtx) => Collection; check: AccessCheck } {
  const { relationship, query } = child;
  const object = relationship.child;
  const where = query.where ? compileWhere(schema, store, object, query.sObjectAlias, query.where) : undefined;
  const order = compileOrderBy(schema, store, object, query.sObjectAlias, query.orderBy);
  const project = compileProjector(store, child.columns);
  const table = store.table(object);
  const field = relationship.field.name;
  const offset = query.offset ?? 0;
  const limit = query.limit ?? Infinity;
  const name = relationship.relationshipName!;
  const paths = [...child.paths, ...(where?.paths ?? []), ...order.map((o) => o.path)];
  // A child hidden from the user, or its reference field, is a relationship the parent does not have.
  const check = subqueryAccess(object, () => unknownChildRelationship(name), paths);
  const hiddenField: AccessCheck = (user) => (user.canSeeField(object.name, field) ? undefined : unknownChildRelationship(name));
  return {
    check: (user) => hiddenField(user) ?? check(user),
    prepare: (ctx) => {
      const test = where?.prepare(ctx);
      return (row, elapsed, urlBase) => {
        // The reference field's index: the parent's children without a scan of the child table.
        let rows: readonly Row[] = table.lookup(field, row.id);
        if (test) rows = rows.filter(test);
        if (order.length > 0) rows = sortRows(rows, order, elapsed);
        if (offset > 0 || limit < rows.length) rows = rows.slice(offset, offset + limit);
        if (rows.length === 0) return null;
        // (ipemu) The whole collection in one answer (done: true), where Salesforce pages a large one with its own nextRecordsUrl.
        return { totalSize: rows.length, done: true, records: rows.map((r) => project(r, elapsed, urlBase)) };
      };
    },
  };
}
