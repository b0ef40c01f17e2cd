import path from 'node:path';
import type { DescribeResult, SObjectRecord } from '../../src/core/org';
import type { FixtureRecord } from '../../src/mock-org/fixtures/types';
import { MockOrg } from '../../src/mock-org/mock-org';
import { createAnonymizer } from '../../src/recording/anonymize';
import { fixtureUserFromDescribes } from '../../src/recording/fixture-user';
import { fieldDeclsFromDescribe, schemaFromDescribes } from '../../src/recording/schema-from-describe';

const DEMO = path.join(__dirname, '../../fixtures/demo');
const OBJECTS = [
  'AsyncApexJob',
  'InsurancePolicy',
  'InsuranceAsyncBulkRequest',
  'InsuranceAsyncBulkRequestItem',
  'InsuranceAsyncBulkRecordDetail',
  'Quote',
  'QuoteLineItem',
  'Product2',
];

/** Every record of an object through the REST view, attributes dropped: what the recorder writes. */
function recordsOf(org: MockOrg, describe: DescribeResult): FixtureRecord[] {
  const fields = describe.fields.map((f) => f.name).join(', ');
  return org.querySync(`SELECT ${fields} FROM ${describe.name} ORDER BY Id`).records.map(({ attributes: _attributes, ...record }: SObjectRecord) => record);
}

describe('an anonymized recording of the demo org (the pieces together, as the recorder uses them)', () => {
  test('loads as fixtures; Ids, references, statuses, numbers and dates equal the source; every name, reference number and free text is replaced; shared reference numbers stay shared', async () => {
    const source = (await MockOrg.fromFixtures(DEMO)).overRestApi();
    const describes = await Promise.all(OBJECTS.map((name) => source.describe(name)));
    const { schema, skipped } = schemaFromDescribes(describes);
    const anonymizer = createAnonymizer('demo-salt');
    const before: Record<string, FixtureRecord[]> = {};
    const after: Record<string, FixtureRecord[]> = {};
    for (const describe of describes) {
      const fields = fieldDeclsFromDescribe(describe, skipped);
      before[describe.name] = recordsOf(source, describe);
      after[describe.name] = before[describe.name]!.map((record) => anonymizer.anonymizeRecord(describe.name, fields, record));
    }
    const user = fixtureUserFromDescribes(new Map(describes.map((d) => [d.name, d])));
    const recorded = (await MockOrg.fromFixtures({ schema, users: { recorder: user }, records: after })).overRestApi();
    for (const describe of describes) {
      const fields = fieldDeclsFromDescribe(describe, skipped);
      const reread = recordsOf(recorded, describe);
      expect(reread).toEqual(after[describe.name]);
      for (const [i, record] of before[describe.name]!.entries()) {
        for (const [field, value] of Object.entries(record)) {
          const freeText = ['string', 'textarea', 'email', 'phone', 'url'].includes(fields[field]!.type);
          if (freeText && value !== null) expect([describe.name, field, reread[i]![field]]).not.toEqual([describe.name, field, value]);
          else expect([describe.name, field, reread[i]![field]]).toEqual([describe.name, field, value]);
        }
      }
    }
    // Two versions of one policy share their reference number in the demo org; so do their fakes.
    const numbers = (records: FixtureRecord[]) => records.map((r) => r.ReferencePolicyNumber);
    const shared = (list: unknown[]) => list.filter((v, i) => v !== null && list.indexOf(v) !== i).length;
    expect(shared(numbers(after.InsurancePolicy!))).toBe(shared(numbers(before.InsurancePolicy!)));
    expect(shared(numbers(before.InsurancePolicy!))).toBeGreaterThan(0);
  });
});
