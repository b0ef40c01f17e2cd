import type { OrgError } from '../../core/org';
import type { FieldSchema, ObjectSchema, Schema } from '../schema/schema';
import { isPolymorphicReference } from '../schema/schema';
import { Row, Store, Table, valuesAt } from '../store/store';
import type { OrgUser } from '../schema/users';
import type { Value } from '../store/values';
import { noSuchColumn, unknownRelationship } from './errors';
import { NAME_OBJECT, nameFieldOf, polymorphicParent } from './polymorphic';

/** One step of a parent path: the reference field followed, and the object it leads to. */
export interface Hop {
  readonly written: string;
  readonly owner: ObjectSchema;
  readonly field: FieldSchema;
  readonly target: ObjectSchema;
  /** Leads to the `Name` pseudo-object: the parent is found by its Id's key prefix. */
  readonly polymorphic: boolean;
}

/** A field path (`Id`, `CreatedBy.Name`, …) resolved against the schema at compile time. */
export interface ResolvedPath {
  readonly hops: readonly Hop[];
  readonly owner: ObjectSchema;
  readonly field: FieldSchema;
  readonly written: string;
}

export type Accessor = (row: Row, elapsed: number) => Value;

/**
 * Splits a WHERE/ORDER BY field into segments, dropping a leading FROM alias or object name
 * (`a.Name`, `AsyncApexJob.Status`) unless it names a relationship.
 */
export function splitPath(text: string, root: ObjectSchema, alias: string | undefined): string[] {
  const segments = text.split('.');
  if (segments.length > 1) {
    const first = segments[0]!.toLowerCase();
    const isPrefix = first === alias?.toLowerCase() || (first === root.name.toLowerCase() && !root.relationshipByLower.has(first));
    if (isPrefix) segments.shift();
  }
  return segments;
}

export function resolvePath(schema: Schema, root: ObjectSchema, segments: readonly string[]): ResolvedPath {
  const hops: Hop[] = [];
  let owner = root;
  for (const written of segments.slice(0, -1)) {
    const field = owner.relationshipByLower.get(written.toLowerCase());
    // Decided here, once per query: rows of ordinary relationships never pay for it.
    const polymorphic = field !== undefined && isPolymorphicReference(field);
    const to = field?.referenceTo[0];
    const target = polymorphic ? NAME_OBJECT : to !== undefined ? schema.get(to) : undefined;
    if (!field || !target) throw unknownRelationship(written);
    hops.push({ written, owner, field, target, polymorphic });
    owner = target;
  }
  const last = segments[segments.length - 1]!; // splitPath always leaves one segment
  const field = owner.fieldByLower.get(last.toLowerCase());
  if (!field) throw noSuchColumn(last, owner.name);
  return { hops, owner, field, written: segments.join('.') };
}

/** The error the user gets for this path: hidden fields are missing fields, hidden objects unknown relationships. */
export function pathAccessError(path: ResolvedPath, user: OrgUser): OrgError | undefined {
  for (const hop of path.hops) {
    if (!user.canSeeField(hop.owner.name, hop.field.name) || (!hop.polymorphic && !user.canSeeObject(hop.target.name))) return unknownRelationship(hop.written);
  }
  if (!user.canSeeField(path.owner.name, path.field.name)) return noSuchColumn(path.written.split('.').pop()!, path.owner.name);
  return undefined;
}

/**
 * The parent row a reference value leads to, or undefined when empty, dangling or of another
 * object. The answer is kept on the child row with the Id it followed (timelines may not change
 * references, and the check keeps the memo right if that ever changes), so a relationship path
 * read again costs a property read rather than an Id lookup in a large map.
 */
/** `target`: the table of `hop.target`, resolved once by the caller when it compiles. */
export function parentOf(target: Table, row: Row, hop: Hop, elapsed: number): Row | undefined {
  const name = hop.field.name;
  const id = valuesAt(row, elapsed)[name];
  if (typeof id !== 'string') return undefined;
  const known = row.parents?.[name];
  if (known !== undefined && known.id === id) return known.row;
  const parent = target.find(id);
  (row.parents ??= {})[name] = { id, row: parent };
  return parent;
}

export function compileAccessor(store: Store, path: ResolvedPath): Accessor {
  const name = path.field.name;
  if (path.hops.length === 0) return (row, elapsed) => valuesAt(row, elapsed)[name] ?? null;
  const hops = path.hops;
  // Name has no relationships, so a polymorphic hop is always the last one.
  if (hops[hops.length - 1]!.polymorphic) return compilePolymorphicAccessor(store, path);
  const targets = hops.map((hop) => store.parentTable(hop.owner, hop.field.name, hop.target));
  return (row, elapsed) => {
    let current: Row | undefined = row;
    for (let i = 0; i < hops.length; i++) {
      current = parentOf(targets[i]!, current, hops[i]!, elapsed);
      if (!current) return null;
    }
    return valuesAt(current, elapsed)[name] ?? null;
  };
}

function compilePolymorphicAccessor(store: Store, path: ResolvedPath): Accessor {
  const name = path.field.name;
  const last = path.hops[path.hops.length - 1]!;
  const before = path.hops.slice(0, -1);
  const targets = before.map((hop) => store.parentTable(hop.owner, hop.field.name, hop.target));
  return (row, elapsed) => {
    let current: Row | undefined = row;
    for (let i = 0; i < before.length && current; i++) current = parentOf(targets[i]!, current, before[i]!, elapsed);
    const parent = current && polymorphicParent(store, current, last.field.name, elapsed);
    return parent ? nameFieldOf(parent, name, elapsed) : null;
  };
}

/** The path as its relationship and field names (`Account.Name`), whatever alias or case it was written in. */
export function canonicalPath(path: ResolvedPath): string {
  return [...path.hops.map((hop) => hop.field.relationshipName!), path.field.name].join('.');
}
