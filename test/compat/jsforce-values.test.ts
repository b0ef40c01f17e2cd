import { mockUserId } from '../../src/mock-org/schema/users';
import { ACC, E_ACC, E_OPP, eventsOrg, OPP } from '../mock-org/polymorphic-fixture';
import { failureOf, startCompatServer, type CompatServer } from './compat-server';

/** jsforce 3.10.16 over loopback reads issue 16's value features: TYPEOF, multi-select picklists, toLabel()/FORMAT(). */

const V = '/services/data/v64.0';

function fixture() {
  const doc = eventsOrg();
  doc.users = { 'ann@example.com': { default: true } };
  doc.schema!.Account!.fields.Tags__c = { type: 'multipicklist', picklistValues: ['Gold', 'Silver', 'Bronze'], picklistLabels: { Gold: 'Gold tier' } };
  doc.records!.Account = [{ ...doc.records!.Account![0]!, Tags__c: 'Gold;Bronze' }];
  doc.records!.User = [{ Id: mockUserId(0), LocaleSidKey: 'en_US', TimeZoneSidKey: 'America/New_York' }];
  return doc;
}

let compat: CompatServer;
beforeAll(async () => {
  compat = await startCompatServer(fixture());
});
afterAll(async () => {
  await compat.close();
});

describe('jsforce over loopback', () => {
  it('TYPEOF: each What is a record of its own object, attributes.type the real object', async () => {
    const result = await compat
      .tokenConnection()
      .query<Record<string, unknown>>('SELECT Id, TYPEOF What WHEN Account THEN Name, Phone WHEN Opportunity THEN Amount END FROM Event ORDER BY Subject');
    const byId = Object.fromEntries(result.records.map((r) => [r.Id as string, r]));
    expect(byId[E_ACC]!.What).toEqual({ attributes: { type: 'Account', url: `${V}/sobjects/Account/${ACC}` }, Name: 'Acme', Phone: '555-0100' });
    expect(byId[E_OPP]!.What).toEqual({ attributes: { type: 'Opportunity', url: `${V}/sobjects/Opportunity/${OPP}` }, Amount: 5000 });
  });

  it('INCLUDES, toLabel() and FORMAT() with aliases come back under their keys', async () => {
    const result = await compat
      .tokenConnection()
      .query<Record<string, unknown>>(
        "SELECT Tags__c, toLabel(Tags__c) tagLabels, FORMAT(CreatedDate) created FROM Account WHERE Tags__c INCLUDES ('Gold;Bronze')",
      );
    expect(result.totalSize).toBe(1);
    expect(result.records[0]).toMatchObject({ Tags__c: 'Gold;Bronze', tagLabels: 'Gold tier;Bronze' });
    expect(result.records[0]!.created).toMatch(/^\d{1,2}\/\d{1,2}\/\d{4}, \d{1,2}:\d\d (AM|PM)$/);
  });

  it('EXCLUDES on a field that is no multi-select picklist fails with Salesforce-style errorCode', async () => {
    const failure = await failureOf(compat.tokenConnection().query("SELECT Id FROM Account WHERE Name EXCLUDES ('x')"));
    expect(failure).toMatchObject({ errorCode: 'INVALID_QUERY_FILTER_OPERATOR', message: 'includes or excludes operator only valid on multipicklist field' });
  });

  it('describe: a multi-select picklist reads as type multipicklist with its labels', async () => {
    const describe = await compat.tokenConnection().sobject('Account').describe();
    const field = describe.fields.find((f) => f.name === 'Tags__c')!;
    expect(field.type).toBe('multipicklist');
    expect(field.picklistValues!.map((p) => p.label)).toEqual(['Gold tier', 'Silver', 'Bronze']);
  });
});
