import nock from 'nock';
import { createEmulator } from '../../src/ipemu';
import { connectOrg } from '../../src/orgs/jsforce/connect';
import type { JsforceOrg } from '../../src/orgs/jsforce/jsforce-org';

/**
 * Opt-in: runs only with SF_INSTANCE_URL and SF_ACCESS_TOKEN set (e.g. from
 * `sf org auth show-access-token --json`). Records what the mock org must match.
 */
const instanceUrl = process.env.SF_INSTANCE_URL;
const accessToken = process.env.SF_ACCESS_TOKEN;
const live = instanceUrl && accessToken ? describe : describe.skip;

const KEY = 'InsPolicyService:getPolicyAsyncJobStatus';
const STATUSES = ['WaitingToProcess', 'InProgress', 'Success', 'Failed', 'Aborted'];

live('a real org (SF_INSTANCE_URL, SF_ACCESS_TOKEN)', () => {
  let org: JsforceOrg;

  beforeAll(async () => {
    // test/setup-network.ts blocks the network; this suite is the one place allowed out, to this host only.
    nock.enableNetConnect(new URL(instanceUrl as string).host);
    org = await connectOrg({ instanceUrl, accessToken, apiVersion: process.env.SF_API_VERSION ?? '64.0' });
  });

  it('reads AsyncApexJob in the REST shape', async () => {
    const result = await org.query('SELECT Id, Status, NumberOfErrors, ExtendedStatus, CreatedDate FROM AsyncApexJob ORDER BY CreatedDate DESC LIMIT 5');
    expect(typeof result.totalSize).toBe('number');
    expect(result.done).toBe(true);
    for (const record of result.records) {
      expect(record.attributes.type).toBe('AsyncApexJob');
      expect(String(record.Id)).toMatch(/^707[0-9A-Za-z]{15}$/);
      expect(typeof record.Status).toBe('string');
    }
    const describe = await org.describe('AsyncApexJob');
    expect(describe.fields.map((f) => f.name)).toEqual(expect.arrayContaining(['Id', 'Status', 'CreatedDate']));
  });

  it('answers the service with the documented output shape', async () => {
    const latest = await org.query<{ Id: string }>('SELECT Id FROM AsyncApexJob ORDER BY CreatedDate DESC LIMIT 1');
    const emulator = createEmulator({ org });
    if (latest.records.length === 0) {
      expect((await emulator.invoke(KEY, { jobId: '7075j00004uK6GjAAK' })).errorCode).toBe('INVOKE-404');
      return;
    }
    const jobId = latest.records[0]!.Id;
    const out = await emulator.invoke(KEY, { jobId });
    expect(Object.keys(out)).toEqual(['status', 'jobId', 'errorCode', 'error']);
    expect(STATUSES).toContain(out.status);
    expect(out).toMatchObject({ jobId, errorCode: 'INVOKE-200' });
    expect(typeof out.error).toBe('string');
    expect(JSON.stringify(out)).not.toContain(accessToken as string);
  });
});
