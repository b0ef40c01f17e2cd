/**
 * The embedded demo IPs (procedures/demo) on the demo mock org: each answers what fixtures/demo's
 * README says of the rows it reads, and the demo test procedure passes.
 */
import { createEmulator, DEMO_PROCEDURES } from '../../../src/ipemu';
import { compileLibrary } from '../../../src/procedures/library';
import { loadDefinitions } from '../../../src/procedures/loader';
import { host } from '../run-helpers';
import { DEMO_FIXTURES, MockOrg } from '../../../src/mock-org/mock-org';

describe('the demo procedures', () => {
  const set = loadDefinitions([DEMO_PROCEDURES]);
  const lib = compileLibrary(set, { clock: () => Date.UTC(2026, 10, 20) });
  const run = (key: string, input: Record<string, unknown>, options = {}) => lib.run(key, input, options, host());

  it('load and compile without a problem', () => {
    expect(set.problems).toEqual([]);
    expect(lib.problems).toEqual([]);
    expect(lib.list().map((p) => [p.key, p.isTest, p.format])).toEqual([
      ['InsPolicy_DemoTests', true, 'datapack-expanded'],
      ['InsPolicy_JobStatusSummary', false, 'datapack-expanded'],
      ['InsPolicy_StartMultiRootPolicy', false, 'datapack-expanded'],
      ['InsPolicy_StatusByReference', false, 'datapack-expanded'],
    ]);
    expect(set.dataMappers.map((d) => d.name)).toEqual(['DRExtractPolicyByReference']);
  });

  describe('InsPolicy_JobStatusSummary', () => {
    it('summarises a Completed job as done and succeeded (the documentation sample, by reference number)', async () => {
      expect(await run('InsPolicy_JobStatusSummary', { referencePolicyNumber: 'AUTO-2026-000123' })).toEqual({
        IPResult: { jobId: '7075j00004uK6GjAAK', status: 'Success', done: true, succeeded: true, summary: 'Job 7075j00004uK6GjAAK finished successfully.' },
        errorCode: 'INVOKE-200',
        error: 'OK',
      });
    });

    it('summarises a Failed job with its error as done and not succeeded', async () => {
      const out = await run('InsPolicy_JobStatusSummary', { policyId: '0YT5w00000000GpGAI' });
      expect(out.IPResult).toEqual({
        jobId: '7075j000000002KAAQ',
        status: 'Failed',
        error: 'First error: Apex CPU time limit exceeded',
        done: true,
        succeeded: false,
        summary: 'Job 7075j000000002KAAQ ended with status Failed: First error: Apex CPU time limit exceeded',
      });
    });

    it('summarises an Aborted job like a failed one', async () => {
      expect((await run('InsPolicy_JobStatusSummary', { policyId: '0YT5w00000000GrGAI' })).IPResult).toMatchObject({
        status: 'Aborted',
        done: true,
        succeeded: false,
        error: 'The job was aborted.',
      });
    });

    it('summarises a job still running as not done (the else branch)', async () => {
      expect((await run('InsPolicy_JobStatusSummary', { jobId: '7075j000000002mAAA' })).IPResult).toEqual({
        jobId: '7075j000000002mAAA',
        status: 'InProgress',
        done: false,
        succeeded: false,
        summary: 'Job 7075j000000002mAAA is not finished yet (InProgress).',
      });
    });

    it("answers the service's refusal in the summary (a policy with no job: INVOKE-404)", async () => {
      const out = await run('InsPolicy_JobStatusSummary', { policyId: '0YT5w00000000GSGAY' });
      expect(out.errorCode).toBe('INVOKE-200');
      expect(out.IPResult).toMatchObject({ done: false, succeeded: false, status: 'Unknown', errorCode: 'INVOKE-404' });
      expect((out.IPResult as { summary: string }).summary).toMatch(/^The job status could not be read: No asynchronous job found for policy/);
    });

    it('uses its mockResponseMap in a test run instead of calling the service', async () => {
      const h = host();
      const out = await lib.run('InsPolicy_JobStatusSummary', { referencePolicyNumber: 'AUTO-2026-000123' }, { test: true }, h);
      expect(h.calls).toEqual([]);
      expect(out.IPResult).toMatchObject({ jobId: '7075j000000MOCKAAA', status: 'Failed', done: true });
    });
  });

  describe('InsPolicy_StatusByReference', () => {
    it('finds one policy through the Data Mapper Extract and reads its status', async () => {
      expect((await run('InsPolicy_StatusByReference', { referencePolicyNumber: 'AUTO-2026-000123' })).IPResult).toEqual({
        found: true,
        referencePolicyNumber: 'AUTO-2026-000123',
        policies: [{ policyId: '0YT5w000000Y8MNGA0', name: 'Auto - Jane Doe', status: 'Success', jobId: '7075j00004uK6GjAAK', error: 'OK' }],
      });
    });

    it('loops over every version sharing a reference number, one status each', async () => {
      const out = await run('InsPolicy_StatusByReference', { referencePolicyNumber: 'HOME-2025-0042' });
      const policies = (out.IPResult as { policies: { policyId: string; status: string }[] }).policies;
      expect(policies.map((p) => p.policyId).sort()).toEqual(['0YT5w00000000G9GAI', '0YT5w00000000GAGAY', '0YT5w00000000GBGAY']);
      expect(policies.find((p) => p.policyId === '0YT5w00000000GBGAY')?.status).toBe('Success');
    });

    it('answers found: false with a StatusCode 404 header for an unknown reference number', async () => {
      const out = await run('InsPolicy_StatusByReference', { referencePolicyNumber: 'NOPE-0000' });
      expect(out).toMatchObject({
        errorCode: 'INVOKE-200',
        IPResult: { found: false, referencePolicyNumber: 'NOPE-0000' },
        responseHeaders: { StatusCode: 404 },
      });
    });
  });

  it('InsPolicy_DemoTests passes every assert in a test run', async () => {
    const out = await run('InsPolicy_DemoTests', {}, { test: true });
    expect(out.errorCode).toBe('INVOKE-200');
    expect(out.asserts).toEqual([
      { name: 'SummaryIsDone', passed: true, message: '' },
      { name: 'SummaryNamesFailure', passed: true, message: '' },
      { name: 'ReferenceFound', passed: true, message: '' },
      { name: 'ReferenceSucceeded', passed: true, message: '' },
    ]);
  });

  it('outside a test run InsPolicy_DemoTests applies no mockResponseMap (it reads LIFE-2026-0099) and answers no asserts', async () => {
    const plain = await run('InsPolicy_DemoTests', {});
    expect(plain).not.toHaveProperty('asserts');
    expect(plain.IPResult).toMatchObject({
      ReferenceInput: { referencePolicyNumber: 'LIFE-2026-0099' },
      Summary: { status: 'Unknown', errorCode: 'INVOKE-404' },
      ByReference: { found: true },
    });
  });
});

describe('the demo procedures through createEmulator (the embedded demo org and procedures)', () => {
  const emu = createEmulator();
  afterAll(() => emu.close());

  it('lists them and runs InsPolicy_JobStatusSummary as the quick start does', async () => {
    expect(emu.procedures()).toEqual(expect.arrayContaining(['InsPolicy_DemoTests', 'InsPolicy_JobStatusSummary', 'InsPolicy_StatusByReference']));
    expect(await emu.runProcedure('InsPolicy_JobStatusSummary', { referencePolicyNumber: 'AUTO-2026-000123' })).toEqual({
      IPResult: { jobId: '7075j00004uK6GjAAK', status: 'Success', done: true, succeeded: true, summary: 'Job 7075j00004uK6GjAAK finished successfully.' },
      errorCode: 'INVOKE-200',
      error: 'OK',
    });
  });

  it('passes InsPolicy_DemoTests in a test run', async () => {
    const out = await emu.runProcedure('InsPolicy_DemoTests', {}, { test: true });
    expect((out.asserts as { passed: boolean }[]).every((a) => a.passed)).toBe(true);
  });
});

describe('InsPolicy_StartMultiRootPolicy (starts a job through createMultiRootPolicy as Remote Options)', () => {
  let now = Date.UTC(2026, 11, 1, 9, 0, 0);
  const org = MockOrg.fromFixturesSync(DEMO_FIXTURES, { clock: () => now });
  const emu = createEmulator({ org });
  afterAll(() => emu.close());

  it('answers the new job waiting to process; the job is found from the new parent policy and reaches Success 3 s later', async () => {
    const out = await emu.runProcedure('InsPolicy_StartMultiRootPolicy', { quoteId: '0Q05w0000000001CAA', effectiveDate: '2027-01-01' });
    expect(out).toEqual({
      IPResult: { jobId: expect.stringMatching(/^707/), quoteId: '0Q05w0000000001CAA', status: 'WaitingToProcess' },
      errorCode: 'INVOKE-200',
      error: 'OK',
    });
    const jobId = (out.IPResult as { jobId: string }).jobId;
    const parent = org.querySync("SELECT Id FROM InsurancePolicy WHERE ReferencePolicyNumber LIKE 'MRP-%' AND ParentPolicyId = null").records[0]!;
    expect(await emu.invoke('InsPolicyService:getPolicyAsyncJobStatus', { policyId: parent.Id })).toMatchObject({ jobId, status: 'WaitingToProcess' });
    now += 3000;
    expect(await emu.invoke('InsPolicyService:getPolicyAsyncJobStatus', { jobId })).toEqual({ status: 'Success', jobId, errorCode: 'INVOKE-200', error: 'OK' });
  });

  it("fails the run with the starter's INVOKE-404 for an unknown quote, naming the Remote Action", async () => {
    expect(await emu.runProcedure('InsPolicy_StartMultiRootPolicy', { quoteId: '0Q05w0000000099CAA', effectiveDate: '2027-01-01' })).toMatchObject({
      errorCode: 'INVOKE-404',
      error: expect.stringContaining('No quote found with quoteId'),
      details: { element: 'StartPolicy' },
    });
  });
});
