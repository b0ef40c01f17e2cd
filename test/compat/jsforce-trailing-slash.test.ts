import nock from 'nock';
import { BULK_JOBS, POLICY_ID, restFixtures } from '../mock-org/rest/rest-fixtures';
import { startCompatServer, type CompatServer } from './compat-server';

/**
 * jsforce 3.10.16 given an instance URL with a trailing slash (as the sf CLI stores it, and as
 * users paste it): every URL it builds then starts `//services/…`, the nextRecordsUrl follow-ups too.
 */

let compat: CompatServer;
beforeAll(async () => {
  // nock's interceptor (test/setup-network.ts) reads a request path `//services/…` as a
  // protocol-relative URL, host "services", and refuses it as a net connect; the request itself
  // still goes to 127.0.0.1. Without nock (a user's process) there is nothing to allow.
  nock.enableNetConnect((host) => /^(127\.0\.0\.1|localhost|services)(:\d+)?$/.test(host));
  compat = await startCompatServer(restFixtures());
});
afterAll(async () => {
  await compat.close();
});

const slashed = () => compat.tokenConnection({ instanceUrl: `${compat.server.instanceUrl}/` });

describe('jsforce with a trailing-slash instanceUrl', () => {
  it('query with autoFetch follows every nextRecordsUrl to the last row', async () => {
    const result = await slashed().query<{ Id: string }>('SELECT Id FROM AsyncApexJob').run({ autoFetch: true, maxFetch: 10_000 });
    expect({ totalSize: result.totalSize, rows: result.records.length, distinct: new Set(result.records.map((r) => r.Id)).size }).toEqual({
      totalSize: BULK_JOBS,
      rows: BULK_JOBS,
      distinct: BULK_JOBS,
    });
  });

  it('retrieve, describe, limits and identity answer as without the slash', async () => {
    const plain = compat.tokenConnection();
    const conn = slashed();
    expect(await conn.sobject('InsurancePolicy').retrieve(POLICY_ID)).toEqual(await plain.sobject('InsurancePolicy').retrieve(POLICY_ID));
    expect((await conn.describe('InsurancePolicy')).name).toBe('InsurancePolicy');
    expect((await conn.limits()).DailyApiRequests?.Max).toBeGreaterThan(0);
    const identity = await conn.identity();
    expect(identity.user_id).toBe(compat.org.userId);
  });
});
