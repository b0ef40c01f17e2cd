import { MockOrg } from '../../../src/mock-org/mock-org';
import { validateFixtures } from '../../../src/mock-org/fixtures/load';
import { formatProblem } from '../../../src/mock-org/fixtures/problems';
import type { FixtureDocument } from '../../../src/mock-org/fixtures/types';
import { accountsOrg } from '../subquery-fixture';
import { eventsOrg } from '../polymorphic-fixture';

const messages = (doc: FixtureDocument) => validateFixtures(doc).map(formatProblem);

const entry = (childSObject: string, field: string, relationshipName: string | null) => ({
  cascadeDelete: false,
  childSObject,
  deprecatedAndHidden: false,
  field,
  junctionIdListNames: [],
  junctionReferenceTo: [],
  relationshipName,
  restrictedDelete: false,
});

describe("describe's childRelationships", () => {
  test('every reference to the object, sorted by child object and field; one without a child name has relationshipName null', async () => {
    const org = await MockOrg.fromFixtures(accountsOrg());
    expect(org.describeSync('Account').childRelationships).toEqual([
      entry('Contact', 'AccountId', 'Contacts'),
      entry('InsuranceAsyncBulkRequest', 'AccountId', null),
      entry('Opportunity', 'AccountId', 'Opportunities'),
    ]);
  });

  test("the built-in catalog's parents name their children (QuoteLineItems on Quote, the Insurance objects' items and details)", async () => {
    const org = await MockOrg.fromFixtures({});
    expect(org.describeSync('Quote').childRelationships).toEqual([entry('QuoteLineItem', 'QuoteId', 'QuoteLineItems')]);
    expect(org.describeSync('InsuranceAsyncBulkRequest').childRelationships).toContainEqual(
      entry('InsuranceAsyncBulkRequestItem', 'InsuranceAsyncBulkRequestId', 'InsuranceAsyncBulkRequestItems'),
    );
    expect(org.describeSync('InsurancePolicy').childRelationships).toEqual(
      expect.arrayContaining([
        entry('InsuranceAsyncBulkRecordDetail', 'ReferenceRecordId', 'InsuranceAsyncBulkRecordDetails'),
        entry('InsuranceAsyncBulkRequestItem', 'ReferenceRecordId', 'InsuranceAsyncBulkRequestItems'),
      ]),
    );
  });

  test('(ipemu) a child object or reference field the user cannot read is left out', async () => {
    const org = await MockOrg.fromFixtures(accountsOrg());
    const names = (user: string) => (org.asUser(user).describeSync('Account').childRelationships as { childSObject: string }[]).map((r) => r.childSObject);
    expect(names('noContacts')).toEqual(['InsuranceAsyncBulkRequest', 'Opportunity']);
    expect(names('noAccountLink')).toEqual(['InsuranceAsyncBulkRequest', 'Opportunity']);
  });
});

describe('the childRelationshipName fixture key', () => {
  const withContacts = (fields: Record<string, unknown>): FixtureDocument =>
    ({
      schema: { Account: { keyPrefix: '001', fields: { Name: { type: 'string' } } }, Contact: { keyPrefix: '003', fields } },
    }) as never;

  test('is unique per parent object (case-insensitively)', () => {
    const found = messages(
      withContacts({
        AccountId: { type: 'reference', referenceTo: ['Account'], childRelationshipName: 'Contacts' },
        OtherAccountId: { type: 'reference', referenceTo: ['Account'], childRelationshipName: 'contacts' },
      }),
    );
    expect(found).toContain('schema.Contact: field OtherAccountId: childRelationshipName contacts is already used on Account by Contact.AccountId');
  });

  test('the same name on two parents is fine', () => {
    expect(
      messages(
        withContacts({
          AccountId: { type: 'reference', referenceTo: ['Account'], childRelationshipName: 'Contacts' },
          OwnerId: { type: 'reference', referenceTo: ['User'], childRelationshipName: 'Contacts' },
        }),
      ),
    ).toEqual([]);
  });

  test('must be an API name, no JavaScript Object member, and only on a reference', () => {
    const found = messages(
      withContacts({
        AccountId: { type: 'reference', referenceTo: ['Account'], childRelationshipName: 'valueOf' },
        Nickname: { type: 'string', childRelationshipName: 'Nicknames' },
      }),
    );
    expect(found).toEqual(
      expect.arrayContaining([
        'schema.Contact: field AccountId: childRelationshipName must be a name, and not the name of a JavaScript Object member',
        'schema.Contact: field Nickname: childRelationshipName is only for reference fields',
      ]),
    );
    expect(messages(withContacts({ AccountId: { type: 'reference', referenceTo: ['Account'], childRelationshipName: 'Two words' } })).join('\n')).toMatch(
      /childRelationshipName/,
    );
  });
});

describe("Salesforce's standard child relationship names", () => {
  test('a standard reference declared without a name gets Salesforce’s (Contact.AccountId → Contacts); a declared name wins; custom objects get none', async () => {
    const org = await MockOrg.fromFixtures({
      schema: {
        Account: { keyPrefix: '001', fields: { Name: { type: 'string' } } },
        Contact: { keyPrefix: '003', fields: { AccountId: { type: 'reference', referenceTo: ['Account'] } } },
        Opportunity: { keyPrefix: '006', fields: { AccountId: { type: 'reference', referenceTo: ['Account'], childRelationshipName: 'Deals' } } },
        Widget__c: { keyPrefix: 'a01', fields: { AccountId: { type: 'reference', referenceTo: ['Account'] } } },
      },
    });
    const named = (org.describeSync('Account').childRelationships as { childSObject: string; relationshipName: string | null }[]).map((r) => [
      r.childSObject,
      r.relationshipName,
    ]);
    expect(named).toEqual([
      ['Contact', 'Contacts'],
      ['InsuranceAsyncBulkRequest', null],
      ['Opportunity', 'Deals'],
      ['Widget__c', null],
    ]);
  });

  test("a polymorphic reference's name is on each object it points to: Event.WhatId gives Account and Opportunity their Events", async () => {
    const org = await MockOrg.fromFixtures(eventsOrg());
    const { records } = await org.query('SELECT Name, (SELECT Subject FROM Events) FROM Account');
    expect(records.map((r) => [r.Name, (r.Events as { records: { Subject: string }[] }).records.map((e) => e.Subject)])).toEqual([['Acme', ['a']]]);
    const deals = await org.query('SELECT Name, (SELECT Subject FROM Events) FROM Opportunity');
    expect(deals.records.map((r) => (r.Events as { totalSize: number }).totalSize)).toEqual([1]);
  });
});
