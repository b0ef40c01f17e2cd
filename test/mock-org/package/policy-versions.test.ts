import { counts, demoOrg, POLICY, PRODUCT, QUOTE, refusal, rows, tracking, MISSING } from './package-helpers';

const VERSION = 'InsPolicyService:createMultiRootPolicyVersion';
const OUT_OF_SEQUENCE = 'InsPolicyService:createOutOfSequencePolicyVersion';
const FIELDS =
  'Id, Name, ParentPolicyId, PriorPolicyId, OriginalPolicyId, ProductId, ReferencePolicyNumber, EffectiveDate, ExpirationDate, IsPolicyEditLocked, UniversalPolicyNumber';

describe('InsPolicyService:createMultiRootPolicyVersion on the mock org', () => {
  test("writes a new parent version and one child per root product of the endorsement quote, continuing the prior version's children by product", async () => {
    const { org } = await demoOrg();
    const { jobId } = await org.callPackage(VERSION, { policyId: POLICY.globexParent, quoteId: QUOTE.globexEndorsement, effectiveDate: '2026-08-01' });
    const [parent] = rows(org, `SELECT ${FIELDS} FROM InsurancePolicy WHERE PriorPolicyId = :prior`, { prior: POLICY.globexParent });
    expect(parent).toMatchObject({
      Name: 'Commercial - Globex Industries',
      ParentPolicyId: null,
      OriginalPolicyId: POLICY.globexParent,
      ReferencePolicyNumber: 'COMM-2026-0100',
      EffectiveDate: '2026-08-01T00:00:00.000+0000',
      ExpirationDate: '2027-02-01T00:00:00.000+0000',
    });
    const children = rows(org, `SELECT ${FIELDS} FROM InsurancePolicy WHERE ParentPolicyId = :parentId ORDER BY Name`, { parentId: parent!.Id as string });
    expect(children.map((child) => [child.Name, child.ProductId, child.PriorPolicyId, child.OriginalPolicyId, child.ReferencePolicyNumber])).toEqual([
      ['Commercial - Globex Industries / Auto', PRODUCT.AUTO, POLICY.globexAuto, POLICY.globexAuto, 'COMM-2026-0100'],
      // Cyber is new in the endorsement quote: a new child, with no prior.
      ['Commercial - Globex Industries / Cyber', PRODUCT.CYBER, null, null, 'COMM-2026-0100'],
      ['Commercial - Globex Industries / Property', PRODUCT.PROP, POLICY.globexProperty, POLICY.globexProperty, 'COMM-2026-0100'],
    ]);
    const { details } = tracking(org, jobId as string);
    expect(details.map((detail) => detail.ReferenceRecordId).sort()).toEqual([parent!.Id, ...children.map((child) => child.Id), POLICY.globexParent].sort());
  });

  test('getPolicyAsyncJobStatus finds the version job from the new parent, a new child and the prior parent', async () => {
    const { org, status } = await demoOrg();
    const { jobId } = await org.callPackage(VERSION, { policyId: POLICY.globexParent, quoteId: QUOTE.globexEndorsement, effectiveDate: '2026-08-01' });
    const [parent] = rows(org, 'SELECT Id FROM InsurancePolicy WHERE PriorPolicyId = :prior', { prior: POLICY.globexParent });
    const [child] = rows(org, 'SELECT Id FROM InsurancePolicy WHERE ParentPolicyId = :parentId', { parentId: parent!.Id as string });
    for (const policyId of [parent!.Id as string, child!.Id as string, POLICY.globexParent]) expect((await status(policyId)).jobId).toBe(jobId);
  });

  test('an unknown policy is NOT_FOUND; a policy that is no multi-root parent (a child, a single policy) is INVALID_INPUT; nothing is written', async () => {
    const { org } = await demoOrg();
    const before = counts(org);
    const unknown = await refusal(org.callPackage(VERSION, { policyId: MISSING.otherPolicy, quoteId: QUOTE.globexEndorsement, effectiveDate: '2026-08-01' }));
    expect(unknown.code).toBe('NOT_FOUND');
    for (const policyId of [POLICY.globexAuto, POLICY.okafor]) {
      const err = await refusal(org.callPackage(VERSION, { policyId, quoteId: QUOTE.globexEndorsement, effectiveDate: '2026-08-01' }));
      expect([err.code, err.message]).toEqual(['INVALID_INPUT', `Policy ${policyId} is not the parent of a multi-root policy.`]);
    }
    const quote = await refusal(org.callPackage(VERSION, { policyId: POLICY.globexParent, quoteId: MISSING.quote, effectiveDate: '2026-08-01' }));
    expect(quote.code).toBe('NOT_FOUND');
    expect(counts(org)).toEqual(before);
  });
});

describe('InsPolicyService:createOutOfSequencePolicyVersion on the mock org', () => {
  test('writes a new version of the endorsed policy (PriorPolicyId, OriginalPolicyId, same ReferencePolicyNumber) with additionalFields applied', async () => {
    const { org } = await demoOrg();
    const { jobId } = await org.callPackage(OUT_OF_SEQUENCE, {
      policyId: POLICY.leeV2,
      effectiveDate: '2026-04-15',
      additionalFields: { UniversalPolicyNumber: 'U-LEE-3' },
    });
    const [version] = rows(org, `SELECT ${FIELDS} FROM InsurancePolicy WHERE PriorPolicyId = :prior`, { prior: POLICY.leeV2 });
    expect(version).toMatchObject({
      Name: 'Auto - Sam Lee (v2 endorsement)',
      OriginalPolicyId: POLICY.leeV1,
      ProductId: PRODUCT.AUTO,
      ReferencePolicyNumber: 'AUTO-2026-0700',
      EffectiveDate: '2026-04-15T00:00:00.000+0000',
      UniversalPolicyNumber: 'U-LEE-3',
    });
    const { items, details } = tracking(org, jobId as string);
    expect(items[0]!.ReferenceRecordId).toBe(POLICY.leeV2);
    expect(details.map((detail) => detail.ReferenceRecordId).sort()).toEqual([POLICY.leeV2, version!.Id].sort());
  });

  test('edit-locks every version sharing the ReferencePolicyNumber, the new one included, until the job completes, then unlocks them', async () => {
    const { org, advance, status } = await demoOrg();
    await org.callPackage(OUT_OF_SEQUENCE, { policyId: POLICY.leeV2, effectiveDate: '2026-04-15', quoteId: QUOTE.leeEndorsement });
    const locks = () =>
      rows(org, "SELECT Id, IsPolicyEditLocked FROM InsurancePolicy WHERE ReferencePolicyNumber = 'AUTO-2026-0700' ORDER BY Id").map(
        (row) => row.IsPolicyEditLocked,
      );
    expect(locks()).toEqual([true, true, true]);
    advance(2999);
    expect(locks()).toEqual([true, true, true]);
    advance(1);
    expect((await status(POLICY.leeV2)).status).toBe('Success');
    expect(locks()).toEqual([false, false, false]);
    // Other policies are not touched.
    expect(rows(org, 'SELECT IsPolicyEditLocked FROM InsurancePolicy WHERE Id = :id', { id: POLICY.okafor })[0]!.IsPolicyEditLocked).toBe(false);
  });

  test("a second endorsement locks the versions again, its own job ending the new lock (the first job's unlock step is spent)", async () => {
    const { org, advance } = await demoOrg();
    const locks = () =>
      rows(org, "SELECT IsPolicyEditLocked FROM InsurancePolicy WHERE ReferencePolicyNumber = 'AUTO-2026-0700'").map((row) => row.IsPolicyEditLocked);
    await org.callPackage(OUT_OF_SEQUENCE, { policyId: POLICY.leeV2, effectiveDate: '2026-04-15' });
    advance(3000);
    expect(locks()).toEqual([false, false, false]);
    await org.callPackage(OUT_OF_SEQUENCE, { policyId: POLICY.leeV2, effectiveDate: '2026-05-01' });
    expect(locks()).toEqual([true, true, true, true]);
    advance(3000);
    expect(locks()).toEqual([false, false, false, false]);
  });

  test('a scripted failure also ends the lock, at the instant the job fails; a job that never ends keeps it', async () => {
    const { org, advance } = await demoOrg({
      asyncJobs: {
        rules: [
          { service: OUT_OF_SEQUENCE, when: { policyId: POLICY.leeV2 }, timeline: [{ after: '500ms', Status: 'Failed' }] },
          { service: OUT_OF_SEQUENCE, when: {}, timeline: [{ after: '1s', Status: 'Processing' }] },
        ],
      },
    });
    await org.callPackage(OUT_OF_SEQUENCE, { policyId: POLICY.leeV2, effectiveDate: '2026-04-15' });
    await org.callPackage(OUT_OF_SEQUENCE, { policyId: POLICY.okafor, effectiveDate: '2026-04-15' });
    const locked = (ref: string) =>
      rows(org, 'SELECT IsPolicyEditLocked FROM InsurancePolicy WHERE ReferencePolicyNumber = :ref', { ref }).map((row) => row.IsPolicyEditLocked);
    advance(500);
    expect(locked('AUTO-2026-0700')).toEqual([false, false, false]);
    advance(86_400_000);
    expect(locked('HOME-2026-0800')).toEqual([true, true]);
  });

  test('a multi-root parent or child is INVALID_INPUT, an unknown policy or quote NOT_FOUND; nothing is written or locked', async () => {
    const { org } = await demoOrg();
    const before = counts(org);
    for (const policyId of [POLICY.globexParent, POLICY.globexAuto]) {
      const err = await refusal(org.callPackage(OUT_OF_SEQUENCE, { policyId, effectiveDate: '2026-04-15' }));
      expect([err.code, err.message]).toEqual([
        'INVALID_INPUT',
        `Policy ${policyId} is part of a multi-root policy, and multi-root policies have no out-of-sequence endorsement.`,
      ]);
    }
    const quote = await refusal(org.callPackage(OUT_OF_SEQUENCE, { policyId: POLICY.leeV2, effectiveDate: '2026-04-15', quoteId: MISSING.quote }));
    expect([quote.code, quote.message]).toEqual(['NOT_FOUND', `No quote found with quoteId ${MISSING.quote}.`]);
    const policy = await refusal(org.callPackage(OUT_OF_SEQUENCE, { policyId: MISSING.otherPolicy, effectiveDate: '2026-04-15' }));
    expect([policy.code, policy.message]).toEqual(['NOT_FOUND', `No policy found with policyId ${MISSING.otherPolicy}.`]);
    expect(counts(org)).toEqual(before);
    expect(rows(org, 'SELECT Id FROM InsurancePolicy WHERE IsPolicyEditLocked = true')).toEqual([]);
  });
});
