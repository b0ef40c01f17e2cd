import type { OrgError, RecordFields } from '../../core/org';
import type { FieldSchema, ObjectSchema, Schema } from '../schema/schema';
import type { OrgUser } from '../schema/users';
import type { Store } from '../store/store';
import type { RowValues, Value } from '../store/values';
import { coercerOf, INVALID, RestRefusal } from '../store/field-kinds';
import { firstUndeclared } from '../store/multi-picklist-values';
import {
  badPicklistValue,
  malformedId,
  noSuchField,
  noSuchReference,
  notWritable,
  requiredMissing,
  tooLong,
  unreadableValue,
  wrongReferenceType,
  WriteOperation,
} from './write-errors';

/** What the checks read: the org's objects and records, and the Ids of its users (User records or not). */
export interface CheckContext {
  readonly schema: Schema;
  readonly store: Store;
  readonly userIds: ReadonlySet<string>;
}

/**
 * Who writes: a user (field-level security: hidden fields do not exist for them, and their
 * readOnlyFields and every field that is not createable/updateable cannot be set) or, undefined,
 * the emulated platform in system mode (any field but the Id).
 */
export type Writer = OrgUser | undefined;

function refused(refusal: RestRefusal, field: FieldSchema, raw: unknown): OrgError {
  switch (refusal) {
    case 'STRING_TOO_LONG':
      return tooLong(field, raw as string);
    case 'INVALID_OR_NULL_FOR_RESTRICTED_PICKLIST':
      // (ipemu) A multi-select value names the one value off the list, as a single picklist names its value.
      return badPicklistValue(
        field,
        field.type === 'multipicklist' ? (firstUndeclared(raw as string, field.picklistValues ?? []) ?? (raw as string)) : (raw as string),
      );
    case 'MALFORMED_ID':
      return malformedId(field, raw as string);
    default:
      return unreadableValue(field, raw);
  }
}

function writable(object: ObjectSchema, field: FieldSchema, operation: WriteOperation, writer: Writer): boolean {
  if (writer === undefined) return field.type !== 'id';
  if (!writer.canEditField(object.name, field.name)) return false;
  return operation === 'insert' ? field.createable : field.updateable;
}

/** A reference's target checks, in Salesforce's order: an Id of an object the field may point to, then a record that exists. */
function checkReference(ctx: CheckContext, field: FieldSchema, id: string): void {
  const owner = ctx.schema.objectOfId(id);
  const targets = field.referenceTo.map((name) => ctx.schema.get(name));
  // (ipemu) A reference to objects the mock org does not model (ApexClass, CronTrigger) takes any Id.
  if (!field.polymorphic && targets.some((target) => target === undefined)) return;
  if (owner === undefined || (!field.polymorphic && !targets.includes(owner))) throw wrongReferenceType(field, id);
  if (owner.name === 'User' && ctx.userIds.has(id)) return;
  if (ctx.store.find(id) === undefined) throw noSuchReference();
}

/** Fields that must have a value: not nillable, not a checkbox, not filled by the platform. */
function isRequired(field: FieldSchema): boolean {
  return !field.nillable && field.type !== 'boolean' && !field.defaultedOnCreate;
}

/**
 * The fields a write sets, checked as Salesforce's REST API checks them and in stored form: every
 * name first (INVALID_FIELD), then what may not be written (one INVALID_FIELD_FOR_INSERT_UPDATE
 * naming them all), then each value in the order given, then the required fields (insert: missing
 * or null; update: set to null). `attributes` is ignored. Throws the first refusal as an OrgError.
 */
export function checkFields(ctx: CheckContext, object: ObjectSchema, raw: RecordFields, operation: WriteOperation, writer: Writer): RowValues {
  const given: [FieldSchema, unknown][] = [];
  for (const [key, value] of Object.entries(raw)) {
    if (key === 'attributes') continue;
    const field = object.fieldByLower.get(key.toLowerCase());
    if (field === undefined || (writer !== undefined && !writer.canSeeField(object.name, field.name))) throw noSuchField(key, object.name);
    given.push([field, value]);
  }
  const locked = given.filter(([field]) => !writable(object, field, operation, writer)).map(([field]) => field.name);
  if (locked.length > 0) throw notWritable(locked);
  const values: RowValues = {};
  for (const [field, value] of given) {
    const coercer = coercerOf(field);
    const coerced: Value | typeof INVALID = coercer.coerce(value);
    if (coerced === INVALID) throw refused(coercer.refusal(value), field, value);
    if (field.type === 'reference' && typeof coerced === 'string') checkReference(ctx, field, coerced);
    values[field.name] = coerced;
  }
  const missing =
    operation === 'insert'
      ? object.fields.filter((field) => isRequired(field) && (values[field.name] ?? null) === null)
      : given.filter(([field]) => isRequired(field) && values[field.name] === null).map(([field]) => field);
  if (missing.length > 0) throw requiredMissing(missing.map((field) => field.name));
  return values;
}
