import path from 'node:path';
import { MockOrg } from '../../src/mock-org/mock-org';
import type { DescribeResult } from '../../src/core/org';
import type { FixtureDocument } from '../../src/mock-org/fixtures/types';
import { fieldDeclsFromDescribe, objectDeclFromDescribe, schemaFromDescribes } from '../../src/recording/schema-from-describe';
import { customSchemaOrg } from './custom-schema-fixture';

const DEMO = path.join(__dirname, '../../fixtures/demo');

/** Every object's describe as the fake REST API answers it to the default user. */
async function describeAll(org: MockOrg): Promise<DescribeResult[]> {
  const api = org.overRestApi();
  return Promise.all(api.describeGlobal().sobjects.map((object) => api.describe(object.name)));
}

async function roundTrip(source: string | FixtureDocument): Promise<{ before: DescribeResult[]; after: DescribeResult[]; skipped: unknown[] }> {
  const before = await describeAll(await MockOrg.fromFixtures(source));
  const { schema, skipped } = schemaFromDescribes(before);
  const recorded = await MockOrg.fromFixtures({ schema });
  const after = await Promise.all(before.map((describe) => recorded.overRestApi().describe(describe.name)));
  return { before, after, skipped };
}

describe('schemaFromDescribes: describe → schema → a new mock org → the same describe', () => {
  test.each([
    ['the demo org', DEMO],
    ['an org with custom objects, picklists, multipicklists, polymorphic references and child relationships', customSchemaOrg()],
  ] as const)(
    '%s: every object describes exactly as before (every key of every field, key prefix, flags, childRelationships), nothing skipped',
    async (_name, source) => {
      const { before, after, skipped } = await roundTrip(source);
      expect(skipped).toEqual([]);
      expect(after.map((d) => d.name)).toEqual(before.map((d) => d.name));
      for (const [i, describe] of before.entries()) expect(after[i]).toEqual(describe);
    },
  );

  test('the custom fixture really exercises the cases: labels, multipicklists, polymorphic and named child relationships are in its describes', async () => {
    const { before } = await roundTrip(customSchemaOrg());
    const claim = before.find((d) => d.name === 'Claim__c')!;
    const field = (name: string) => claim.fields.find((f) => f.name === name)!;
    expect(field('Status__c').picklistValues.map((v) => v.label)).toEqual(['New', 'Open', 'closed']);
    expect(field('Perils__c').type).toBe('multipicklist');
    expect(field('Subject__c').polymorphicForeignKey).toBe(true);
    expect(field('External_Ref__c')).toMatchObject({ createable: true, updateable: false, idLookup: true });
    const account = before.find((d) => d.name === 'Account')!;
    expect(account.childRelationships).toEqual(
      expect.arrayContaining([expect.objectContaining({ childSObject: 'Claim__c', field: 'Account__c', relationshipName: 'Claims__r' })]),
    );
  });

  test('the demo org needs no schema at all: every built-in object declares no field beyond the catalog', async () => {
    const describes = await describeAll(await MockOrg.fromFixtures(DEMO));
    const { schema } = schemaFromDescribes(describes);
    for (const decl of Object.values(schema)) expect(decl.fields).toEqual({});
  });
});

describe('objectDeclFromDescribe: what it keeps and what it skips', () => {
  const base = (fields: Partial<DescribeResult['fields'][number]>[]): DescribeResult => ({
    name: 'Thing__c',
    label: 'Thing',
    keyPrefix: 'a09',
    queryable: true,
    retrieveable: true,
    createable: true,
    updateable: true,
    deletable: true,
    fields: fields.map((f) => ({
      name: 'X__c',
      label: 'X',
      type: 'string',
      nillable: true,
      filterable: true,
      idLookup: false,
      referenceTo: [],
      relationshipName: null,
      picklistValues: [],
      length: 255,
      createable: true,
      updateable: true,
      ...f,
    })),
  });

  test('types the mock org cannot hold are skipped with the reason; combobox, encryptedstring and long become string, string and int', () => {
    const { decl, skipped } = objectDeclFromDescribe(
      base([
        { name: 'At__c', type: 'time' },
        { name: 'Blob__c', type: 'base64' },
        { name: 'Where__c', type: 'address' },
        { name: 'Geo__c', type: 'location' },
        { name: 'Odd__c', type: 'weirdtype' },
        { name: 'Combo__c', type: 'combobox', picklistValues: [{ value: 'a', label: 'a', active: true, defaultValue: false }] },
        { name: 'Secret__c', type: 'encryptedstring', length: 175 },
        { name: 'Big__c', type: 'long', length: 0 },
      ]),
    );
    expect(skipped.map((s) => [s.field, s.type])).toEqual([
      ['At__c', 'time'],
      ['Blob__c', 'base64'],
      ['Where__c', 'address'],
      ['Geo__c', 'location'],
      ['Odd__c', 'weirdtype'],
    ]);
    expect(skipped[0]!.why).toMatch(/time/);
    expect(skipped[4]!.why).toBe('the mock org has no weirdtype fields');
    expect(decl.fields).toEqual({
      Combo__c: { type: 'string', label: 'X' },
      Secret__c: { type: 'string', label: 'X', length: 175 },
      Big__c: { type: 'int', label: 'X' },
    });
  });

  test('inactive picklist values are left out, the active ones kept in order', () => {
    const { decl } = objectDeclFromDescribe(
      base([
        {
          name: 'P__c',
          type: 'picklist',
          picklistValues: [
            { value: 'b', label: 'b', active: true, defaultValue: false },
            { value: 'old', label: 'old', active: false, defaultValue: false },
            { value: 'a', label: 'A', active: true, defaultValue: false },
          ],
        },
      ]),
    );
    expect(decl.fields.P__c).toEqual({ type: 'picklist', label: 'X', picklistValues: ['b', 'a'], picklistLabels: { a: 'A' } });
  });

  test('a reference to objects outside the recording keeps the known targets (then polymorphic) or is skipped when none is known', () => {
    const { decl, skipped } = objectDeclFromDescribe(
      base([
        { name: 'OwnerId', type: 'reference', referenceTo: ['Group', 'User'], relationshipName: 'Owner', length: 18, polymorphicForeignKey: true },
        { name: 'Opp__c', type: 'reference', referenceTo: ['Opportunity'], relationshipName: 'Opp__r', length: 18 },
        { name: 'Opp2__c', type: 'reference', referenceTo: ['Opportunity'], relationshipName: 'Opp2__r', length: 18 },
      ]),
      { knownObjects: ['Other__c'] },
    );
    expect(decl.fields.OwnerId).toEqual({ type: 'reference', label: 'X', referenceTo: ['User'], relationshipName: 'Owner', polymorphic: true });
    expect(skipped.map((s) => s.field)).toEqual(['Opp__c', 'Opp2__c']);
    expect(skipped[0]!.why).toBe('references Opportunity, which the recording does not include (record it with --objects)');
  });

  test('a recording of Account and Claim_Line__c only: the reference to the unrecorded Claim__c is skipped, the one to Account kept, and the schema loads', async () => {
    const org = await MockOrg.fromFixtures(customSchemaOrg());
    const account = await org.overRestApi().describe('Account');
    const lines = await org.overRestApi().describe('Claim_Line__c');
    const { schema, skipped } = schemaFromDescribes([account, lines]);
    expect(skipped.map((s) => `${s.object}.${s.field}`)).toEqual(['Claim_Line__c.Claim__c']);
    const recorded = await MockOrg.fromFixtures({ schema });
    const after = await recorded.overRestApi().describe('Claim_Line__c');
    expect(after.fields.map((f) => f.name)).toEqual(lines.fields.map((f) => f.name).filter((name) => name !== 'Claim__c'));
    expect(after.fields.find((f) => f.name === 'Any__c')).toEqual(lines.fields.find((f) => f.name === 'Any__c'));
  });

  test('a field the mock org refuses (two references giving one parent the same child relationship name) is skipped with its reason, the rest loads', async () => {
    const org = await MockOrg.fromFixtures(customSchemaOrg());
    const describes = await Promise.all(['Account', 'Claim__c'].map((name) => org.overRestApi().describe(name)));
    const account = describes[0]!;
    const rels = account.childRelationships as { field: string; relationshipName: string | null }[];
    const clashing = { ...account, childRelationships: rels.map((r) => (r.field === 'Subject__c' ? { ...r, relationshipName: 'Claims__r' } : r)) };
    const { schema, skipped } = schemaFromDescribes([clashing, describes[1]!]);
    expect(skipped).toEqual([
      { object: 'Claim__c', field: 'Subject__c', type: 'reference', why: 'childRelationshipName Claims__r is already used on Account by Claim__c.Account__c' },
    ]);
    await expect(MockOrg.fromFixtures({ schema })).resolves.toBeInstanceOf(MockOrg);
  });

  test("a catalog reference whose parents were not recorded keeps the catalog's child relationship name; a recorded parent's describe decides it", async () => {
    const api = (await MockOrg.fromFixtures(DEMO)).overRestApi();
    const item = await api.describe('InsuranceAsyncBulkRequestItem');
    expect(schemaFromDescribes([item]).schema.InsuranceAsyncBulkRequestItem!.fields).toEqual({});
    const job = await api.describe('AsyncApexJob');
    const rels = job.childRelationships as { field: string; childSObject: string; relationshipName: string | null }[];
    const unnamed = {
      ...job,
      childRelationships: rels.map((r) => (r.childSObject === 'InsuranceAsyncBulkRequestItem' ? { ...r, relationshipName: null } : r)),
    };
    const { schema } = schemaFromDescribes([item, unnamed]);
    expect(Object.keys(schema.InsuranceAsyncBulkRequestItem!.fields)).toEqual(['BatchJobId']);
    expect(schema.InsuranceAsyncBulkRequestItem!.fields.BatchJobId!.childRelationshipName).toBeUndefined();
    const recorded = (await MockOrg.fromFixtures({ schema })).overRestApi();
    expect((await recorded.describe('AsyncApexJob')).childRelationships).toEqual(unnamed.childRelationships);
  });

  test('an object without a key prefix is refused with a clear error naming it', () => {
    expect(() => objectDeclFromDescribe({ ...base([]), keyPrefix: null })).toThrow(
      'Thing__c cannot be recorded: its describe gives no 3-character key prefix (keyPrefix null).',
    );
  });

  test('a field name no record can hold is skipped', () => {
    const { decl, skipped } = objectDeclFromDescribe(base([{ name: 'constructor' }]));
    expect(decl.fields).toEqual({});
    expect(skipped).toEqual([{ field: 'constructor', type: 'string', why: 'is not a field name the mock org can store' }]);
  });
});

describe('fieldDeclsFromDescribe: the fields the records hold', () => {
  test('every field of the describe with its mock type, length and idLookup, less the unmappable and the skipped ones', async () => {
    const org = await MockOrg.fromFixtures(customSchemaOrg());
    const claim = await org.overRestApi().describe('Claim__c');
    const time = {
      name: 'At__c',
      label: 'At',
      type: 'time',
      nillable: true,
      filterable: true,
      idLookup: false,
      referenceTo: [],
      relationshipName: null,
      picklistValues: [],
      length: 0,
    };
    const fields = fieldDeclsFromDescribe({ ...claim, fields: [...claim.fields, time] }, [
      { object: 'Claim__c', field: 'Job__c', type: 'reference', why: 'test' },
    ]);
    expect(Object.keys(fields)).toEqual(claim.fields.map((f) => f.name).filter((name) => name !== 'Job__c'));
    expect(fields.External_Ref__c).toEqual({ type: 'string', label: 'External Ref', length: 40, nillable: true, idLookup: true });
    expect(fields.Subject__c).toMatchObject({ type: 'reference', referenceTo: ['Account', 'InsurancePolicy'] });
  });
});
