import type { DescribeResult, FieldDescribe } from '../core/org';

/** A describe's fields by name and by relationship name, matched as Salesforce matches them: without regard to case. */
export class FieldIndex {
  private readonly byName = new Map<string, FieldDescribe>();
  private readonly byRelationship = new Map<string, FieldDescribe>();

  constructor(describe: DescribeResult) {
    for (const field of describe.fields) {
      // Exact spellings first: callers usually spell a name as the describe does.
      this.byName.set(field.name, field);
      this.byName.set(field.name.toLowerCase(), field);
      if (field.relationshipName) this.byRelationship.set(field.relationshipName.toLowerCase(), field);
    }
  }

  field(name: string): FieldDescribe | undefined {
    return this.byName.get(name) ?? this.byName.get(name.toLowerCase());
  }

  /** The reference field whose relationship name is `relationship` (`Parent` → the ParentId field). */
  relationship(relationship: string): FieldDescribe | undefined {
    return this.byRelationship.get(relationship.toLowerCase());
  }
}

/** One index per describe result (describes are cached, so each is built once per object and user). */
const indexes = new WeakMap<DescribeResult, FieldIndex>();

export function fieldIndex(describe: DescribeResult): FieldIndex {
  let index = indexes.get(describe);
  if (!index) {
    index = new FieldIndex(describe);
    indexes.set(describe, index);
  }
  return index;
}

/** The reference field behind a relationship name, by Salesforce's naming (`Foo__r` → `Foo__c`, `Parent` → `ParentId`). */
export function referenceFieldName(relationship: string): string {
  return /__r$/i.test(relationship) ? relationship.replace(/__r$/i, '__c') : `${relationship}Id`;
}
