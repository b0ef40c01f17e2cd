import { createEmulator } from '../../../src/ipemu';
import { MockOrg, DEMO_FIXTURES } from '../../../src/mock-org/mock-org';
import { runServiceSuite, OrgFactory } from './get-policy-async-job-status.suite';
import { countingOrg } from './counting-org';

const KEY = 'InsPolicyService:getPolicyAsyncJobStatus';

const inProcessMockOrg: OrgFactory = async (fixtures, user) => {
  const org = await MockOrg.fromFixtures(fixtures, { user });
  // An in-process org holds no connection or server.
  return { org, close: async () => undefined };
};

runServiceSuite('in-process MockOrg', inProcessMockOrg);

describe('the demo org (fixtures/demo/README.md)', () => {
  async function demo(input: Record<string, unknown>, user?: string, clock?: () => number) {
    const emulator = createEmulator({ org: await MockOrg.fromFixtures(DEMO_FIXTURES, { user, clock }) });
    return emulator.invoke(KEY, input);
  }

  it('answers the documentation sample exactly', async () => {
    const out = await demo({ jobId: '7075j00004uK6GjAAK' });
    expect(JSON.stringify(out)).toBe('{"status":"Success","jobId":"7075j00004uK6GjAAK","errorCode":"INVOKE-200","error":"OK"}');
    expect(await demo({ policyId: '0YT5w000000Y8MNGA0' })).toEqual(out);
  });

  it.each([
    [{ referencePolicyNumber: 'HOME-2025-0042' }, 'INVOKE-200', '7075j000000001rAAA'],
    [{ policyId: '0YT5w00000000GBGAY' }, 'INVOKE-200', '7075j000000001qAAA'],
    [{ referencePolicyNumber: 'COMM-2026-0007' }, 'INVOKE-400', undefined],
    [{ referencePolicyNumber: 'COMM-2026-0007-A' }, 'INVOKE-400', undefined],
    [{ policyId: '0YT5w00000000GIGAY' }, 'INVOKE-200', '7075j000000001xAAA'],
    [{ referencePolicyNumber: 'LIFE-2026-0099' }, 'INVOKE-404', undefined],
    [{ referencePolicyNumber: 'AUTO-2026-0310' }, 'INVOKE-200', '7075j0000000029AAA'],
    [{ referencePolicyNumber: 'FLEET-2026-0002' }, 'INVOKE-200', '7075j000000002KAAQ'],
    [{ referencePolicyNumber: 'AUTO-2019-0007' }, 'INVOKE-404', undefined],
  ])('%j → %s %s', async (input, errorCode, jobId) => {
    const out = await demo(input);
    expect(out.errorCode).toBe(errorCode);
    expect(out.jobId).toBe(jobId);
  });

  it.each([
    ['agent', { referencePolicyNumber: 'HOME-2025-0042' }, 'InsurancePolicy.ReferencePolicyNumber'],
    ['auditor', { jobId: '7075j00004uK6GjAAK' }, 'AsyncApexJob.Status'],
    ['clerk', { policyId: '0YT5w000000Y8MNGA0' }, 'InsuranceAsyncBulkRecordDetail.ReferenceRecordId'],
  ])('user %s gets 403 for %j', async (user, input, field) => {
    const out = await demo(input, user);
    expect(out.errorCode).toBe('INVOKE-403');
    expect((out.details as { fields: string[] }).fields).toContain(field);
  });

  it('the timeline job moves Queued → Processing (2 s) → Completed (6 s)', async () => {
    let now = Date.UTC(2026, 10, 20);
    const org = await MockOrg.fromFixtures(DEMO_FIXTURES, { clock: () => now });
    const emulator = createEmulator({ org });
    const status = async () => (await emulator.invoke(KEY, { referencePolicyNumber: 'AUTO-2026-0500' })).status;
    expect(await status()).toBe('WaitingToProcess');
    now += 2_500;
    expect(await status()).toBe('InProgress');
    now += 4_000;
    expect(await status()).toBe('Success');
  });
});

describe('request coalescing through the emulator (issue 3 item 3)', () => {
  it('200 concurrent jobId invocations cost at most 12 org requests, describe included after the first call', async () => {
    const counter = countingOrg(await MockOrg.fromFixtures(DEMO_FIXTURES));
    const emulator = createEmulator({ org: counter });
    await emulator.invoke(KEY, { jobId: '7075j00004uK6GjAAK' });
    counter.reset();
    const jobIds = ['7075j00004uK6GjAAK', '7075j000000002lAAA', '7075j000000002mAAA', '7075j000000002nAAA', '7075j000000099zAAA'];
    const outs = await Promise.all(Array.from({ length: 200 }, (_, i) => emulator.invoke(KEY, { jobId: jobIds[i % jobIds.length] })));
    expect(counter.queries.length + counter.describes.length).toBeLessThanOrEqual(12);
    expect(counter.describes).toEqual([]);
    // Each caller still gets its own answer.
    expect(outs.map((o) => o.status ?? o.errorCode).slice(0, 5)).toEqual(['Success', 'WaitingToProcess', 'InProgress', 'Success', 'INVOKE-404']);
  });

  it('200 concurrent policyId / referencePolicyNumber invocations also merge', async () => {
    const counter = countingOrg(await MockOrg.fromFixtures(DEMO_FIXTURES));
    const emulator = createEmulator({ org: counter });
    await emulator.invoke(KEY, { referencePolicyNumber: 'AUTO-2026-000123' });
    counter.reset();
    const inputs = [
      { policyId: '0YT5w000000Y8MNGA0' },
      { referencePolicyNumber: 'HOME-2025-0042' },
      { policyId: '0YT5w00000000GcGAI' },
      { referencePolicyNumber: 'LIFE-2026-0099' },
    ];
    const outs = await Promise.all(Array.from({ length: 200 }, (_, i) => emulator.invoke(KEY, inputs[i % inputs.length])));
    expect(counter.queries.length).toBeLessThanOrEqual(12);
    expect(outs.slice(0, 4).map((o) => o.jobId ?? o.errorCode)).toEqual(['7075j00004uK6GjAAK', '7075j000000001rAAA', '7075j0000000029AAA', 'INVOKE-404']);
  });

  it('a sequential loop sends one query per invocation', async () => {
    const counter = countingOrg(await MockOrg.fromFixtures(DEMO_FIXTURES));
    const emulator = createEmulator({ org: counter });
    for (let i = 0; i < 5; i++) expect((await emulator.invoke(KEY, { jobId: '7075j00004uK6GjAAK' })).status).toBe('Success');
    expect(counter.queries).toHaveLength(5);
    expect(counter.describes).toEqual(['AsyncApexJob']);
  });
});
