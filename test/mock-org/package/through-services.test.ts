import { demoOrg, MISSING, POLICY, QUOTE, rows } from './package-helpers';

/*
 * The starters end to end: the services layer checks the input and calls org.callPackage, the
 * mock org's package writes, and the status services read what it wrote.
 */

describe('the job starters through emu.invoke on the mock org', () => {
  test('createMultiRootPolicy with a 15-character quoteId answers the jobId, and getPolicyAsyncJobStatus polls it to Success', async () => {
    const { emu, org, advance, status } = await demoOrg();
    const out = await emu.invoke('InsPolicyService:createMultiRootPolicy', { quoteId: QUOTE.twoRoots.slice(0, 15), effectiveDate: '2026-12-15' });
    expect(out).toEqual({ jobId: expect.stringMatching(/^707/), errorCode: 'INVOKE-200', error: 'OK' });
    const parentId = rows(org, "SELECT Id FROM InsurancePolicy WHERE Name = 'Acme Fleet & Property'")[0]!.Id as string;
    advance(3000);
    expect(await status(parentId)).toEqual({ status: 'Success', jobId: out.jobId, errorCode: 'INVOKE-200', error: 'OK' });
  });

  test("the package's refusals become INVOKE codes: unknown quote 404, no root product 400, a multi-root policy to endorse 400", async () => {
    const { emu } = await demoOrg();
    expect(await emu.invoke('InsPolicyService:createMultiRootPolicy', { quoteId: MISSING.quote, effectiveDate: '2026-12-15' })).toMatchObject({
      errorCode: 'INVOKE-404',
      error: `No quote found with quoteId ${MISSING.quote}.`,
    });
    expect(await emu.invoke('InsPolicyService:createMultiRootPolicy', { quoteId: QUOTE.noRoot, effectiveDate: '2026-12-15' })).toMatchObject({
      errorCode: 'INVOKE-400',
    });
    expect(await emu.invoke('InsPolicyService:createOutOfSequencePolicyVersion', { policyId: POLICY.globexParent, effectiveDate: '2026-04-15' })).toMatchObject(
      {
        errorCode: 'INVOKE-400',
      },
    );
  });

  test('getOutOfSequenceEndorsementStatus by the endorsed version finds the endorsement job', async () => {
    const { emu, advance } = await demoOrg();
    const out = await emu.invoke('InsPolicyService:createOutOfSequencePolicyVersion', { policyId: POLICY.leeV2, effectiveDate: '2026-04-15' });
    expect(out.errorCode).toBe('INVOKE-200');
    advance(1000);
    expect(await emu.invoke('InsPolicyService:getOutOfSequenceEndorsementStatus', { policyId: POLICY.leeV2 })).toEqual({
      status: 'InProgress',
      jobId: out.jobId,
      errorCode: 'INVOKE-200',
      error: 'OK',
    });
  });

  test('renewPoliciesInBatch answers jobId, jobIds and requestId; getRequestStatusById counts its jobs as they end', async () => {
    const { emu, advance } = await demoOrg({
      asyncJobs: {
        rules: [{ service: 'InsPolicyService:renewPoliciesInBatch', when: { policyIds: POLICY.haddad }, timeline: [{ after: '2s', Status: 'Failed' }] }],
      },
    });
    const out = await emu.invoke('InsPolicyService:renewPoliciesInBatch', { policyIds: [POLICY.okafor, POLICY.novak, POLICY.haddad], jobSize: 2 });
    expect(out).toMatchObject({ errorCode: 'INVOKE-200', jobIds: [out.jobId, expect.stringMatching(/^707/)], requestId: expect.stringMatching(/^0rf/) });
    const request = () => emu.invoke('InsAsyncBulkService:getRequestStatusById', { requestId: out.requestId });
    expect(await request()).toMatchObject({ status: 'In Progress', jobCount: 2, pendingJobCount: 2, successfulJobCount: 0, failedJobCount: 0 });
    advance(3000);
    expect(await request()).toMatchObject({ status: 'Failed', jobCount: 2, pendingJobCount: 0, successfulJobCount: 1, failedJobCount: 1 });
  });
});
