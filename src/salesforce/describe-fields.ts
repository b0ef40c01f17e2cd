import type { DescribeResult, FieldDescribe } from '../core/org';

interface FieldIndex {
  readonly byName: ReadonlyMap<string, FieldDescribe>;
  readonly byRelationship: ReadonlyMap<string, FieldDescribe>;
}

/** One index per describe result (describes are cached, so each is built once per object and user). */
const indexes = new WeakMap<DescribeResult, FieldIndex>();

function indexOf(describe: DescribeResult): FieldIndex {
  let index = indexes.get(describe);
  if (!index) {
    const byName = new Map<string, FieldDescribe>();
    const byRelationship = new Map<string, FieldDescribe>();
    for (const field of describe.fields) {
      byName.set(field.name.toLowerCase(), field);
      if (field.relationshipName) byRelationship.set(field.relationshipName.toLowerCase(), field);
    }
    index = { byName, byRelationship };
    indexes.set(describe, index);
  }
  return index;
}

/** A field of a describe by API name, compared without regard to case as Salesforce does. */
export function findField(describe: DescribeResult, name: string): FieldDescribe | undefined {
  return indexOf(describe).byName.get(name.toLowerCase());
}

/** The reference field whose relationship name is `relationship` (`Parent` → the ParentId field). */
export function findRelationship(describe: DescribeResult, relationship: string): FieldDescribe | undefined {
  return indexOf(describe).byRelationship.get(relationship.toLowerCase());
}

/** The reference field behind a relationship name, by Salesforce's naming (`Foo__r` → `Foo__c`, `Parent` → `ParentId`). */
export function referenceFieldName(relationship: string): string {
  return /__r$/i.test(relationship) ? relationship.replace(/__r$/i, '__c') : `${relationship}Id`;
}
