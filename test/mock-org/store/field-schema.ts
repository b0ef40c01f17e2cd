import type { FieldType } from '../../../src/mock-org/fixtures/types';
import type { FieldSchema } from '../../../src/mock-org/schema/schema';

/** A field named F of `type`, as the schema would build it (Ids 18 characters, text 255). */
export const fieldOf = (type: FieldType, extra: Partial<FieldSchema> = {}): FieldSchema => ({
  name: 'F',
  type,
  label: 'F',
  referenceTo: type === 'reference' ? ['AsyncApexJob'] : [],
  relationshipName: null,
  childRelationshipName: null,
  polymorphic: false,
  picklistValues: undefined,
  length: type === 'id' || type === 'reference' ? 18 : 255,
  nillable: type !== 'id',
  idLookup: false,
  createable: type !== 'id',
  updateable: type !== 'id',
  defaultedOnCreate: type === 'id' || type === 'boolean',
  ...extra,
});
