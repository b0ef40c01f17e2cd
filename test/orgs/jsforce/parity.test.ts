import { createEmulator } from '../../../src/ipemu';
import { MockOrg, DEMO_FIXTURES } from '../../../src/mock-org/mock-org';
import { startMockRestServer } from '../../../src/mock-org/rest/server';
import { connectOrg } from '../../../src/orgs/jsforce/connect';
import { runServiceSuite } from '../../services/ins-policy-service/get-policy-async-job-status.suite';
import { jsforceOverRest } from './jsforce-over-rest';

const KEY = 'InsPolicyService:getPolicyAsyncJobStatus';

runServiceSuite('jsforce over REST', jsforceOverRest);

describe('API requests a call costs, measured through /limits', () => {
  async function limitsRemaining(instanceUrl: string, token: string): Promise<number> {
    const res = await fetch(`${instanceUrl}/services/data/v64.0/limits`, { headers: { authorization: `Bearer ${token}` } });
    const body = (await res.json()) as { DailyApiRequests: { Remaining: number } };
    return body.DailyApiRequests.Remaining;
  }

  it('200 concurrent jobId invocations cost at most 12 REST requests after the first call', async () => {
    const server = await startMockRestServer({ org: await MockOrg.fromFixtures(DEMO_FIXTURES) });
    try {
      const org = await connectOrg({ instanceUrl: server.instanceUrl, accessToken: server.accessToken, maxRetries: 0 });
      const emulator = createEmulator({ org });
      expect((await emulator.invoke(KEY, { jobId: '7075j00004uK6GjAAK' })).status).toBe('Success');
      const before = await limitsRemaining(server.instanceUrl, server.accessToken);
      const jobIds = ['7075j00004uK6GjAAK', '7075j000000002lAAA', '7075j000000002mAAA', '7075j000000002nAAA', '7075j000000099zAAA'];
      const outs = await Promise.all(Array.from({ length: 200 }, (_, i) => emulator.invoke(KEY, { jobId: jobIds[i % jobIds.length] })));
      const spent = before - (await limitsRemaining(server.instanceUrl, server.accessToken));
      expect(outs.slice(0, 5).map((o) => o.status ?? o.errorCode)).toEqual(['Success', 'WaitingToProcess', 'InProgress', 'Success', 'INVOKE-404']);
      expect(spent).toBeGreaterThanOrEqual(1);
      expect(spent).toBeLessThanOrEqual(12);
    } finally {
      await server.close();
    }
  });

  it('one call on a fresh connection costs one describe plus one query per object read', async () => {
    const server = await startMockRestServer({ org: await MockOrg.fromFixtures(DEMO_FIXTURES) });
    try {
      const org = await connectOrg({ instanceUrl: server.instanceUrl, accessToken: server.accessToken, maxRetries: 0 });
      const emulator = createEmulator({ org });
      await emulator.invoke(KEY, { jobId: '7075j00004uK6GjAAK' });
      const first = server.requestCount();
      await emulator.invoke(KEY, { jobId: '7075j00004uK6GjAAK' });
      expect(first).toBe(2); // describe AsyncApexJob + one query
      expect(server.requestCount() - first).toBe(1); // describe is cached
    } finally {
      await server.close();
    }
  });
});
