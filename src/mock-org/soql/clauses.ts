import { projectorsPerViewer } from './value-functions';
import type { Binds, OrgError } from '../../core/org';
import type { ObjectSchema } from '../schema/schema';
import type { OrgUser } from '../schema/users';
import type { Store } from '../store/store';
import { AccessMode, accessModeOf, accessModeOutsideApex, securityEnforcedError } from './access-mode';
import type { Plan } from './compile';
import { copyOrgError, unsupported } from './errors';
import { checkFieldsLimit, fieldsLimitError, FieldsUse, hiddenFromUser, MAX_FIELDS_LIMIT, unboundedFieldsInApex } from './fields-function';
import { compileForClause, forUpdateOutsideApex } from './for-clause';
import { pageBindValue, SoqlAst } from './limit-binds';
import type { ResolvedPath } from './paths';
import { compileProjector } from './project';
import { compileScope } from './using-scope';

/**
 * What a query's clauses beyond the plain SELECT … FROM … WHERE … ORDER BY … LIMIT … OFFSET ask:
 * an access mode, FOR, USING SCOPE, FIELDS(), LIMIT/OFFSET binds. A plan without any has no
 * `clauses` at all, so the service's indexed queries pay one property read for the lot.
 */
export interface PlanClauses {
  readonly accessMode?: AccessMode;
  /** How many of plan.paths come from the SELECT list (WITH SECURITY_ENFORCED checks only those). */
  readonly selectPaths: number;
  /** How many of plan.checks are the child subqueries' (first in the list): WITH SECURITY_ENFORCED runs them. */
  readonly childChecks: number;
  /** USING SCOPE Mine: the owner field a row must hold the running user's Id in. */
  readonly ownerField?: string;
  /** The query holds what only Apex takes (an access mode, FOR UPDATE): the REST API refuses it. */
  readonly apexOnly?: 'ACCESS_MODE' | 'FOR_UPDATE';
  readonly fields?: FieldsUse;
  readonly limitBind?: string;
  readonly offsetBind?: string;
  /** The plan as each user sees it, by user name (FIELDS(): only their visible fields). */
  readonly views: Map<string, Plan>;
}

/** The clauses of a parsed query, or undefined when it uses none (the usual case). */
export function compileClauses(
  query: SoqlAst,
  root: ObjectSchema,
  select: { readonly paths: readonly ResolvedPath[]; readonly fields?: FieldsUse },
  aggregate: boolean,
  childChecks: number,
): PlanClauses | undefined {
  const accessMode = accessModeOf(query);
  const forClause = compileForClause(root, query);
  const ownerField = compileScope(root, query.usingScope);
  const binds = query.pageBinds;
  // An aggregate query pages its groups, not the rows the binds would cut.
  if (binds && aggregate) throw unsupported('binds in the LIMIT or OFFSET of an aggregate query');
  checkFieldsLimit(select.fields, query.limit, binds?.limit !== undefined);
  if (!accessMode && !forClause && !ownerField && !select.fields && !binds) return undefined;
  return {
    accessMode,
    selectPaths: select.paths.length,
    childChecks,
    ownerField,
    apexOnly: accessMode ? 'ACCESS_MODE' : forClause === 'UPDATE' ? 'FOR_UPDATE' : undefined,
    fields: select.fields,
    limitBind: binds?.limit,
    offsetBind: binds?.offset,
    views: new Map(),
  };
}

/** How a query is run: from Apex (the mock's in-process callers, which take binds) or over the REST API. */
export interface RunContext {
  readonly api: boolean;
}

/** The plan for this user and context: a refusal of what the context does not take, or the user's view of the columns. */
export function planForRun(soql: string, plan: Plan, clauses: PlanClauses, user: OrgUser, context: RunContext, store: Store): Plan {
  if (context.api && clauses.apexOnly === 'ACCESS_MODE') throw accessModeOutsideApex(soql);
  if (context.api && clauses.apexOnly === 'FOR_UPDATE') throw forUpdateOutsideApex();
  if (!context.api && clauses.fields?.unbounded) throw unboundedFieldsInApex();
  const fields = clauses.fields;
  if (!fields || user.seesEverything || clauses.accessMode === 'SYSTEM_MODE') return plan;
  let view = clauses.views.get(user.name);
  if (!view) {
    // The child collections' projector is compiled from the full column list.
    if (plan.prepareProject) throw unsupported('FIELDS() beside child subqueries for a user who cannot see every field');
    const keep = (path: ResolvedPath): boolean => !hiddenFromUser(fields, plan.root, path, user);
    const selectPaths = plan.paths.slice(0, clauses.selectPaths);
    const columns = plan.columns.filter((c) => c.kind !== 'field' || !fields.names.has(c.name) || user.canSeeField(plan.root.name, c.name));
    const kept = selectPaths.filter(keep);
    view = {
      ...plan,
      columns,
      project: compileProjector(store, columns),
      projectFor: plan.projectFor && projectorsPerViewer(store, columns),
      paths: [...kept, ...plan.paths.slice(clauses.selectPaths)],
      access: new Map(),
      clauses: { ...clauses, selectPaths: kept.length, views: new Map() },
    };
    clauses.views.set(user.name, view);
  }
  return view;
}

/** The error for this user under the plan's access mode, or undefined to check as plain queries do. */
export function accessModeError(plan: Plan, clauses: PlanClauses, user: OrgUser): OrgError | null | undefined {
  if (clauses.accessMode === 'SYSTEM_MODE') return null;
  if (clauses.accessMode === 'SECURITY_ENFORCED') {
    const checks = (plan.checks ?? []).slice(0, clauses.childChecks);
    return securityEnforcedError(plan.root.name, plan.paths.slice(0, clauses.selectPaths), checks, user);
  }
  return undefined;
}

/** OFFSET and LIMIT for one run: the literals, or the binds' values. */
export function pageOf(plan: Plan, clauses: PlanClauses, binds: Binds, maxOffset: number): { offset: number; limit: number } {
  const limit = clauses.limitBind !== undefined ? pageBindValue(binds, clauses.limitBind, 'LIMIT', maxOffset) : (plan.limit ?? Infinity);
  const offset = clauses.offsetBind !== undefined ? pageBindValue(binds, clauses.offsetBind, 'OFFSET', maxOffset) : (plan.offset ?? 0);
  if (clauses.fields?.unbounded && limit > MAX_FIELDS_LIMIT) throw copyOrgError(fieldsLimitError());
  return { offset, limit };
}
