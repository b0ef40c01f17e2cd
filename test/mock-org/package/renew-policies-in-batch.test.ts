import { counts, demoOrg, POLICY, refusal, rows, tracking, MISSING } from './package-helpers';

const KEY = 'InsPolicyService:renewPoliciesInBatch';
const FIELDS = 'Id, Name, PriorPolicyId, OriginalPolicyId, ReferencePolicyNumber, EffectiveDate, ExpirationDate';
const renewalOf = (org: Awaited<ReturnType<typeof demoOrg>>['org'], prior: string) =>
  rows(org, `SELECT ${FIELDS} FROM InsurancePolicy WHERE PriorPolicyId = :prior`, { prior });

describe('InsPolicyService:renewPoliciesInBatch on the mock org', () => {
  test('one BatchApex job per jobSize policies under one bulk request, one item per job in sequence; the answer names them all', async () => {
    const { org } = await demoOrg();
    const answer = await org.callPackage(KEY, { policyIds: [POLICY.okafor, POLICY.novak, POLICY.haddad], jobSize: 2 });
    const jobIds = answer.jobIds as string[];
    expect(jobIds).toHaveLength(2);
    expect(answer.jobId).toBe(jobIds[0]);
    expect(answer.requestId).toMatch(/^0rf/);
    const [first, second] = jobIds.map((jobId) => tracking(org, jobId));
    expect(first!.job).toMatchObject({ JobType: 'BatchApex', Status: 'Queued', TotalJobItems: 1 });
    expect(first!.items.map((item) => [item.SequenceNumber, item.ReferenceRecordId, item.InsuranceAsyncBulkRequestId])).toEqual([
      [1, POLICY.okafor, answer.requestId],
    ]);
    expect(second!.items.map((item) => [item.SequenceNumber, item.ReferenceRecordId, item.InsuranceAsyncBulkRequestId])).toEqual([
      [2, POLICY.haddad, answer.requestId],
    ]);
    // A detail for each renewed policy and for its renewal.
    const renewals = [POLICY.okafor, POLICY.novak, POLICY.haddad].map((id) => renewalOf(org, id)[0]!.Id as string);
    expect(first!.details.map((detail) => detail.ReferenceRecordId).sort()).toEqual([POLICY.okafor, POLICY.novak, renewals[0], renewals[1]].sort());
    expect(second!.details.map((detail) => detail.ReferenceRecordId).sort()).toEqual([POLICY.haddad, renewals[2]].sort());
  });

  test('batchSize splits a job into batches (TotalJobItems); default jobSize is one policy per job', async () => {
    const { org } = await demoOrg();
    const batched = await org.callPackage(KEY, { policyIds: [POLICY.okafor, POLICY.novak, POLICY.haddad], jobSize: 3, batchSize: 2 });
    expect(tracking(org, batched.jobId as string).job!.TotalJobItems).toBe(2);
    const single = await org.callPackage(KEY, { policyIds: [POLICY.okafor, POLICY.novak] });
    expect((single.jobIds as string[]).length).toBe(2);
  });

  test('a renewal version starts when the old term ends and lasts as long, keeping the ReferencePolicyNumber and OriginalPolicyId', async () => {
    const { org } = await demoOrg();
    await org.callPackage(KEY, { policyIds: [POLICY.okafor, POLICY.haddad, POLICY.leeV2] });
    expect(renewalOf(org, POLICY.okafor)[0]).toMatchObject({
      Name: 'Home - Okafor',
      ReferencePolicyNumber: 'HOME-2026-0800',
      OriginalPolicyId: POLICY.okafor,
      EffectiveDate: '2027-01-01T00:00:00.000+0000',
      ExpirationDate: '2028-01-01T00:00:00.000+0000',
    });
    // A six-month term renews for six months.
    expect(renewalOf(org, POLICY.haddad)[0]).toMatchObject({ EffectiveDate: '2027-01-01T00:00:00.000+0000', ExpirationDate: '2027-07-01T00:00:00.000+0000' });
    expect(renewalOf(org, POLICY.leeV2)[0]).toMatchObject({ OriginalPolicyId: POLICY.leeV1, EffectiveDate: '2027-03-01T00:00:00.000+0000' });
  });

  test('each job follows its own timeline: a rule matching one policy fails only the job holding it; the request is Failed once all end', async () => {
    const { org, advance, status } = await demoOrg({
      asyncJobs: {
        rules: [
          {
            service: KEY,
            when: { policyIds: POLICY.novak },
            timeline: [{ after: '1s', Status: 'Completed', NumberOfErrors: 1, ExtendedStatus: 'First error: renewal rating failed' }],
          },
        ],
      },
    });
    const answer = await org.callPackage(KEY, { policyIds: [POLICY.okafor, POLICY.novak] });
    const [okJob, failedJob] = answer.jobIds as string[];
    advance(1000);
    expect(await status(POLICY.novak)).toEqual({ status: 'Failed', jobId: failedJob, errorCode: 'INVOKE-200', error: 'First error: renewal rating failed' });
    expect((await status(POLICY.okafor)).status).toBe('InProgress');
    expect(tracking(org, failedJob!).details.map((detail) => detail.Status)).toEqual(['Failed', 'Failed']);
    expect(tracking(org, okJob!).requests[0]!.Status).toBe('In Progress');
    advance(2000);
    expect((await status(renewalOf(org, POLICY.okafor)[0]!.Id as string)).status).toBe('Success');
    expect(tracking(org, okJob!).requests[0]!.Status).toBe('Failed');
  });

  test('unknown policy Ids are NOT_FOUND naming each; multi-root policies INVALID_INPUT naming each; nothing is written', async () => {
    const { org } = await demoOrg();
    const before = counts(org);
    const unknown = await refusal(org.callPackage(KEY, { policyIds: [POLICY.okafor, MISSING.policy, MISSING.otherPolicy] }));
    expect([unknown.code, unknown.message]).toEqual(['NOT_FOUND', `No policy found with policyId ${MISSING.policy}, ${MISSING.otherPolicy}.`]);
    const multiRoot = await refusal(org.callPackage(KEY, { policyIds: [POLICY.okafor, POLICY.globexParent, POLICY.globexAuto] }));
    expect([multiRoot.code, multiRoot.message]).toEqual([
      'INVALID_INPUT',
      `Multi-root policies cannot be renewed: ${POLICY.globexParent}, ${POLICY.globexAuto}.`,
    ]);
    expect(counts(org)).toEqual(before);
  });
});
