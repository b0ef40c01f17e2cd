import path from 'node:path';
import type { DescribeResult } from '../../../src/core/org';
import type { FixtureDocument } from '../../../src/mock-org/fixtures/types';
import { MockOrg } from '../../../src/mock-org/mock-org';
import { startMockRestServer } from '../../../src/mock-org/rest/server';
import { connectOrg } from '../../../src/orgs/jsforce/connect';
import { fixtureUserFromDescribes } from '../../../src/recording/fixture-user';
import { schemaFromDescribes } from '../../../src/recording/schema-from-describe';
import { customSchemaOrg } from '../custom-schema-fixture';

const DEMO = path.join(__dirname, '../../../fixtures/demo');

/** Every object's describe as jsforce 3.10.16 reads it from `mock-org serve`'s REST API over loopback. */
async function describeOverHttp(source: string | FixtureDocument): Promise<DescribeResult[]> {
  const mock = await MockOrg.fromFixtures(source);
  const server = await startMockRestServer({ org: mock });
  try {
    const org = await connectOrg({ instanceUrl: server.instanceUrl, accessToken: server.accessToken, maxRetries: 0 });
    try {
      const global = await org.connection.describeGlobal();
      return await Promise.all(global.sobjects.map(async (object) => (await org.connection.describe(object.name)) as unknown as DescribeResult));
    } finally {
      await org.close?.();
    }
  } finally {
    await server.close();
  }
}

describe('the recorded schema from describes jsforce reads over HTTP', () => {
  test.each([
    ['the demo org', DEMO],
    ['the custom-object org', customSchemaOrg()],
  ] as const)('%s: schema and user from the wire describes load into an org that describes (over HTTP again) exactly the same', async (_name, source) => {
    const before = await describeOverHttp(source);
    const { schema, skipped } = schemaFromDescribes(before);
    expect(skipped).toEqual([]);
    const user = fixtureUserFromDescribes(new Map(before.map((describe) => [describe.name, describe])));
    expect(user).toEqual({ default: true });
    const after = await describeOverHttp({ schema, users: { recorder: user } });
    expect(after).toEqual(before);
  });
});
