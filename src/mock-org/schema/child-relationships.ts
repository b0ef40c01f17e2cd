import type { FieldSchema, ObjectSchema, SchemaProblem } from './schema';
import { isApiName } from '../../salesforce/api-names';

/**
 * A parent's view of a reference that points to it: Contact.AccountId seen from Account is the
 * child relationship `Contacts`. A reference without a childRelationshipName still is one (describe
 * lists it with relationshipName null, as Salesforce does), but no subquery can name it.
 */
export interface ChildRelationship {
  readonly parent: ObjectSchema;
  readonly child: ObjectSchema;
  readonly field: FieldSchema;
  readonly relationshipName: string | null;
}

/** (ipemu) Same rule as relationshipName: an API name that no JavaScript Object member shares (records are plain objects). */
export function isRelationshipName(name: unknown): name is string {
  return typeof name === 'string' && isApiName(name) && !(name in Object.prototype);
}

/** Every reference of every object, keyed by the objects it points to (each referenceTo of a polymorphic one). */
function referencesByParent(objects: readonly ObjectSchema[]): Map<string, ChildRelationship[]> {
  const byName = new Map(objects.map((object) => [object.name.toLowerCase(), object]));
  const out = new Map<string, ChildRelationship[]>();
  for (const child of objects) {
    for (const field of child.fields) {
      if (field.type !== 'reference') continue;
      for (const target of field.referenceTo) {
        const parent = byName.get(target.toLowerCase());
        if (!parent) continue;
        const list = out.get(parent.name) ?? [];
        list.push({ parent, child, field, relationshipName: field.childRelationshipName });
        out.set(parent.name, list);
      }
    }
  }
  return out;
}

/** Child relationships of every object, found once when the schema is built. */
export class ChildRelationships {
  private readonly byParent: Map<string, ChildRelationship[]>;
  /** Parent name → lower-case relationship name → relationship (the first declared wins; a clash is a schema problem). */
  private readonly named = new Map<string, Map<string, ChildRelationship>>();

  constructor(objects: readonly ObjectSchema[]) {
    this.byParent = referencesByParent(objects);
    for (const [parent, list] of this.byParent) {
      // (ipemu) Sorted by child object then field, so describe answers the same order whatever the fixture's.
      list.sort((a, b) => a.child.name.localeCompare(b.child.name) || a.field.name.localeCompare(b.field.name));
      const named = new Map<string, ChildRelationship>();
      for (const rel of list) {
        const key = rel.relationshipName?.toLowerCase();
        if (key !== undefined && !named.has(key)) named.set(key, rel);
      }
      this.named.set(parent, named);
    }
  }

  /** The references pointing to this object, named or not. */
  of(parent: ObjectSchema): readonly ChildRelationship[] {
    return this.byParent.get(parent.name) ?? [];
  }

  /** The child relationship a subquery's FROM names (case-insensitive), if the parent has it. */
  find(parent: ObjectSchema, name: string): ChildRelationship | undefined {
    return this.named.get(parent.name)?.get(name.toLowerCase());
  }
}

/** A child relationship name is unique per parent object, as Salesforce requires of its relationships. */
export function checkChildRelationshipNames(objects: readonly ObjectSchema[], problems: SchemaProblem[]): void {
  for (const [parent, list] of referencesByParent(objects)) {
    const seen = new Map<string, ChildRelationship>();
    for (const rel of list) {
      const key = rel.relationshipName?.toLowerCase();
      if (key === undefined) continue;
      const other = seen.get(key);
      if (other && other !== rel) {
        problems.push({
          object: rel.child.name,
          field: rel.field.name,
          message: `childRelationshipName ${rel.relationshipName} is already used on ${parent} by ${other.child.name}.${other.field.name}`,
        });
      } else seen.set(key, rel);
    }
  }
}
