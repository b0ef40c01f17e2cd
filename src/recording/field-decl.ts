import isEqual from 'lodash/isEqual';
import type { FieldDescribe } from '../core/org';
import { isApiName } from '../salesforce/api-names';
import type { FieldDecl, ObjectDecl } from '../mock-org/fixtures/types';
import { builtField, catalogObject } from './catalog-objects';
import { fieldTypeOf } from './field-types';
import { isUserReadOnly } from './user-access';

/* One describe field → its fixture declaration (schema-from-describe.ts gathers them per object). */

export type ObjectFlags = Pick<ObjectDecl, 'keyPrefix' | 'label' | 'createable' | 'updateable' | 'deletable'>;

/** What one object's describe cannot say alone: the other recorded objects and their child relationship names. */
export interface DescribeContext {
  /** Objects a reference may point to (any case): the recorded ones. The catalog's are always known. */
  readonly knownObjects?: Iterable<string>;
  /** `Child.Field` → the child relationship name the parent's describe gives that reference. */
  readonly childRelationshipNames?: ReadonlyMap<string, string>;
  /** The parents whose describes childRelationshipNames was read from: a catalog reference to none of them keeps the catalog's name. */
  readonly describedObjects?: Iterable<string>;
}

/** A DescribeContext resolved once per object: lower-case name sets. */
export interface DescribeScope {
  readonly known: ReadonlySet<string>;
  readonly described: ReadonlySet<string>;
  readonly childNames: ReadonlyMap<string, string>;
}

/** An API name a record may use as a key (records are plain objects: no Object member names). */
export const isFieldName = (name: string): boolean => isApiName(name) && !(name in Object.prototype);

/** Reference targets the fixture can name; narrowed to known ones (then polymorphic, so Ids of the others still load). */
function referenceParts(object: string, field: FieldDescribe, scope: DescribeScope): Partial<FieldDecl> | { why: string } {
  const catalogField = catalogObject(object)?.fieldByLower.get(field.name.toLowerCase());
  // A catalog reference may name what the catalog names (ApexClass, Profile): unchanged, it is left to the catalog.
  const catalogTargets = new Set(catalogField?.referenceTo ?? []);
  const referenceTo: readonly string[] = Array.isArray(field.referenceTo) ? field.referenceTo : [];
  const targets = referenceTo.filter((target) => scope.known.has(target.toLowerCase()) || catalogTargets.has(target));
  if (targets.length === 0) {
    const named = referenceTo.length > 0 ? referenceTo.join(', ') : 'no object';
    return { why: `references ${named}, which the recording does not include (record it with --objects)` };
  }
  const parts: Partial<FieldDecl> = { referenceTo: targets };
  if (typeof field.relationshipName === 'string' && isFieldName(field.relationshipName)) parts.relationshipName = field.relationshipName;
  const polymorphic = field.polymorphicForeignKey === true || referenceTo.length > 1 || targets.length < referenceTo.length;
  if (polymorphic) parts.polymorphic = true;
  const childName = scope.childNames.get(`${object}.${field.name}`);
  if (childName !== undefined && isFieldName(childName)) parts.childRelationshipName = childName;
  // No parent of it was described: nothing says its name differs from the catalog's.
  else if (catalogField?.childRelationshipName && !targets.some((target) => scope.described.has(target.toLowerCase()))) {
    parts.childRelationshipName = catalogField.childRelationshipName;
  }
  return parts;
}

/** The active picklist values, in order, and the labels that differ from their values. */
function picklistParts(field: FieldDescribe, multi: boolean): Partial<FieldDecl> | { why: string } {
  const active = (Array.isArray(field.picklistValues) ? field.picklistValues : []).filter((entry) => entry.active !== false);
  if (active.length === 0) return {};
  if (multi && active.some((entry) => entry.value.includes(';')))
    return { why: 'a multi-select picklist value holds a semicolon, which the mock org uses as the separator' };
  const labels = Object.fromEntries(active.filter((entry) => entry.label !== entry.value).map((entry) => [entry.value, entry.label]));
  return { picklistValues: active.map((entry) => entry.value), ...(Object.keys(labels).length > 0 ? { picklistLabels: labels } : {}) };
}

/** The field's full declaration from its describe, or why it cannot be recorded. */
export function fullDecl(object: string, field: FieldDescribe, scope: DescribeScope): FieldDecl | { why: string } {
  if (!isFieldName(field.name)) return { why: 'is not a field name the mock org can store' };
  const mapped = fieldTypeOf(field.type);
  if ('why' in mapped) return mapped;
  const decl: FieldDecl = { type: mapped.type, label: field.label, length: field.length, nillable: field.nillable, idLookup: field.idLookup };
  // A catalog field the running user may only read is the user's readOnlyFields (fixture-user.ts), not the schema's.
  const catalogField = catalogObject(object)?.fieldByLower.get(field.name.toLowerCase());
  const access = catalogField && isUserReadOnly(field, catalogField) ? catalogField : field;
  decl.createable = access.createable !== false;
  decl.updateable = access.updateable !== false;
  let parts: Partial<FieldDecl> | { why: string } = {};
  if (mapped.type === 'reference') parts = referenceParts(object, field, scope);
  else if ((mapped.type === 'picklist' || mapped.type === 'multipicklist') && field.type !== 'combobox')
    parts = picklistParts(field, mapped.type === 'multipicklist');
  if ('why' in parts) return parts;
  return { ...decl, ...parts };
}

/** The declaration without the keys the mock org would fill in with the same value. */
export function minimalDecl(object: string, name: string, decl: FieldDecl, flags: ObjectFlags): FieldDecl {
  const target = builtField(object, name, decl, flags);
  const minimal: FieldDecl = { ...decl };
  for (const key of Object.keys(decl) as (keyof FieldDecl)[]) {
    if (key === 'type') continue;
    const without: FieldDecl = { ...minimal };
    delete without[key];
    if (isEqual(builtField(object, name, without, flags), target)) delete minimal[key];
  }
  return minimal;
}
