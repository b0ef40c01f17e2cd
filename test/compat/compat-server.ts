import { Connection } from 'jsforce';
import { DEMO_FIXTURES, MockOrg } from '../../src/mock-org/mock-org';
import type { FixtureDocument } from '../../src/mock-org/fixtures/types';
import { startMockRestServer, type MockRestServer } from '../../src/mock-org/rest/server';

/** A real `mock-org serve` (loopback, port 0) on a fresh org, for clients no one here wrote. */
export interface CompatServer {
  org: MockOrg;
  server: MockRestServer;
  /** jsforce on the server's startup token (the default user), as a user would build it. */
  tokenConnection(options?: { instanceUrl?: string; version?: string }): Connection;
  close(): Promise<void>;
}

export async function startCompatServer(fixtures: FixtureDocument | string = DEMO_FIXTURES): Promise<CompatServer> {
  const org = await MockOrg.fromFixtures(fixtures);
  const server = await startMockRestServer({ org });
  return {
    org,
    server,
    tokenConnection: (options = {}) =>
      new Connection({
        instanceUrl: options.instanceUrl ?? server.instanceUrl,
        accessToken: server.accessToken,
        version: options.version ?? '64.0',
        maxRequest: 2,
      }),
    close: async () => {
      await server.close();
      await org.close();
    },
  };
}

/** What a failed jsforce call rejected with: its errorCode and message. */
export async function failureOf(call: PromiseLike<unknown>): Promise<{ errorCode?: string; message: string }> {
  try {
    await call;
  } catch (err) {
    const { errorCode, message } = err as { errorCode?: string; message: string };
    return { errorCode, message };
  }
  throw new Error('the call succeeded');
}
