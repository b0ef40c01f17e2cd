import type { Org } from '../../src/core/org';
import type { FixtureDocument } from '../../src/mock-org/fixtures/types';
import { MockOrg } from '../../src/mock-org/mock-org';
import { startMockRestServer, type MockRestServer } from '../../src/mock-org/rest/server';
import { connectOrg } from '../../src/orgs/jsforce/connect';
import { createEmulator } from '../../src/ipemu';
import { runParity, type ParityOptions, type ParityReport } from '../../src/parity/run-parity';

/** One instant for both orgs, so timeline jobs (fixtures/demo) stand at the same point on each side. */
export const FROZEN = (): number => Date.parse('2026-11-20T12:00:00.000Z');

export interface ParityPair {
  /** The "real org": jsforce 3.10.16 over loopback to startMockRestServer on `real`. */
  org: Org;
  /** The recorded mock, in process. */
  mock: MockOrg;
  server: MockRestServer;
  close(): Promise<void>;
}

/** `realSource` served over REST as the org, `mockSource` (default the same) loaded in process as the mock. */
export async function parityPair(realSource: string | FixtureDocument, mockSource = realSource, mockUser?: string, apiVersion?: string): Promise<ParityPair> {
  const real = await MockOrg.fromFixtures(realSource, { clock: FROZEN });
  const server = await startMockRestServer({ org: real });
  const org = await connectOrg({ instanceUrl: server.instanceUrl, accessToken: server.accessToken, maxRetries: 0, ...(apiVersion ? { apiVersion } : {}) });
  const mock = await MockOrg.fromFixtures(mockSource, { clock: FROZEN, ...(mockUser ? { user: mockUser } : {}) });
  return {
    org,
    mock,
    server,
    close: async () => {
      await org.close?.();
      await mock.close();
      await server.close();
    },
  };
}

export function parityOn(pair: ParityPair, extra: Partial<ParityOptions> = {}): Promise<ParityReport> {
  return runParity({
    org: pair.org,
    mock: pair.mock,
    emulate: (org, orgLayer) => createEmulator({ org, orgLayer, procedures: false }),
    ...extra,
  });
}
