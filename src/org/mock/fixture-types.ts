/** The mock org's fixture format (DESIGN.md §4): a JSON file, a directory, or this object. */

export interface FixtureUser {
  default?: boolean;
  /** `Object.Field` names the user cannot read. */
  hiddenFields?: string[];
  /** Objects the user cannot read. */
  hiddenObjects?: string[];
}

export type FieldType =
  | 'id'
  | 'string'
  | 'textarea'
  | 'picklist'
  | 'reference'
  | 'boolean'
  | 'int'
  | 'double'
  | 'currency'
  | 'percent'
  | 'date'
  | 'datetime'
  | 'email'
  | 'phone'
  | 'url';

export interface FieldDecl {
  type: FieldType;
  label?: string;
  /** For `reference`: the objects it may point to. */
  referenceTo?: string[];
  /** For `reference`: the name used in parent paths (`Parent.Field`). */
  relationshipName?: string;
  picklistValues?: string[];
  length?: number;
  nillable?: boolean;
  /** String fields: usable as an External-Id-like lookup (the mock org indexes it case-insensitively). */
  idLookup?: boolean;
  /** For `reference`: may point to objects other than `referenceTo` (its key prefix is not checked). */
  polymorphic?: boolean;
}

export interface ObjectDecl {
  keyPrefix: string;
  label?: string;
  fields: Record<string, FieldDecl>;
}

/** A fixture record: field values, plus `$timeline` on AsyncApexJob (status moving with the clock). */
export type FixtureRecord = Record<string, unknown>;

export interface FixtureDocument {
  users?: Record<string, FixtureUser>;
  schema?: Record<string, ObjectDecl>;
  records?: Record<string, FixtureRecord[]>;
}
