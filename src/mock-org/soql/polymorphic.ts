import type { FieldDecl } from '../fixtures/types';
import { buildObjectSchema, ObjectSchema } from '../schema/schema';
import type { Row, Store } from '../store/store';
import { valuesAt } from '../store/store';
import type { Value } from '../store/values';

/**
 * Salesforce's `Name` pseudo-object: what a polymorphic relationship (`What`, `Who`, `Owner`, any
 * reference with several `referenceTo`) leads to in SOQL, whatever the record's own object. Its
 * fields are the ones Salesforce documents for Name; any other is "No such column … on entity
 * 'Name'". The reference fields among them (Profile, RecordType, UserRole) are selectable by Id
 * only here: the mock org does not follow a relationship on from a Name.
 */
const str = (label: string): FieldDecl => ({ type: 'string', label });
const NAME_FIELDS: Readonly<Record<string, FieldDecl>> = {
  Alias: str('Alias'),
  CommunityNickname: str('Nickname'),
  Email: { type: 'email', label: 'Email' },
  FirstName: str('First Name'),
  IsActive: { type: 'boolean', label: 'Active' },
  LastName: str('Last Name'),
  LastReferencedDate: { type: 'datetime', label: 'Last Referenced Date' },
  LastViewedDate: { type: 'datetime', label: 'Last Viewed Date' },
  Name: str('Name'),
  NameOrAlias: str('Name Or Alias'),
  Phone: { type: 'phone', label: 'Phone' },
  ProfileId: { type: 'id', label: 'Profile ID' },
  RecordTypeId: { type: 'id', label: 'Record Type ID' },
  Title: str('Title'),
  Type: { type: 'picklist', label: 'Object Type' },
  UserRoleId: { type: 'id', label: 'Role ID' },
  Username: str('Username'),
};

export const NAME_OBJECT: ObjectSchema = buildObjectSchema(
  'Name',
  { keyPrefix: '', fields: NAME_FIELDS, createable: false, updateable: false, deletable: false },
  {},
);

/** The record a polymorphic reference leads to, found by its Id's key prefix in whichever table has it. */
export function polymorphicParent(store: Store, row: Row, field: string, elapsed: number): Row | undefined {
  const id = valuesAt(row, elapsed)[field];
  return typeof id === 'string' ? store.find(id) : undefined;
}

/** A Name field of the record: `Type` is its object's API name, a field its object lacks is null. */
export function nameFieldOf(parent: Row, field: string, elapsed: number): Value {
  if (field === 'Type') return parent.object.name;
  return valuesAt(parent, elapsed)[field] ?? null;
}
