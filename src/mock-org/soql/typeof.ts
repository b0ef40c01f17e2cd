import type { FieldTypeOf } from '@jetstreamapp/soql-parser-js';
import type { SObjectRecord } from '../../core/org';
import { isPolymorphicReference, type FieldSchema, type ObjectSchema, type Schema } from '../schema/schema';
import type { Row, Store } from '../store/store';
import { duplicateField, malformed, unknownRelationship, unsupported, unsupportedType } from './errors';
import { NAME_OBJECT, nameFieldOf, polymorphicParent } from './polymorphic';
import { resolvePath, splitPath, type Hop, type ResolvedPath } from './paths';
import { compileProjector, type Projector } from './project';
import { addPath, type Column, type ValueReader } from './select';
import type { Viewer } from './viewer';

/*
 * `TYPEOF What WHEN Account THEN Name, Phone WHEN Opportunity THEN Amount ELSE Name END`: each
 * record's What carries the fields of the branch its own object matches, as a record of that
 * object (attributes.type `Account`, not the `Name` a plain `What.Name` gives). The ELSE fields are
 * Name's (the fields every object of a polymorphic relationship answers for).
 */

interface Branches {
  readonly field: FieldSchema;
  /** Object API name → the columns its records carry. */
  readonly when: ReadonlyMap<string, Column[]>;
  readonly otherwise: Column[] | undefined;
}

function polymorphicField(root: ObjectSchema, alias: string | undefined, written: string): FieldSchema {
  const segments = splitPath(written, root, alias);
  if (segments.length > 1) throw unsupported('TYPEOF on a relationship of a parent');
  const field = root.relationshipByLower.get(segments[0]!.toLowerCase());
  if (!field) throw unknownRelationship(segments[0]!);
  // (ipemu, wording inferred) Salesforce allows TYPEOF only on a polymorphic relationship.
  if (!isPolymorphicReference(field)) throw malformed(`TYPEOF is only valid on a polymorphic relationship field: ${field.relationshipName}`);
  return field;
}

function whenObject(schema: Schema, field: FieldSchema, name: string): ObjectSchema {
  const object = schema.get(name);
  if (!object) throw unsupportedType(name);
  // (ipemu, wording inferred) A WHEN names an object the relationship may point to.
  const allowed = field.polymorphic || field.referenceTo.some((to) => to.toLowerCase() === object.name.toLowerCase());
  if (!allowed) throw malformed(`TYPEOF ${field.relationshipName}: ${object.name} is not a type the relationship can reference`);
  return object;
}

/** The columns of one branch, resolved on its object; each path also goes to the plan for field-level security. */
function branchColumns(schema: Schema, owner: ObjectSchema, hop: Hop, fieldList: readonly string[], paths: ResolvedPath[]): Column[] {
  const columns: Column[] = [];
  const seen = new Set<string>();
  for (const written of fieldList) {
    const path = resolvePath(schema, owner, written.split('.'));
    const canonical = [...path.hops.map((h) => h.field.relationshipName!), path.field.name].join('.');
    if (seen.has(canonical.toLowerCase())) throw duplicateField(canonical);
    seen.add(canonical.toLowerCase());
    addPath(columns, path);
    paths.push({ ...path, hops: [hop, ...path.hops], written: `${hop.written}.${path.written}` });
  }
  return columns;
}

/** Compiles one TYPEOF into its column (pushed onto `columns`) and returns the paths it reads. */
export function compileTypeof(schema: Schema, root: ObjectSchema, alias: string | undefined, item: FieldTypeOf, columns: Column[]): ResolvedPath[] {
  const field = polymorphicField(root, alias, item.field);
  const name = field.relationshipName!;
  const paths: ResolvedPath[] = [];
  const when = new Map<string, Column[]>();
  let otherwise: Column[] | undefined;
  for (const condition of item.conditions) {
    if (condition.type === 'ELSE') {
      const hop: Hop = { written: name, owner: root, field, target: NAME_OBJECT, polymorphic: true };
      otherwise = branchColumns(schema, NAME_OBJECT, hop, condition.fieldList, paths);
      continue;
    }
    const object = whenObject(schema, field, condition.objectType ?? '');
    // (ipemu, wording inferred) One WHEN per object.
    if (when.has(object.name)) throw malformed(`TYPEOF ${name}: duplicate WHEN ${object.name}`);
    const hop: Hop = { written: name, owner: root, field, target: object, polymorphic: false };
    when.set(object.name, branchColumns(schema, object, hop, condition.fieldList, paths));
  }
  const branches: Branches = { field, when, otherwise };
  columns.push({ kind: 'computed', name, compile: (store, viewer) => compileBranches(store, viewer, branches) });
  return paths;
}

/**
 * (ipemu, wording inferred) Salesforce: typeOfField cannot be a relationship also selected in the
 * field list (`What.Name, TYPEOF What …`), nor be given twice.
 */
export function rejectTypeofOverlap(columns: readonly Column[]): void {
  const typeofs = columns.filter((c) => c.kind === 'computed').map((c) => c.name.toLowerCase());
  if (typeofs.length === 0) return;
  const seen = new Set<string>();
  for (const column of columns) {
    if (column.kind === 'field') continue;
    const key = column.name.toLowerCase();
    if (seen.has(key) && typeofs.includes(key)) throw duplicateField(column.name);
    seen.add(key);
  }
}

/** A record of the parent's own object with only attributes: what a parent no branch matches carries. */
function bare(parent: Row, urlBase: string): SObjectRecord {
  const type = parent.object.name;
  return { attributes: { type, url: `${urlBase}${type}/${parent.id}` } };
}

function compileBranches(store: Store, viewer: Viewer, branches: Branches): ValueReader {
  const projectors = new Map<string, Projector>();
  for (const [object, columns] of branches.when) projectors.set(object, compileProjector(store, columns, viewer));
  const otherwise = branches.otherwise && compileElse(branches.otherwise);
  const field = branches.field.name;
  return (row, elapsed, urlBase) => {
    const parent = polymorphicParent(store, row, field, elapsed);
    if (!parent) return null;
    const project = projectors.get(parent.object.name);
    if (project) return project(parent, elapsed, urlBase);
    return otherwise ? otherwise(parent, elapsed, urlBase) : bare(parent, urlBase);
  };
}

/** ELSE fields are Name's: `Type` is the object's name, a field the object lacks is null. */
function compileElse(columns: readonly Column[]): Projector {
  const names = columns.flatMap((c) => (c.kind === 'field' ? [c.name] : []));
  return (parent, elapsed, urlBase) => {
    const record: SObjectRecord = bare(parent, urlBase);
    for (const name of names) record[name] = nameFieldOf(parent, name, elapsed);
    return record;
  };
}
