import isEqual from 'lodash/isEqual';
import type { DescribeResult } from '../core/org';
import { IpemuError } from '../core/errors';
import type { FieldDecl, ObjectDecl } from '../mock-org/fixtures/types';
import { BUILT_IN_OBJECTS } from '../mock-org/schema/catalog';
import { buildSchema, type SchemaProblem } from '../mock-org/schema/schema';
import { builtField, builtInName, defaultFields } from './catalog-objects';
import { fieldTypeOf } from './field-types';
import { fullDecl, isFieldName, minimalDecl, type DescribeContext, type DescribeScope, type ObjectFlags } from './field-decl';

export type { DescribeContext } from './field-decl';

/** A describe field the recorded schema leaves out, and why. */
export interface SkippedField {
  field: string;
  /** Its describe type. */
  type: string;
  why: string;
}

const KEY_PREFIX = /^[0-9A-Za-z]{3}$/;

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

/**
 * One object's fixture declaration from its describe (as the REST API answers it): every field
 * the mock org can hold, with only what differs from what the mock org already knows (a built-in
 * object's catalog fields, any object's Id and audit fields); the rest are `skipped`. Prefer
 * schemaFromDescribes, which also knows the other objects and the child relationship names.
 */
export function objectDeclFromDescribe(describe: DescribeResult, context: DescribeContext = {}): { decl: ObjectDecl; skipped: SkippedField[] } {
  const name = builtInName(describe.name) ?? describe.name;
  const flags = flagsOf(describe);
  const lower = (names: Iterable<string>): Set<string> => new Set([...names].map((object) => object.toLowerCase()));
  const scope: DescribeScope = {
    known: lower([...Object.keys(BUILT_IN_OBJECTS), name, ...(context.knownObjects ?? [])]),
    described: lower(context.describedObjects ?? []),
    childNames: context.childRelationshipNames ?? new Map(),
  };
  const defaults = defaultFields(name, flags);
  const fields: Record<string, FieldDecl> = {};
  const skipped: SkippedField[] = [];
  for (const field of describe.fields) {
    const decl = fullDecl(name, field, scope);
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
  const names = describes.map((describe) => describe.name);
  const context: DescribeContext = { knownObjects: names, describedObjects: names, childRelationshipNames: childRelationshipNames(describes) };
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

/**
 * Each recordable field of a describe as a full declaration (type, label, length, nillable,
 * idLookup, referenceTo): what the records of the object hold, for valueFromCsv's types and the
 * anonymizer. Fields the mock org cannot hold, and those `skipped` names for this object, are left out.
 */
export function fieldDeclsFromDescribe(describe: DescribeResult, skipped: readonly SkippedObjectField[] = []): Record<string, FieldDecl> {
  const name = builtInName(describe.name) ?? describe.name;
  const left = new Set(skipped.filter((entry) => entry.object === name).map((entry) => entry.field));
  const fields: Record<string, FieldDecl> = {};
  for (const field of describe.fields) {
    const mapped = fieldTypeOf(field.type);
    if ('why' in mapped || left.has(field.name) || !isFieldName(field.name)) continue;
    fields[field.name] = {
      type: mapped.type,
      label: field.label,
      length: field.length,
      nillable: field.nillable,
      idLookup: field.idLookup,
      ...(mapped.type === 'reference' ? { referenceTo: [...field.referenceTo] } : {}),
    };
  }
  return fields;
}
