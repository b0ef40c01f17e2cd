import { counts, demoOrg, PRODUCT, QUOTE, refusal, rows, START, tracking, MISSING } from './package-helpers';

const KEY = 'InsPolicyService:createMultiRootPolicy';
const POLICY_FIELDS = 'Id, Name, ParentPolicyId, ProductId, ReferencePolicyNumber, EffectiveDate, ExpirationDate, UniversalPolicyNumber, PolicyType';

describe('InsPolicyService:createMultiRootPolicy on the mock org', () => {
  test('writes the parent named after the quote and one child per root product, sharing one new ReferencePolicyNumber', async () => {
    const { org } = await demoOrg();
    const { jobId } = await org.callPackage(KEY, { quoteId: QUOTE.twoRoots, effectiveDate: '2026-12-15' });
    expect(jobId).toMatch(/^707[0-9A-Za-z]{15}$/);
    const parent = rows(org, `SELECT ${POLICY_FIELDS} FROM InsurancePolicy WHERE Name = 'Acme Fleet & Property'`);
    expect(parent).toHaveLength(1);
    expect(parent[0]).toMatchObject({
      ParentPolicyId: null,
      ReferencePolicyNumber: 'MRP-000001',
      EffectiveDate: '2026-12-15T00:00:00.000+0000',
      ExpirationDate: '2027-12-15T00:00:00.000+0000',
    });
    const children = rows(org, `SELECT ${POLICY_FIELDS} FROM InsurancePolicy WHERE ParentPolicyId = :parentId ORDER BY Name`, {
      parentId: parent[0]!.Id as string,
    });
    // The quote's Collision Coverage line names the Auto line as its parent: a coverage, not a root product.
    expect(children.map((child) => [child.Name, child.ProductId, child.ReferencePolicyNumber, child.EffectiveDate])).toEqual([
      ['Acme Fleet & Property / Auto', PRODUCT.AUTO, 'MRP-000001', '2026-12-15T00:00:00.000+0000'],
      ['Acme Fleet & Property / Property', PRODUCT.PROP, 'MRP-000001', '2026-12-15T00:00:00.000+0000'],
    ]);
  });

  test('tracks the call with a Queued Queueable job, one bulk request, one item naming the parent, and a Scheduled detail per new policy', async () => {
    const { org } = await demoOrg();
    const { jobId } = await org.callPackage(KEY, { quoteId: QUOTE.twoRoots, effectiveDate: '2026-12-15' });
    const parentId = rows(org, "SELECT Id FROM InsurancePolicy WHERE Name = 'Acme Fleet & Property'")[0]!.Id as string;
    const childIds = rows(org, 'SELECT Id FROM InsurancePolicy WHERE ParentPolicyId = :parentId', { parentId }).map((row) => row.Id as string);
    const { job, items, details, requests } = tracking(org, jobId as string);
    expect(job).toMatchObject({ Status: 'Queued', JobType: 'Queueable', NumberOfErrors: 0, CompletedDate: null, JobItemsProcessed: 0, TotalJobItems: 1 });
    expect(job!.CreatedDate).toBe('2026-12-01T09:00:00.000+0000');
    expect(requests).toHaveLength(1);
    expect(requests[0]).toMatchObject({ Name: 'createMultiRootPolicy 2026-12-01T09:00:00.000+0000', Status: 'In Progress', CreatedById: job!.CreatedById });
    expect(items).toEqual([
      expect.objectContaining({
        InsuranceAsyncBulkRequestId: requests[0]!.Id,
        BatchJobId: jobId,
        ReferenceRecordId: parentId,
        SequenceNumber: 1,
        Status: 'Queued',
      }),
    ]);
    expect(details.map((detail) => detail.ReferenceRecordId).sort()).toEqual([parentId, ...childIds].sort());
    expect(details.every((detail) => detail.Status === 'Scheduled' && detail.InsuranceAsyncBulkRequestItemId === items[0]!.Id)).toBe(true);
  });

  test('getPolicyAsyncJobStatus finds the new job from every new policy, and the default timeline takes it to Success after 3 s', async () => {
    const { org, status, advance } = await demoOrg();
    const { jobId } = await org.callPackage(KEY, { quoteId: QUOTE.oneRoot, effectiveDate: '2026-12-15' });
    const parentId = rows(org, "SELECT Id FROM InsurancePolicy WHERE Name = 'Rivera Home'")[0]!.Id as string;
    const [child] = rows(org, 'SELECT Id, Name FROM InsurancePolicy WHERE ParentPolicyId = :parentId', { parentId });
    // One root product: the Flood Coverage line belongs to the Home line.
    expect(child!.Name).toBe('Rivera Home / Home');
    for (const policyId of [parentId, child!.Id as string]) {
      expect(await status(policyId)).toEqual({ status: 'WaitingToProcess', jobId, errorCode: 'INVOKE-200', error: 'OK' });
    }
    advance(999);
    expect((await status(parentId)).status).toBe('WaitingToProcess');
    advance(1);
    expect((await status(parentId)).status).toBe('InProgress');
    expect(tracking(org, jobId as string).details.map((detail) => detail.Status)).toEqual(['In Progress', 'In Progress']);
    advance(2000);
    expect(await status(child!.Id as string)).toEqual({ status: 'Success', jobId, errorCode: 'INVOKE-200', error: 'OK' });
    const { job, items, details, requests } = tracking(org, jobId as string);
    expect(job).toMatchObject({
      Status: 'Completed',
      NumberOfErrors: 0,
      CompletedDate: '2026-12-01T09:00:03.000+0000',
      JobItemsProcessed: 1,
      TotalJobItems: 1,
    });
    expect(items[0]!.Status).toBe('Completed');
    expect(details.map((detail) => detail.Status)).toEqual(['Success', 'Success']);
    expect(requests[0]!.Status).toBe('Completed');
  });

  test("the demo quote scripted in org.json's asyncJobs fails after 2 s with its ExtendedStatus; its details and request are Failed", async () => {
    const { org, status, advance } = await demoOrg();
    const { jobId } = await org.callPackage(KEY, { quoteId: QUOTE.scriptedToFail, effectiveDate: '2026-12-15' });
    const parentId = rows(org, "SELECT Id FROM InsurancePolicy WHERE Name = 'Northwind Marine'")[0]!.Id as string;
    advance(500);
    expect((await status(parentId)).status).toBe('InProgress');
    advance(1500);
    expect(await status(parentId)).toEqual({
      status: 'Failed',
      jobId,
      errorCode: 'INVOKE-200',
      error: 'First error: Insert failed. REQUIRED_FIELD_MISSING, Required fields are missing: [VesselRegistrationNumber]',
    });
    const { job, details, requests } = tracking(org, jobId as string);
    expect(job).toMatchObject({ Status: 'Failed', NumberOfErrors: 1, CompletedDate: '2026-12-01T09:00:02.000+0000' });
    expect(details.map((detail) => detail.Status)).toEqual(['Failed', 'Failed']);
    expect(requests[0]!.Status).toBe('Failed');
  });

  test('MockOrgOptions.asyncJobs overrides the fixture: a rule scripts an abort, the default timeline a slow job', async () => {
    const { org, status, advance } = await demoOrg({
      asyncJobs: {
        timeline: [{ after: '1h', Status: 'Completed' }],
        rules: [{ service: KEY, when: { quoteId: QUOTE.twoRoots }, timeline: [{ after: '2s', Status: 'Aborted', ExtendedStatus: 'Aborted by admin' }] }],
      },
    });
    await org.callPackage(KEY, { quoteId: QUOTE.twoRoots, effectiveDate: '2026-12-15' });
    await org.callPackage(KEY, { quoteId: QUOTE.scriptedToFail, effectiveDate: '2026-12-15' });
    const idOf = (name: string) => rows(org, 'SELECT Id FROM InsurancePolicy WHERE Name = :name', { name })[0]!.Id as string;
    advance(2000);
    expect(await status(idOf('Acme Fleet & Property'))).toMatchObject({ status: 'Aborted', error: 'Aborted by admin' });
    expect((await status(idOf('Northwind Marine'))).status).toBe('WaitingToProcess');
    advance(3_600_000);
    expect((await status(idOf('Northwind Marine'))).status).toBe('Success');
  });

  test('endDate sets ExpirationDate; term moves it by its months; refPolicyNumToPopulate false leaves ReferencePolicyNumber empty; numbers count up', async () => {
    const { org } = await demoOrg();
    const expirations = (name: string) =>
      rows(org, 'SELECT ExpirationDate, ReferencePolicyNumber FROM InsurancePolicy WHERE Name = :name ORDER BY CreatedDate, Id', { name }).map((row) => [
        row.ExpirationDate,
        row.ReferencePolicyNumber,
      ]);
    await org.callPackage(KEY, { quoteId: QUOTE.oneRoot, effectiveDate: '2026-01-31', endDate: '2026-06-30' });
    await org.callPackage(KEY, { quoteId: QUOTE.oneRoot, effectiveDate: '2026-01-31', term: 'Monthly' });
    await org.callPackage(KEY, { quoteId: QUOTE.oneRoot, effectiveDate: '2026-01-31', term: 'semi-annual', refPolicyNumToPopulate: false });
    expect(expirations('Rivera Home')).toEqual([
      ['2026-06-30T00:00:00.000+0000', 'MRP-000001'],
      ['2026-02-28T00:00:00.000+0000', 'MRP-000002'],
      ['2026-07-31T00:00:00.000+0000', null],
    ]);
  });

  test('additionalFields apply by product code to that child and MULTI_ROOT_PARENT_POLICY to the parent', async () => {
    const { org } = await demoOrg();
    await org.callPackage(KEY, {
      quoteId: QUOTE.twoRoots,
      effectiveDate: '2026-12-15',
      additionalFields: {
        MULTI_ROOT_PARENT_POLICY: { UniversalPolicyNumber: 'U-PARENT', PolicyType: 'Commercial' },
        PROP: { UniversalPolicyNumber: 'U-PROP' },
      },
    });
    expect(
      rows(org, "SELECT Name, UniversalPolicyNumber, PolicyType FROM InsurancePolicy WHERE Name LIKE 'Acme Fleet%' ORDER BY Name").map((row) => [
        row.Name,
        row.UniversalPolicyNumber,
        row.PolicyType,
      ]),
    ).toEqual([
      ['Acme Fleet & Property', 'U-PARENT', 'Commercial'],
      ['Acme Fleet & Property / Auto', null, null],
      ['Acme Fleet & Property / Property', 'U-PROP', null],
    ]);
  });

  test('a field the org refuses in additionalFields is INVALID_INPUT naming where it came from, and nothing is written', async () => {
    const { org } = await demoOrg();
    const before = counts(org);
    const err = await refusal(
      org.callPackage(KEY, { quoteId: QUOTE.twoRoots, effectiveDate: '2026-12-15', additionalFields: { AUTO: { NoSuchField__c: 1 } } }),
    );
    expect(err.code).toBe('INVALID_INPUT');
    expect(err.message).toMatch(/^additionalFields\.AUTO: .*NoSuchField__c/);
    expect(counts(org)).toEqual(before);
  });

  test('an unknown quote is NOT_FOUND, a quote without a root product INVALID_INPUT, an unknown term INVALID_INPUT; none writes anything', async () => {
    const { org } = await demoOrg();
    const before = counts(org);
    const unknown = await refusal(org.callPackage(KEY, { quoteId: MISSING.quote, effectiveDate: '2026-12-15' }));
    expect([unknown.code, unknown.message]).toEqual(['NOT_FOUND', `No quote found with quoteId ${MISSING.quote}.`]);
    const noRoot = await refusal(org.callPackage(KEY, { quoteId: QUOTE.noRoot, effectiveDate: '2026-12-15' }));
    expect([noRoot.code, noRoot.message]).toEqual([
      'INVALID_INPUT',
      `Quote ${QUOTE.noRoot} has no root product (a line without ParentQuoteLineItemId) to issue a multi-root policy for.`,
    ]);
    const term = await refusal(org.callPackage(KEY, { quoteId: QUOTE.twoRoots, effectiveDate: '2026-12-15', term: 'Biennial' }));
    expect([term.code, term.message]).toEqual(['INVALID_INPUT', 'term "Biennial" is not one of Annual, Semi-Annual, Quarterly, Monthly.']);
    expect(counts(org)).toEqual(before);
  });

  test('the job starts at the org clock: CreatedDate is the call instant, so the latest job by CreatedDate is the new one', async () => {
    const { org, status, advance } = await demoOrg();
    const first = await org.callPackage(KEY, { quoteId: QUOTE.oneRoot, effectiveDate: '2026-12-15' });
    advance(60_000);
    const second = await org.callPackage(KEY, { quoteId: QUOTE.oneRoot, effectiveDate: '2026-12-15' });
    expect(first.jobId).not.toBe(second.jobId);
    expect(tracking(org, second.jobId as string).job!.CreatedDate).toBe(new Date(START + 60_000).toISOString().replace('Z', '+0000'));
    const newest = rows(org, "SELECT Id FROM InsurancePolicy WHERE Name = 'Rivera Home' AND ReferencePolicyNumber = 'MRP-000002'")[0]!.Id as string;
    expect((await status(newest)).jobId).toBe(second.jobId);
  });
});
