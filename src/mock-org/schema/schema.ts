import type { FieldDecl, FieldType, ObjectDecl } from '../fixtures/types';
import { BUILT_IN_OBJECTS, IMPLICIT_FIELDS } from './catalog';
import { isPlainObject } from '../../core/plain-object';
import { isApiName } from '../../salesforce/api-names';
import { KIND_OF_TYPE } from '../store/field-kinds';
import { checkChildRelationshipNames, ChildRelationships, isRelationshipName } from './child-relationships';

/** A field as the mock org knows it: the fixture declaration with every default filled in. */
export interface FieldSchema {
  readonly name: string;
  readonly type: FieldType;
  readonly label: string;
  readonly referenceTo: readonly string[];
  readonly relationshipName: string | null;
  /** A reference's name seen from the objects it points to (`Contacts`), or null when it has none. */
  readonly childRelationshipName: string | null;
  readonly polymorphic: boolean;
  /** Restricted picklist values; undefined means any string is accepted. */
  readonly picklistValues: readonly string[] | undefined;
  /** A picklist value → its label, where the fixture gives one; any other value is its own label. */
  readonly picklistLabels?: Readonly<Record<string, string>>;
  readonly length: number;
  readonly nillable: boolean;
  readonly idLookup: boolean;
  /** Whether a write may set it: on insert, on update (for a user, also their readOnlyFields). */
  readonly createable: boolean;
  readonly updateable: boolean;
  /** The platform fills it on insert (Id, audit fields, booleans), so it is never required. */
  readonly defaultedOnCreate: boolean;
}

export interface ObjectSchema {
  readonly name: string;
  readonly label: string;
  readonly keyPrefix: string;
  /** In declaration order, Id first. */
  readonly fields: readonly FieldSchema[];
  /** Lower-case field name → field (SOQL names are case-insensitive). */
  readonly fieldByLower: ReadonlyMap<string, FieldSchema>;
  /** Lower-case relationship name → the reference field behind it. */
  readonly relationshipByLower: ReadonlyMap<string, FieldSchema>;
  /** Whether users may insert, update or delete its records (the emulated platform always may). */
  readonly createable: boolean;
  readonly updateable: boolean;
  readonly deletable: boolean;
}

export const FIELD_TYPES: readonly FieldType[] = [
  'id',
  'string',
  'textarea',
  'picklist',
  'multipicklist',
  'reference',
  'boolean',
  'int',
  'double',
  'currency',
  'percent',
  'date',
  'datetime',
  'email',
  'phone',
  'url',
];

/**
 * Salesforce's polymorphicForeignKey: a reference to several objects, or declared to point to any.
 * Its relationship leads to the `Name` pseudo-object in SOQL (soql/polymorphic.ts).
 */
export function isPolymorphicReference(field: FieldSchema): boolean {
  return field.type === 'reference' && (field.polymorphic || field.referenceTo.length > 1);
}

export function isStringType(type: FieldType): boolean {
  return KIND_OF_TYPE[type] === 'string';
}

export function isNumberType(type: FieldType): boolean {
  return KIND_OF_TYPE[type] === 'number';
}

export function isIdType(type: FieldType): boolean {
  return KIND_OF_TYPE[type] === 'id';
}

function defaultLength(type: FieldType): number {
  if (isIdType(type)) return 18;
  if (type === 'textarea') return 32768;
  // Salesforce describes every multi-select picklist with length 4099.
  if (type === 'multipicklist') return 4099;
  return isStringType(type) ? 255 : 0;
}

/** Fields only the platform sets: the Id, IsDeleted and the audit fields. */
export const SYSTEM_FIELDS: ReadonlySet<string> = new Set([
  'Id',
  'IsDeleted',
  'CreatedDate',
  'CreatedById',
  'LastModifiedDate',
  'LastModifiedById',
  'SystemModstamp',
]);

function buildField(name: string, decl: FieldDecl, object: Pick<ObjectDecl, 'createable' | 'updateable'>): FieldSchema {
  const system = SYSTEM_FIELDS.has(name);
  return {
    name,
    type: decl.type,
    label: decl.label ?? name,
    referenceTo: decl.referenceTo ?? [],
    relationshipName: decl.type === 'reference' ? (decl.relationshipName ?? null) : null,
    childRelationshipName: decl.type === 'reference' ? (decl.childRelationshipName ?? null) : null,
    polymorphic: decl.polymorphic === true,
    picklistValues: decl.picklistValues,
    picklistLabels: decl.picklistLabels,
    length: decl.length ?? defaultLength(decl.type),
    nillable: decl.nillable ?? (decl.type !== 'boolean' && decl.type !== 'id'),
    // Salesforce marks Id and Name idLookup; fixtures may mark their own External-Id-like fields.
    idLookup: decl.idLookup ?? (decl.type === 'id' || (name === 'Name' && isStringType(decl.type))),
    createable: !system && object.createable !== false && decl.createable !== false,
    updateable: !system && object.updateable !== false && decl.updateable !== false,
    // Salesforce describes checkboxes as defaulted on create (false when not given).
    defaultedOnCreate: system || decl.type === 'boolean',
  };
}

export function buildObjectSchema(name: string, decl: ObjectDecl, implicit: Readonly<Record<string, FieldDecl>>): ObjectSchema {
  const decls: Record<string, FieldDecl> = { Id: { type: 'id', label: `${decl.label ?? name} ID` }, ...implicit, ...decl.fields };
  const fields = Object.entries(decls).map(([fieldName, fieldDecl]) => buildField(fieldName, fieldDecl, decl));
  const fieldByLower = new Map(fields.map((field) => [field.name.toLowerCase(), field]));
  const relationshipByLower = new Map<string, FieldSchema>();
  for (const field of fields) {
    if (field.relationshipName) relationshipByLower.set(field.relationshipName.toLowerCase(), field);
  }
  return {
    name,
    label: decl.label ?? name,
    keyPrefix: decl.keyPrefix,
    fields,
    fieldByLower,
    relationshipByLower,
    createable: decl.createable !== false,
    updateable: decl.updateable !== false,
    deletable: decl.deletable !== false,
  };
}

/** Every object the org knows: the built-in catalog plus the fixture's `schema`. */
export class Schema {
  private readonly byLower = new Map<string, ObjectSchema>();
  private readonly byPrefix = new Map<string, ObjectSchema>();
  /** Every object's child relationships (the references pointing to it). */
  readonly children: ChildRelationships;

  constructor(objects: readonly ObjectSchema[]) {
    for (const object of objects) {
      this.byLower.set(object.name.toLowerCase(), object);
      this.byPrefix.set(object.keyPrefix, object);
    }
    this.children = new ChildRelationships(objects);
  }

  get(name: string): ObjectSchema | undefined {
    return this.byLower.get(name.toLowerCase());
  }

  /** The object an 18-character Id belongs to, by its key prefix (case-sensitive). */
  objectOfId(id18: string): ObjectSchema | undefined {
    return this.byPrefix.get(id18.slice(0, 3));
  }

  objects(): ObjectSchema[] {
    return [...this.byLower.values()];
  }
}

export interface SchemaProblem {
  object: string;
  field?: string;
  message: string;
}

const KEY_PREFIX = /^[0-9A-Za-z]{3}$/;

function checkField(objectName: string, fieldName: string, decl: unknown, known: Set<string>, problems: SchemaProblem[]): void {
  const problem = (message: string): void => void problems.push({ object: objectName, field: fieldName, message });
  if (!isApiName(fieldName)) problem('is not a valid field API name');
  // (ipemu) Records are JavaScript objects: a field named like an Object method would read the method where the value is missing.
  else if (fieldName in Object.prototype) problem(`is the name of a JavaScript Object member (${fieldName}), which ipemu cannot store`);
  if (!isPlainObject(decl)) return problem('must be an object with a "type"');
  const field = decl as Partial<FieldDecl>;
  if (!FIELD_TYPES.includes(field.type as FieldType)) return problem(`type ${JSON.stringify(field.type)} is not one of ${FIELD_TYPES.join(', ')}`);
  if (field.type === 'reference') {
    if (!Array.isArray(field.referenceTo) || field.referenceTo.length === 0) return problem('a reference needs "referenceTo" (a list of object names)');
    for (const target of field.referenceTo) {
      if (typeof target !== 'string' || !known.has(target.toLowerCase())) problem(`referenceTo names unknown object ${JSON.stringify(target)}`);
    }
    if (
      field.relationshipName !== undefined &&
      (typeof field.relationshipName !== 'string' || !isApiName(field.relationshipName) || field.relationshipName in Object.prototype)
    ) {
      problem('relationshipName must be a name, and not the name of a JavaScript Object member');
    }
    if (field.childRelationshipName !== undefined && !isRelationshipName(field.childRelationshipName)) {
      problem('childRelationshipName must be a name, and not the name of a JavaScript Object member');
    }
  } else if (field.childRelationshipName !== undefined) problem('childRelationshipName is only for reference fields');
  if (field.picklistValues !== undefined && (!Array.isArray(field.picklistValues) || field.picklistValues.some((v) => typeof v !== 'string'))) {
    problem('picklistValues must be a list of strings');
  }
  // A multi-select picklist keeps its values joined by semicolons, so no value may hold one.
  if (field.type === 'multipicklist' && Array.isArray(field.picklistValues) && field.picklistValues.some((v) => typeof v === 'string' && v.includes(';'))) {
    problem('a multipicklist value must not contain a semicolon');
  }
  if (field.picklistLabels !== undefined && (!isPlainObject(field.picklistLabels) || Object.values(field.picklistLabels).some((v) => typeof v !== 'string'))) {
    problem('picklistLabels must be an object of value → label strings');
  }
  for (const flag of ['createable', 'updateable'] as const) {
    if (field[flag] !== undefined && typeof field[flag] !== 'boolean') problem(`${flag} must be true or false`);
  }
}

/**
 * Merges the fixture's `schema` into the catalog. A declared object that is already built in
 * gains (or overrides) fields; its key prefix must agree. Problems are collected, not thrown.
 */
export function buildSchema(declared: unknown, problems: SchemaProblem[]): Schema {
  const decls: Record<string, ObjectDecl> = {};
  const declaredNames = new Set<string>();
  if (declared !== undefined && declared !== null) {
    if (typeof declared !== 'object' || Array.isArray(declared)) {
      problems.push({ object: 'schema', message: 'schema must be an object of object declarations' });
    } else {
      for (const name of Object.keys(declared)) declaredNames.add(name.toLowerCase());
      const builtInByLower = new Map(Object.keys(BUILT_IN_OBJECTS).map((name) => [name.toLowerCase(), name]));
      const known = new Set([...builtInByLower.keys(), ...declaredNames]);
      for (const [name, raw] of Object.entries(declared as Record<string, unknown>)) {
        const decl = raw as Partial<ObjectDecl> | null;
        if (!isApiName(name)) problems.push({ object: name, message: 'is not a valid object API name' });
        if (!isPlainObject(decl)) {
          problems.push({ object: name, message: 'must be an object with keyPrefix and fields' });
          continue;
        }
        const builtInName = builtInByLower.get(name.toLowerCase());
        const builtIn = builtInName ? BUILT_IN_OBJECTS[builtInName] : undefined;
        const keyPrefix = decl.keyPrefix ?? builtIn?.keyPrefix;
        if (typeof keyPrefix !== 'string' || !KEY_PREFIX.test(keyPrefix)) {
          problems.push({ object: name, message: 'keyPrefix must be 3 letters or digits' });
        } else if (builtIn && keyPrefix !== builtIn.keyPrefix) {
          problems.push({ object: name, message: `keyPrefix ${keyPrefix} differs from the built-in ${builtIn.keyPrefix}` });
        }
        const fields = decl.fields ?? {};
        if (!isPlainObject(fields)) {
          problems.push({ object: name, message: 'fields must be an object of field declarations' });
          continue;
        }
        for (const [fieldName, fieldDecl] of Object.entries(fields)) checkField(name, fieldName, fieldDecl, known, problems);
        for (const flag of ['createable', 'updateable', 'deletable'] as const) {
          if (decl[flag] !== undefined && typeof decl[flag] !== 'boolean') problems.push({ object: name, message: `${flag} must be true or false` });
        }
        const canonical = builtInName ?? name;
        decls[canonical] = {
          keyPrefix: keyPrefix as string,
          label: decl.label ?? builtIn?.label,
          fields: { ...(builtIn?.fields ?? {}), ...fields },
          createable: decl.createable ?? builtIn?.createable,
          updateable: decl.updateable ?? builtIn?.updateable,
          deletable: decl.deletable ?? builtIn?.deletable,
        };
      }
    }
  }
  const objects: ObjectSchema[] = [];
  for (const [name, decl] of Object.entries(BUILT_IN_OBJECTS)) {
    if (!decls[name]) objects.push(buildObjectSchema(name, decl, {}));
  }
  for (const [name, decl] of Object.entries(decls)) {
    objects.push(buildObjectSchema(name, decl, BUILT_IN_OBJECTS[name] ? {} : IMPLICIT_FIELDS));
  }
  checkPrefixClashes(objects, problems);
  checkChildRelationshipNames(objects, problems);
  return new Schema(objects);
}

function checkPrefixClashes(objects: readonly ObjectSchema[], problems: SchemaProblem[]): void {
  const byPrefix = new Map<string, string>();
  for (const object of objects) {
    const other = byPrefix.get(object.keyPrefix);
    if (other) problems.push({ object: object.name, message: `keyPrefix ${object.keyPrefix} is already used by ${other}` });
    else byPrefix.set(object.keyPrefix, object.name);
  }
}
