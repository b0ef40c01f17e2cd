import { createEmulator, openOrg } from '../src/ipemu';
import { MockOrg, DEMO_FIXTURES } from '../src/mock-org/mock-org';
import type { Binds, Org, QueryOptions } from '../src/core/org';

const KEY = 'InsPolicyService:getPolicyAsyncJobStatus';

/** Counts the queries that reach the org below the emulator. */
async function countingDemoOrg(): Promise<{ org: Org; queries: () => number }> {
  const mock = await MockOrg.fromFixtures(DEMO_FIXTURES);
  let count = 0;
  const org: Org = {
    cacheKey: mock.cacheKey,
    query: (soql: string, binds?: Binds, options?: QueryOptions) => {
      count++;
      return mock.query(soql, binds, options);
    },
    describe: (sobject) => mock.describe(sobject),
  };
  return { org, queries: () => count };
}

describe('the composition root (src/ipemu.ts)', () => {
  it('registers the built-in services before plugins', () => {
    expect(
      createEmulator()
        .services()
        .map((s) => s.key),
    ).toEqual([
      KEY,
      'InsPolicyService:getOutOfSequenceEndorsementStatus',
      'InsPolicyService:createMultiRootPolicy',
      'InsPolicyService:createMultiRootPolicyVersion',
      'InsPolicyService:createOutOfSequencePolicyVersion',
      'InsPolicyService:renewPoliciesInBatch',
      'InsAsyncBulkService:getRequestStatusById',
      'InsAsyncBulkService:getRequestStatusByUser',
    ]);
  });

  it('answers from the embedded demo org when no org is given', async () => {
    await expect(createEmulator().invoke(KEY, { jobId: '7075j00004uK6GjAAK' })).resolves.toMatchObject({ errorCode: 'INVOKE-200', status: 'Success' });
  });

  it('puts the coalescing layer over a given org: concurrent invocations share their queries', async () => {
    const { org, queries } = await countingDemoOrg();
    const emu = createEmulator({ org });
    const outs = await Promise.all(Array.from({ length: 20 }, () => emu.invoke(KEY, { jobId: '7075j00004uK6GjAAK' })));
    expect(outs.every((o) => o.errorCode === 'INVOKE-200')).toBe(true);
    expect(queries()).toBeLessThanOrEqual(2);
  });
});

describe('openOrg: the org-flag precedence', () => {
  it('opens a mock org on fixtures, as the named user', async () => {
    const org = (await openOrg({ fixtures: DEMO_FIXTURES, user: 'agent' }, {})) as MockOrg;
    expect(org).toBeInstanceOf(MockOrg);
    expect(org.userName).toBe('agent');
  });

  it('falls back to the embedded demo org with no flag and no SF_* env', async () => {
    const org = (await openOrg({}, {})) as MockOrg;
    expect(org).toBeInstanceOf(MockOrg);
    expect(await org.query('SELECT Id FROM AsyncApexJob WHERE Id = :id', { id: '7075j00004uK6GjAAK' })).toMatchObject({ totalSize: 1 });
  });

  it.each([
    [
      { fixtures: DEMO_FIXTURES, instanceUrl: 'http://127.0.0.1:1' },
      '--fixtures selects a mock org; it cannot be combined with --instance-url, --access-token or --target-org.',
    ],
    [{ accessToken: 'tok-123456' }, '--access-token needs --instance-url (or env SF_INSTANCE_URL).'],
    [{ instanceUrl: 'http://127.0.0.1:1' }, '--instance-url needs --access-token (or env SF_ACCESS_TOKEN).'],
    [{ instanceUrl: 'http://127.0.0.1:1', accessToken: 'tok-123456', user: 'agent' }, '--user names a mock org user; it does not apply to a real org.'],
  ])('refuses %j: %s', async (selection, message) => {
    await expect(openOrg(selection, {})).rejects.toMatchObject({ code: 'INVALID_INPUT', message });
  });

  it('takes SF_* credentials from the environment before the demo org, and --user then does not apply', async () => {
    const env = { SF_INSTANCE_URL: 'http://127.0.0.1:1', SF_ACCESS_TOKEN: 'tok-123456' };
    await expect(openOrg({ user: 'agent' }, env)).rejects.toMatchObject({ message: '--user names a mock org user; it does not apply to a real org.' });
  });
});
