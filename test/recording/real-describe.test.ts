import type { DescribeResult, FieldDescribe } from '../../src/core/org';
import { MockOrg } from '../../src/mock-org/mock-org';
import { schemaFromDescribes } from '../../src/recording/schema-from-describe';

/** A describe field shaped as a real org answers it (more keys than the mock org writes). */
function field(name: string, type: string, extra: Partial<FieldDescribe> = {}): FieldDescribe {
  return {
    name,
    label: name,
    type,
    nillable: true,
    filterable: true,
    idLookup: false,
    referenceTo: [],
    relationshipName: null,
    picklistValues: [],
    length: ['string', 'textarea', 'picklist', 'email', 'phone', 'url'].includes(type) ? 255 : type === 'id' || type === 'reference' ? 18 : 0,
    createable: true,
    updateable: true,
    calculated: false,
    autoNumber: false,
    externalId: false,
    unique: false,
    precision: 0,
    scale: 0,
    soapType: 'xsd:string',
    ...extra,
  };
}

const SYSTEM = { createable: false, updateable: false, nillable: false };

/** A custom object as a real org describes it: Owner, RecordType, audit fields, a compound address and geolocation, an auto-number Name, children from unrecorded objects. */
const claimDescribe: DescribeResult = {
  name: 'Claim__c',
  label: 'Claim',
  labelPlural: 'Claims',
  keyPrefix: 'a0X',
  custom: true,
  queryable: true,
  retrieveable: true,
  createable: true,
  updateable: true,
  deletable: true,
  fields: [
    field('Id', 'id', { ...SYSTEM, label: 'Record ID', idLookup: true }),
    field('OwnerId', 'reference', {
      label: 'Owner ID',
      referenceTo: ['Group', 'User'],
      relationshipName: 'Owner',
      polymorphicForeignKey: true,
      nillable: false,
    }),
    field('IsDeleted', 'boolean', { ...SYSTEM, label: 'Deleted' }),
    field('Name', 'string', { label: 'Claim Number', autoNumber: true, createable: false, updateable: false, idLookup: true, length: 80, nameField: true }),
    field('RecordTypeId', 'reference', { label: 'Record Type ID', referenceTo: ['RecordType'], relationshipName: 'RecordType' }),
    field('CreatedDate', 'datetime', { ...SYSTEM, label: 'Created Date' }),
    field('CreatedById', 'reference', { ...SYSTEM, label: 'Created By ID', referenceTo: ['User'], relationshipName: 'CreatedBy' }),
    field('LastModifiedDate', 'datetime', { ...SYSTEM, label: 'Last Modified Date' }),
    field('LastModifiedById', 'reference', { ...SYSTEM, label: 'Last Modified By ID', referenceTo: ['User'], relationshipName: 'LastModifiedBy' }),
    field('SystemModstamp', 'datetime', { ...SYSTEM, label: 'System Modstamp' }),
    field('LastViewedDate', 'datetime', { createable: false, updateable: false, label: 'Last Viewed Date' }),
    field('Policy__c', 'reference', { label: 'Policy', referenceTo: ['InsurancePolicy'], relationshipName: 'Policy__r' }),
    field('Loss__c', 'address', { label: 'Loss Address', createable: false, updateable: false }),
    field('Loss__Street__s', 'textarea', { label: 'Loss Address (Street)' }),
    field('Site__c', 'location', { label: 'Site' }),
    field('Site__Latitude__s', 'double', { label: 'Site (Latitude)' }),
    field('Reported_At__c', 'time', { label: 'Reported At' }),
    field('Total__c', 'currency', { label: 'Total', calculated: true, createable: false, updateable: false }),
  ],
  childRelationships: [
    {
      cascadeDelete: true,
      childSObject: 'Claim__History',
      field: 'ParentId',
      relationshipName: 'Histories',
      deprecatedAndHidden: false,
      junctionIdListNames: [],
      junctionReferenceTo: [],
      restrictedDelete: false,
    },
    {
      cascadeDelete: false,
      childSObject: 'ContentDocumentLink',
      field: 'LinkedEntityId',
      relationshipName: 'ContentDocumentLinks',
      deprecatedAndHidden: false,
      junctionIdListNames: [],
      junctionReferenceTo: [],
      restrictedDelete: false,
    },
  ],
};

describe('schemaFromDescribes on a describe shaped like a real org', () => {
  test('Owner narrows to User (polymorphic), RecordType and the compound/time fields are skipped with reasons, the rest loads and describes the same', async () => {
    const { schema, skipped } = schemaFromDescribes([claimDescribe]);
    expect(skipped.map((s) => `${s.field}: ${s.why}`)).toEqual([
      'RecordTypeId: references RecordType, which the recording does not include (record it with --objects)',
      'Loss__c: a compound field: the mock org records its parts (…Street, …City, …) as their own fields',
      'Site__c: a compound field: the mock org records its parts (…__Latitude__s, …__Longitude__s) as their own fields',
      'Reported_At__c: the mock org has no time-of-day fields',
    ]);
    expect(schema.Claim__c!.fields.OwnerId).toEqual({
      type: 'reference',
      label: 'Owner ID',
      referenceTo: ['User'],
      relationshipName: 'Owner',
      polymorphic: true,
      nillable: false,
    });
    const described = await (await MockOrg.fromFixtures({ schema })).overRestApi().describe('Claim__c');
    const kept = claimDescribe.fields.filter((f) => !skipped.some((s) => s.field === f.name));
    expect(described.fields.map((f) => f.name).sort()).toEqual(kept.map((f) => f.name).sort());
    for (const want of kept) {
      const got = described.fields.find((f) => f.name === want.name)!;
      const keys = ['type', 'label', 'length', 'nillable', 'idLookup', 'createable', 'updateable', 'relationshipName'] as const;
      expect([want.name, Object.fromEntries(keys.map((k) => [k, got[k]]))]).toEqual([want.name, Object.fromEntries(keys.map((k) => [k, want[k]]))]);
    }
    expect(described.keyPrefix).toBe('a0X');
  });
});
