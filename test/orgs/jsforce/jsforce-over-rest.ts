import { MockOrg } from '../../../src/mock-org/mock-org';
import { startMockRestServer } from '../../../src/mock-org/rest/server';
import { connectOrg } from '../../../src/orgs/jsforce/connect';
import type { Org } from '../../../src/core/org';
import type { FixtureDocument } from '../../../src/mock-org/fixtures/types';

/** jsforce, unmodified, over loopback HTTP to the fake REST API on the same fixtures (a document or a path). */
export async function jsforceOverRest(fixtures: FixtureDocument | string, user?: string): Promise<{ org: Org; close(): Promise<void> }> {
  const mock = await MockOrg.fromFixtures(fixtures, { user });
  const server = await startMockRestServer({ org: mock });
  const org = await connectOrg({ instanceUrl: server.instanceUrl, accessToken: server.accessToken, apiVersion: '64.0', maxRetries: 0 });
  return {
    org,
    close: async () => {
      await org.close();
      await server.close();
    },
  };
}
