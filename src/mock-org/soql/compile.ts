import type { Query } from '@jetstreamapp/soql-parser-js';
import { parseSoqlText } from './parse';
import type { OrgError } from '../../core/org';
import type { ObjectSchema, Schema } from '../schema/schema';
import type { Store, Table } from '../store/store';
import type { OrgUser } from '../schema/users';
import { pathAccessError, ResolvedPath } from './paths';
import { compileOrderBy, compileSelect, Column, OrderKey } from './select';
import { compileProjector, Projector } from './project';
import { compileWhere, CompiledCondition, CompiledWhere } from './where';
import { syntaxError } from './syntax-errors';
import { malformed, numberOutsideValidRange, unsupported, unsupportedType } from './errors';
import { AggregatePlan, compileAggregatePlan, isAggregateQuery } from './aggregate-plan';
import { rejectAggregatesInWhere } from './aggregate-where';
import type { AccessCheck } from './access-checks';
import { compileChildren } from './child-subquery';
import type { ExecCtx } from './where';

/** Salesforce: "The maximum offset is 2,000 rows. Requesting an offset greater than 2,000 results in a NUMBER_OUTSIDE_VALID_RANGE error." */
export const MAX_OFFSET = 2000;

/** A compiled query: everything but the bind values and the clock is decided here, once per text. */
export interface Plan {
  readonly root: ObjectSchema;
  /** The root object's rows and indexes. */
  readonly table: Table;
  readonly count: boolean;
  readonly columns: readonly Column[];
  /** Builds a returned record from a row (compiled from the columns). */
  readonly project: Projector;
  readonly where?: CompiledWhere;
  /** The condition an index answers, when the WHERE has an indexable top-level conjunct. */
  readonly index?: CompiledCondition;
  /** True when the index condition is the whole WHERE: rows from the index need no further test. */
  readonly indexIsWhole: boolean;
  readonly order: readonly OrderKey[];
  readonly limit?: number;
  readonly offset?: number;
  readonly paths: readonly ResolvedPath[];
  /** Per running user: the field-level-security error the query raises for them, or null. */
  readonly access: Map<string, OrgError | null>;
  /** An aggregate query: the rows found are grouped into AggregateResult records (order, limit and offset apply to groups). */
  readonly aggregate?: AggregatePlan;
  /** Access rules beyond the paths: subqueries' objects and fields (checked after the paths). */
  readonly checks?: readonly AccessCheck[];
  /** With child subqueries: the projector of one execution, their WHERE prepared with its binds (else `project` serves). */
  readonly prepareProject?: (ctx: ExecCtx) => Projector;
}

/** Parses SOQL text (the only call to the parser): parse errors are MALFORMED_QUERY. */
export function parseSoql(soql: string): Query {
  try {
    return parseSoqlText(soql);
  } catch (err) {
    throw syntaxError(soql, err as Error);
  }
}

/** Clause keywords the parser takes for an alias when their number is missing (`FROM Account OFFSET`). */
const KEYWORDS_NEEDING_A_NUMBER = new Set(['OFFSET', 'LIMIT']);

function rejectUnsupported(query: Query): void {
  if (query.sObjectAlias && KEYWORDS_NEEDING_A_NUMBER.has(query.sObjectAlias.toUpperCase())) throw malformed('unexpected token: <EOF>');
  if (query.withDataCategory) throw unsupported('WITH DATA CATEGORY');
  if (query.withSecurityEnforced || query.withAccessLevel) throw unsupported('WITH SECURITY_ENFORCED / USER_MODE / SYSTEM_MODE');
  if (query.for) throw unsupported(`FOR ${query.for}`);
  if (query.update) throw unsupported(`UPDATE ${query.update}`);
  if (query.usingScope) throw unsupported('USING SCOPE');
}

const INDEX_RANK: Readonly<Record<string, number>> = { id: 0, reference: 1 };

function chooseIndex(store: Store, root: ObjectSchema, where: CompiledWhere | undefined): CompiledCondition | undefined {
  if (!where) return undefined;
  const table = store.table(root);
  const candidates = where.conjuncts.filter(
    (c) =>
      c.path.hops.length === 0 &&
      (c.operator === '=' || c.operator === 'IN') &&
      table.isIndexed(c.path.field.name) &&
      c.specs.length > 0 &&
      c.specs.every((s) => s.kind === 'bind' || (s.kind === 'fixed' && s.value !== null)),
  );
  candidates.sort((a, b) => (INDEX_RANK[a.path.field.type] ?? 2) - (INDEX_RANK[b.path.field.type] ?? 2));
  return candidates[0];
}

export function compilePlan(schema: Schema, store: Store, query: Query): Plan {
  rejectUnsupported(query);
  if (query.offset !== undefined && query.offset > MAX_OFFSET) throw numberOutsideValidRange(`Maximum SOQL offset allowed is ${MAX_OFFSET}`);
  const root = schema.get(query.sObject ?? '');
  if (!root) throw unsupportedType(query.sObject ?? '');
  const alias = query.sObjectAlias;
  if (query.where) rejectAggregatesInWhere(query.where);
  const aggregate = isAggregateQuery(query) ? compileAggregatePlan(schema, store, root, alias, query) : undefined;
  const select = aggregate ? { count: false, columns: [], paths: aggregate.paths } : compileSelect(schema, root, alias, query.fields ?? []);
  const where = query.where ? compileWhere(schema, store, root, alias, query.where) : undefined;
  const order = aggregate ? [] : compileOrderBy(schema, store, root, alias, query.orderBy);
  const index = chooseIndex(store, root, where);
  const children = compileChildren(schema, store, select.columns, query.limit);
  return {
    root,
    table: store.table(root),
    count: select.count,
    columns: select.columns,
    project: compileProjector(store, select.columns),
    where,
    index,
    indexIsWhole: index !== undefined && where!.conjuncts.length === 1 && where!.paths.length === 1,
    order,
    limit: aggregate ? undefined : query.limit,
    offset: aggregate ? undefined : query.offset,
    paths: [...select.paths, ...(where?.paths ?? []), ...order.map((o) => o.path)],
    access: new Map(),
    ...(aggregate ? { aggregate } : {}),
    checks: [...(children?.checks ?? []), ...(where?.checks ?? [])],
    ...(children ? { prepareProject: children.prepare } : {}),
  };
}

/** The error this user gets from the plan (FROM first, then fields in query order), cached per user. */
export function accessError(plan: Plan, user: OrgUser): OrgError | null {
  if (user.seesEverything) return null;
  let error = plan.access.get(user.name);
  if (error === undefined) {
    error = user.canSeeObject(plan.root.name) ? null : unsupportedType(plan.root.name);
    for (const path of plan.paths) {
      if (error) break;
      error = pathAccessError(path, user) ?? null;
    }
    for (const check of plan.checks ?? []) {
      if (error) break;
      error = check(user) ?? null;
    }
    plan.access.set(user.name, error);
  }
  return error;
}
