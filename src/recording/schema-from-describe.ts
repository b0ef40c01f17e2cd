import isEqual from 'lodash/isEqual';
import type { DescribeResult, FieldDescribe } from '../core/org';
import { IpemuError } from '../core/errors';
import { isApiName } from '../salesforce/api-names';
import type { FieldDecl, ObjectDecl } from '../mock-org/fixtures/types';
import { BUILT_IN_OBJECTS } from '../mock-org/schema/catalog';
import { buildSchema, type SchemaProblem } from '../mock-org/schema/schema';
import { builtField, builtInName, catalogObject, defaultFields } from './catalog-objects';
import { fieldTypeOf } from './field-types';
import { isUserReadOnly } from './user-access';

/** A describe field the recorded schema leaves out, and why. */
export interface SkippedField {
  field: string;
  /** Its describe type. */
  type: string;
  why: string;
}

/** What one object's describe cannot say alone: the other recorded objects and their child relationship names. */
export interface DescribeContext {
  /** Objects a reference may point to (any case): the recorded ones. The catalog's are always known. */
  readonly knownObjects?: Iterable<string>;
  /** `Child.Field` → the child relationship name the parent's describe gives that reference. */
  readonly childRelationshipNames?: ReadonlyMap<string, string>;
}

type ObjectFlags = Pick<ObjectDecl, 'keyPrefix' | 'label' | 'createable' | 'updateable' | 'deletable'>;

const KEY_PREFIX = /^[0-9A-Za-z]{3}$/;

/** An API name a record may use as a key (records are plain objects: no Object member names). */
const isFieldName = (name: string): boolean => isApiName(name) && !(name in Object.prototype);

function flagsOf(describe: DescribeResult): ObjectFlags {
  const keyPrefix = describe.keyPrefix;
  if (typeof keyPrefix !== 'string' || !KEY_PREFIX.test(keyPrefix)) {
    throw new IpemuError(
      'INVALID_INPUT',
      `${describe.name} cannot be recorded: its describe gives no 3-character key prefix (keyPrefix ${JSON.stringify(keyPrefix)}).`,
    );
  }
  return {
    keyPrefix,
    label: describe.label,
    createable: describe.createable !== false,
    updateable: describe.updateable !== false,
    deletable: describe.deletable !== false,
  };
}

/** Reference targets the fixture can name; narrowed to known ones (then polymorphic, so Ids of the others still load). */
function referenceParts(object: string, field: FieldDescribe, known: ReadonlySet<string>, context: DescribeContext): Partial<FieldDecl> | { why: string } {
  // A catalog reference may name what the catalog names (ApexClass, Profile): unchanged, it is left to the catalog.
  const catalogTargets = new Set(catalogObject(object)?.fieldByLower.get(field.name.toLowerCase())?.referenceTo ?? []);
  const targets = field.referenceTo.filter((target) => known.has(target.toLowerCase()) || catalogTargets.has(target));
  if (targets.length === 0) {
    const named = field.referenceTo.length > 0 ? field.referenceTo.join(', ') : 'no object';
    return { why: `references ${named}, which the recording does not include (record it with --objects)` };
  }
  const parts: Partial<FieldDecl> = { referenceTo: targets };
  if (typeof field.relationshipName === 'string' && isFieldName(field.relationshipName)) parts.relationshipName = field.relationshipName;
  const polymorphic = field.polymorphicForeignKey === true || field.referenceTo.length > 1 || targets.length < field.referenceTo.length;
  if (polymorphic) parts.polymorphic = true;
  const childName = context.childRelationshipNames?.get(`${object}.${field.name}`);
  if (childName !== undefined && isFieldName(childName)) parts.childRelationshipName = childName;
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
function fullDecl(object: string, field: FieldDescribe, known: ReadonlySet<string>, context: DescribeContext): FieldDecl | { why: string } {
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
  if (mapped.type === 'reference') parts = referenceParts(object, field, known, context);
  else if ((mapped.type === 'picklist' || mapped.type === 'multipicklist') && field.type !== 'combobox')
    parts = picklistParts(field, mapped.type === 'multipicklist');
  if ('why' in parts) return parts;
  return { ...decl, ...parts };
}

/** The declaration without the keys the mock org would fill in with the same value. */
function minimalDecl(object: string, name: string, decl: FieldDecl, flags: ObjectFlags): FieldDecl {
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

/**
 * One object's fixture declaration from its describe (as the REST API answers it): every field
 * the mock org can hold, with only what differs from what the mock org already knows (a built-in
 * object's catalog fields, any object's Id and audit fields); the rest are `skipped`. Prefer
 * schemaFromDescribes, which also knows the other objects and the child relationship names.
 */
export function objectDeclFromDescribe(describe: DescribeResult, context: DescribeContext = {}): { decl: ObjectDecl; skipped: SkippedField[] } {
  const name = builtInName(describe.name) ?? describe.name;
  const flags = flagsOf(describe);
  const known = new Set([...Object.keys(BUILT_IN_OBJECTS), name, ...(context.knownObjects ?? [])].map((object) => object.toLowerCase()));
  const defaults = defaultFields(name, flags);
  const fields: Record<string, FieldDecl> = {};
  const skipped: SkippedField[] = [];
  for (const field of describe.fields) {
    const decl = fullDecl(name, field, known, context);
    if ('why' in decl) {
      skipped.push({ field: field.name, type: field.type, why: decl.why });
      continue;
    }
    const existing = defaults.get(field.name);
    if (existing && isEqual(existing, builtField(name, field.name, decl, flags))) continue;
    fields[field.name] = minimalDecl(name, field.name, decl, flags);
  }
  return { decl: { ...objectPart(name, flags), fields }, skipped };
}

/** keyPrefix, and the label and flags where they differ from the catalog's (or the defaults: the name, true). */
function objectPart(name: string, flags: ObjectFlags): Omit<ObjectDecl, 'fields'> {
  const builtIn = BUILT_IN_OBJECTS[name];
  const part: Omit<ObjectDecl, 'fields'> = { keyPrefix: flags.keyPrefix };
  if (flags.label !== (builtIn?.label ?? name)) part.label = flags.label;
  for (const flag of ['createable', 'updateable', 'deletable'] as const) {
    if (flags[flag] !== (builtIn?.[flag] !== false)) part[flag] = flags[flag];
  }
  return part;
}

/** A recorded object's skipped field, named with its object. */
export interface SkippedObjectField extends SkippedField {
  object: string;
}

/** `Child.Field` → relationship name, from every parent's childRelationships (the first name a reference gets wins). */
function childRelationshipNames(describes: readonly DescribeResult[]): Map<string, string> {
  const names = new Map<string, string>();
  for (const describe of describes) {
    const relationships: unknown = describe.childRelationships;
    if (!Array.isArray(relationships)) continue;
    for (const rel of relationships as { childSObject?: unknown; field?: unknown; relationshipName?: unknown }[]) {
      if (typeof rel.childSObject !== 'string' || typeof rel.field !== 'string' || typeof rel.relationshipName !== 'string') continue;
      const key = `${builtInName(rel.childSObject) ?? rel.childSObject}.${rel.field}`;
      if (!names.has(key)) names.set(key, rel.relationshipName);
    }
  }
  return names;
}

/**
 * The fixtures' `schema` for a recording: each described object's declaration
 * (objectDeclFromDescribe), references narrowed to the recorded and built-in objects, and each
 * reference's child relationship name as its parent's describe gives it. Checked by loading it
 * as the mock org would: a field the mock org refuses (a clashing child relationship name, …) is
 * skipped with the mock org's reason, so the schema always loads.
 */
export function schemaFromDescribes(describes: readonly DescribeResult[]): { schema: Record<string, ObjectDecl>; skipped: SkippedObjectField[] } {
  const context: DescribeContext = { knownObjects: describes.map((describe) => describe.name), childRelationshipNames: childRelationshipNames(describes) };
  const schema: Record<string, ObjectDecl> = {};
  const skipped: SkippedObjectField[] = [];
  const typeOf = new Map<string, string>();
  for (const describe of describes) {
    const { decl, skipped: own } = objectDeclFromDescribe(describe, context);
    const name = builtInName(describe.name) ?? describe.name;
    schema[name] = decl;
    for (const entry of own) skipped.push({ object: name, ...entry });
    for (const field of describe.fields) typeOf.set(`${name}.${field.name}`, field.type);
  }
  for (const problem of schemaProblems(schema)) {
    const decl = problem.field === undefined ? undefined : schema[problem.object]?.fields;
    if (decl === undefined || problem.field === undefined || !(problem.field in decl)) {
      throw new IpemuError('INTERNAL', `The recorded schema of ${problem.object} does not load: ${problem.message}`);
    }
    delete decl[problem.field];
    skipped.push({ object: problem.object, field: problem.field, type: typeOf.get(`${problem.object}.${problem.field}`) ?? 'unknown', why: problem.message });
  }
  const left = schemaProblems(schema);
  if (left.length > 0) throw new IpemuError('INTERNAL', `The recorded schema does not load: ${left[0]!.object}: ${left[0]!.message}`);
  return { schema, skipped };
}

function schemaProblems(schema: Record<string, ObjectDecl>): SchemaProblem[] {
  const problems: SchemaProblem[] = [];
  buildSchema(schema, problems);
  return problems;
}
