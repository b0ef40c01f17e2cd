import type { DescribeResult } from '../../src/core/org';
import { isOrgError } from '../../src/core/org';
import type { FixtureDocument } from '../../src/mock-org/fixtures/types';
import { MockOrg } from '../../src/mock-org/mock-org';
import { fixtureUserFromDescribes } from '../../src/recording/fixture-user';
import { schemaFromDescribes } from '../../src/recording/schema-from-describe';
import { customSchemaOrg } from './custom-schema-fixture';

const RESTRICTED = {
  hiddenObjects: ['AsyncApexJob', 'Quote', 'Claim_Line__c'],
  hiddenFields: ['InsurancePolicy.ReferencePolicyNumber', 'InsuranceAsyncBulkRecordDetail.ReferenceRecordId', 'User.Email', 'Claim__c.Notes__c'],
  readOnlyFields: ['InsurancePolicy.Name', 'InsurancePolicy.ParentPolicyId', 'Product2.IsActive', 'Claim__c.Amount__c'],
};

function orgWithAgent(): FixtureDocument {
  return { ...customSchemaOrg(), users: { admin: { default: true }, agent: RESTRICTED } };
}

/** What the recorder passes: each object's describe as the running user, 'hidden' where describe refuses it. */
async function describedAs(org: MockOrg, names: readonly string[]): Promise<Map<string, DescribeResult | 'hidden'>> {
  const described = new Map<string, DescribeResult | 'hidden'>();
  for (const name of names) {
    try {
      described.set(name, await org.describe(name));
    } catch (err) {
      if (!isOrgError(err) || !['NOT_FOUND', 'INVALID_TYPE'].includes(err.errorCode)) throw err;
      described.set(name, 'hidden');
    }
  }
  return described;
}

describe('fixtureUserFromDescribes: the running user as a fixture user', () => {
  test('a user with hidden objects, hidden fields and read-only fields on built-in objects gives back exactly those lists; custom ones are left to the schema', async () => {
    const admin = await MockOrg.fromFixtures(orgWithAgent());
    const names = admin.describeGlobal().sobjects.map((object) => object.name);
    const agent = admin.asUser('agent').overRestApi();
    const user = fixtureUserFromDescribes(await describedAs(agent, names));
    const builtIn = (list: string[]) => list.filter((entry) => !entry.includes('__c')).sort();
    expect(user.default).toBe(true);
    expect([...(user.hiddenObjects ?? [])].sort()).toEqual(builtIn(RESTRICTED.hiddenObjects));
    expect([...(user.hiddenFields ?? [])].sort()).toEqual(builtIn(RESTRICTED.hiddenFields));
    expect([...(user.readOnlyFields ?? [])].sort()).toEqual(builtIn(RESTRICTED.readOnlyFields));
  });

  test('a user who sees and may write everything is just { default: true }', async () => {
    const admin = await MockOrg.fromFixtures(orgWithAgent());
    const names = admin.describeGlobal().sobjects.map((object) => object.name);
    expect(fixtureUserFromDescribes(await describedAs(admin.overRestApi(), names))).toEqual({ default: true });
  });

  test("the recorded schema and user load into an org whose describes, as that user, equal the source's as the restricted user", async () => {
    const admin = await MockOrg.fromFixtures(orgWithAgent());
    const names = admin.describeGlobal().sobjects.map((object) => object.name);
    const agent = admin.asUser('agent').overRestApi();
    const described = await describedAs(agent, names);
    const visible = [...described.values()].filter((d): d is DescribeResult => d !== 'hidden');
    const { schema, skipped } = schemaFromDescribes(visible);
    // Claim_Line__c is hidden, so nothing is recorded about it; Claim__c's Notes__c is not in its describe.
    expect(skipped).toEqual([]);
    const recorded = (await MockOrg.fromFixtures({ schema, users: { agent: fixtureUserFromDescribes(described) } })).overRestApi();
    expect(
      await describedAs(
        recorded,
        names.filter((name) => name !== 'Claim_Line__c'),
      ),
    ).toEqual(new Map([...described].filter(([name]) => name !== 'Claim_Line__c')));
  });
});
