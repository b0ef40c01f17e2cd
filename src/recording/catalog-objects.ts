import { BUILT_IN_OBJECTS, IMPLICIT_FIELDS } from '../mock-org/schema/catalog';
import { buildObjectSchema, type FieldSchema, type ObjectSchema } from '../mock-org/schema/schema';
import type { FieldDecl, ObjectDecl } from '../mock-org/fixtures/types';

/*
 * What the mock org already knows without a fixture `schema`: the built-in catalog's objects, and
 * the fields every declared object gets. The recorder compares an org's describe with these, so
 * that a recorded schema holds only what differs (the catalog stays the one home of its fields).
 */

const BUILT_IN_BY_LOWER: ReadonlyMap<string, string> = new Map(Object.keys(BUILT_IN_OBJECTS).map((name) => [name.toLowerCase(), name]));

const catalogCache = new Map<string, ObjectSchema>();

/** The catalog's spelling of a built-in object's name (`asyncapexjob` → `AsyncApexJob`), else undefined. */
export function builtInName(name: string): string | undefined {
  return BUILT_IN_BY_LOWER.get(name.toLowerCase());
}

/** A built-in object as the mock org builds it from the catalog alone, else undefined. */
export function catalogObject(name: string): ObjectSchema | undefined {
  const canonical = builtInName(name);
  if (canonical === undefined) return undefined;
  let object = catalogCache.get(canonical);
  if (object === undefined) catalogCache.set(canonical, (object = buildObjectSchema(canonical, BUILT_IN_OBJECTS[canonical]!, {})));
  return object;
}

type ObjectFlags = Pick<ObjectDecl, 'keyPrefix' | 'label' | 'createable' | 'updateable' | 'deletable'>;

/**
 * The fields an object declared with `flags` and no fields has: a built-in object's catalog
 * fields, or the Id and the implicit fields (IsDeleted, the audit fields) of any other object.
 */
export function defaultFields(name: string, flags: ObjectFlags): ReadonlyMap<string, FieldSchema> {
  const canonical = builtInName(name);
  const object =
    canonical === undefined
      ? buildObjectSchema(name, { ...flags, fields: {} }, IMPLICIT_FIELDS)
      : buildObjectSchema(canonical, { ...flags, fields: BUILT_IN_OBJECTS[canonical]!.fields }, {});
  return new Map(object.fields.map((field) => [field.name, field]));
}

/** One field as the mock org builds it from a declaration, on an object with `flags`. */
export function builtField(object: string, field: string, decl: FieldDecl, flags: ObjectFlags): FieldSchema {
  const built = buildObjectSchema(object, { ...flags, fields: { [field]: decl } }, {});
  return built.fieldByLower.get(field.toLowerCase())!;
}
