import type { DescribeResult } from '../../src/core/org';
import { MockOrg } from '../../src/mock-org/mock-org';
import { PicklistStrays } from '../../src/recording/picklist-strays';
import { schemaFromDescribes } from '../../src/recording/schema-from-describe';
import { makeId } from '../../src/salesforce/ids';
import { customSchemaOrg } from './custom-schema-fixture';

/** Claim__c as an org would describe it after 'closed' (Status__c) and 'Theft' (Perils__c) were made inactive. */
async function describesWithInactiveValues(): Promise<DescribeResult[]> {
  const api = (await MockOrg.fromFixtures(customSchemaOrg())).overRestApi();
  const describes = await Promise.all(['Account', 'Claim__c', 'InsurancePolicy'].map((name) => api.describe(name)));
  const claim = describes[1]!;
  claim.fields = claim.fields.map((field) => ({
    ...field,
    picklistValues: field.picklistValues.map((entry) => (['closed', 'Theft'].includes(entry.value) ? { ...entry, active: false } : entry)),
  }));
  return describes;
}

const POLICY = makeId('0YT', 1);
const records = {
  InsurancePolicy: [{ Id: POLICY, Name: 'P-1', Status: 'Draft' }],
  Claim__c: [
    { Id: makeId('a01', 1), Name: 'C-1', Policy__c: POLICY, Status__c: 'closed', Perils__c: 'Fire;Theft' },
    { Id: makeId('a01', 2), Name: 'C-2', Policy__c: POLICY, Status__c: 'open', Perils__c: 'Flood' },
  ],
  AsyncApexJob: [{ Id: makeId('707', 1), Status: 'Waiting', JobType: 'Queueable' }],
};

describe('PicklistStrays: record values beyond the declared picklist values', () => {
  test('without widening, records holding inactive or unknown picklist values do not load (the case this exists for)', async () => {
    const { schema } = schemaFromDescribes(await describesWithInactiveValues());
    await expect(MockOrg.fromFixtures({ schema, records })).rejects.toThrow(/not a valid picklist value/);
  });

  test('noted records widen the custom and the built-in picklists (catalog values kept first); the fixture then loads and keeps the values', async () => {
    const { schema } = schemaFromDescribes(await describesWithInactiveValues());
    const strays = new PicklistStrays(schema);
    for (const [object, list] of Object.entries(records)) for (const record of list) strays.note(object, record);
    expect(strays.widen()).toEqual([
      { object: 'Claim__c', field: 'Status__c', values: ['closed'] },
      { object: 'Claim__c', field: 'Perils__c', values: ['Theft'] },
      { object: 'AsyncApexJob', field: 'Status', values: ['Waiting'] },
    ]);
    expect(schema.Claim__c!.fields.Status__c!.picklistValues).toEqual(['new', 'open', 'closed']);
    expect(schema.AsyncApexJob!.fields.Status!.picklistValues).toEqual([
      'Holding',
      'Queued',
      'Preparing',
      'Processing',
      'Aborted',
      'Completed',
      'Failed',
      'Waiting',
    ]);
    const org = await MockOrg.fromFixtures({ schema, records });
    expect(org.querySync('SELECT Status__c, Perils__c FROM Claim__c ORDER BY Name').records.map((r) => [r.Status__c, r.Perils__c])).toEqual([
      ['closed', 'Fire;Theft'],
      ['open', 'Flood'],
    ]);
  });

  test('records holding only declared values widen nothing', async () => {
    const { schema } = schemaFromDescribes(await describesWithInactiveValues());
    const strays = new PicklistStrays(schema);
    strays.note('Claim__c', records.Claim__c[1]!);
    expect(strays.widen()).toEqual([]);
  });
});
