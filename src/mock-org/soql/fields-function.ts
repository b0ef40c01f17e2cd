import type { FieldFunctionExpression } from '@jetstreamapp/soql-parser-js';
import type { FieldSchema, ObjectSchema } from '../schema/schema';
import type { OrgUser } from '../schema/users';
import { malformed, unsupported } from './errors';
import type { ResolvedPath } from './paths';

/**
 * FIELDS(ALL), FIELDS(STANDARD), FIELDS(CUSTOM) in a SELECT list: the object's fields in its
 * declaration order (Id first, as describe lists them; (ipemu) the order Salesforce uses is not
 * documented), custom ones being those whose name ends in `__c`. Only the fields the running user
 * can see are selected, so the columns are decided per user (fieldsView). FIELDS(ALL) and
 * FIELDS(CUSTOM) are unbounded: the API wants a LIMIT of at most 200 and Apex refuses them.
 */
export interface FieldsUse {
  /** FIELDS(ALL) or FIELDS(CUSTOM) is in the list. */
  readonly unbounded: boolean;
  /** Canonical names of the fields FIELDS() selected (a user may see fewer). */
  readonly names: ReadonlySet<string>;
}

export const MAX_FIELDS_LIMIT = 200;

export function isFieldsCall(item: FieldFunctionExpression): boolean {
  return item.functionName.toUpperCase() === 'FIELDS';
}

/** The fields one FIELDS(…) selects, and whether it is unbounded. */
export function fieldsOf(root: ObjectSchema, item: FieldFunctionExpression): { fields: FieldSchema[]; unbounded: boolean } {
  const group = item.parameters.length === 1 && typeof item.parameters[0] === 'string' ? item.parameters[0].toUpperCase() : '';
  if (group === 'ALL') return { fields: [...root.fields], unbounded: true };
  if (group === 'CUSTOM') return { fields: root.fields.filter((f) => f.name.endsWith('__c')), unbounded: true };
  if (group === 'STANDARD') return { fields: root.fields.filter((f) => !f.name.endsWith('__c')), unbounded: false };
  throw unsupported(`${item.rawValue ?? 'FIELDS'} (FIELDS takes ALL, STANDARD or CUSTOM)`);
}

/** Adds one FIELDS(…)'s fields through `add` (which refuses a field selected twice); returns the use so far. */
export function selectFields(root: ObjectSchema, item: FieldFunctionExpression, use: FieldsUse | undefined, add: (path: ResolvedPath) => void): FieldsUse {
  const { fields, unbounded } = fieldsOf(root, item);
  const names = new Set(use?.names);
  for (const field of fields) {
    add({ hops: [], owner: root, field, written: field.name });
    names.add(field.name);
  }
  return { unbounded: unbounded || (use?.unbounded ?? false), names };
}

/** The API's rule for an unbounded FIELDS(): a LIMIT of at most 200 (a bound LIMIT is checked when it runs). */
export function checkFieldsLimit(use: FieldsUse | undefined, limit: number | undefined, limitIsBound: boolean): void {
  if (use?.unbounded && !limitIsBound && (limit === undefined || limit > MAX_FIELDS_LIMIT)) throw fieldsLimitError();
}

export function fieldsLimitError(): ReturnType<typeof malformed> {
  return malformed(`The SOQL FIELDS function must have a LIMIT of at most ${MAX_FIELDS_LIMIT}`);
}

/** Apex's refusal of FIELDS(ALL) and FIELDS(CUSTOM), as a deployment reports it. */
export function unboundedFieldsInApex(): ReturnType<typeof malformed> {
  return malformed('The SOQL FIELDS function is not supported with an unbounded set of fields in this API.');
}

/** Whether a path is one FIELDS() selected that this user cannot see (dropped from their columns). */
export function hiddenFromUser(use: FieldsUse, root: ObjectSchema, path: ResolvedPath, user: OrgUser): boolean {
  return path.hops.length === 0 && use.names.has(path.field.name) && !user.canSeeField(root.name, path.field.name);
}
