import { MockOrg } from '../../../src/mock-org/mock-org';
import { OrgError } from '../../../src/core/org';
import { JOB_A, POLICY_1, smallOrg } from '../fixture-data';

// agent: hides InsurancePolicy.ReferencePolicyNumber, User.Username and the object InsuranceAsyncBulkRequest.
// nojobs: hides AsyncApexJob.
let admin: MockOrg;
let agent: MockOrg;
let nojobs: MockOrg;
beforeAll(async () => {
  admin = await MockOrg.fromFixtures(smallOrg());
  agent = admin.asUser('agent');
  nojobs = admin.asUser('nojobs');
});

function syncFailure(run: () => unknown): OrgError {
  try {
    run();
  } catch (err) {
    expect(err).toBeInstanceOf(OrgError);
    return err as OrgError;
  }
  throw new Error('expected an OrgError');
}

describe('field-level security', () => {
  test('users of one org share its store; cacheKey differs per user and per org', async () => {
    expect(agent.userName).toBe('agent');
    expect((await agent.query('SELECT Id FROM AsyncApexJob')).totalSize).toBe(3);
    const other = await MockOrg.fromFixtures(smallOrg());
    expect(new Set([admin.cacheKey, agent.cacheKey, nojobs.cacheKey, other.cacheKey, admin.asUser('admin').cacheKey]).size).toBe(4);
    expect(admin.asUser('admin').cacheKey).toBe(admin.cacheKey);
  });

  test('describe leaves hidden fields out for that user only', async () => {
    const forAgent = (await agent.describe('InsurancePolicy')).fields.map((f) => f.name);
    const forAdmin = (await admin.describe('InsurancePolicy')).fields.map((f) => f.name);
    expect(forAdmin).toContain('ReferencePolicyNumber');
    expect(forAgent).not.toContain('ReferencePolicyNumber');
    expect(forAgent).toEqual(forAdmin.filter((name) => name !== 'ReferencePolicyNumber'));
  });

  test('describe of a hidden or unknown object is NOT_FOUND 404', async () => {
    for (const [org, name] of [
      [nojobs, 'AsyncApexJob'],
      [admin, 'Nope'],
    ] as const) {
      await expect(org.describe(name)).rejects.toMatchObject({ errorCode: 'NOT_FOUND', status: 404, message: 'The requested resource does not exist' });
    }
    expect((await admin.describe('asyncapexjob')).name).toBe('AsyncApexJob');
  });

  test('describe shows types, references, relationship names, picklists and idLookup', async () => {
    const fields = Object.fromEntries((await admin.describe('InsuranceAsyncBulkRequestItem')).fields.map((f) => [f.name, f]));
    expect(fields.BatchJobId).toMatchObject({ type: 'reference', referenceTo: ['AsyncApexJob'], relationshipName: 'BatchJob' });
    const job = await admin.describe('AsyncApexJob');
    expect(job).toMatchObject({ name: 'AsyncApexJob', keyPrefix: '707', queryable: true, retrieveable: true });
    const status = job.fields.find((f) => f.name === 'Status')!;
    expect(status.picklistValues.map((p) => p.value)).toEqual(['Holding', 'Queued', 'Preparing', 'Processing', 'Aborted', 'Completed', 'Failed']);
    const policy = await admin.describe('InsurancePolicy');
    expect(policy.fields.find((f) => f.name === 'ReferencePolicyNumber')).toMatchObject({ type: 'string', idLookup: true, filterable: true });
  });

  test('describeGlobal lists the objects the user can see', () => {
    const names = (org: MockOrg) => org.describeGlobal().sobjects.map((s) => s.name);
    expect(names(admin)).toEqual(
      expect.arrayContaining([
        'AsyncApexJob',
        'InsurancePolicy',
        'InsuranceAsyncBulkRequest',
        'InsuranceAsyncBulkRequestItem',
        'InsuranceAsyncBulkRecordDetail',
        'User',
      ]),
    );
    expect(names(nojobs)).not.toContain('AsyncApexJob');
    expect(admin.describeGlobal()).toMatchObject({ encoding: 'UTF-8', maxBatchSize: 200 });
    expect(admin.describeGlobal().sobjects.find((s) => s.name === 'InsurancePolicy')).toMatchObject({ keyPrefix: '0YT', queryable: true, retrieveable: true });
  });

  test.each([
    ['SELECT Id, ReferencePolicyNumber FROM InsurancePolicy', 'ReferencePolicyNumber', 'InsurancePolicy'],
    ["SELECT Id FROM InsurancePolicy WHERE ReferencePolicyNumber = 'REF-0001'", 'ReferencePolicyNumber', 'InsurancePolicy'],
    ['SELECT Id FROM InsurancePolicy ORDER BY referencepolicynumber', 'referencepolicynumber', 'InsurancePolicy'],
    ['SELECT Id, ParentPolicy.ReferencePolicyNumber FROM InsurancePolicy', 'ReferencePolicyNumber', 'InsurancePolicy'],
    ['SELECT Id, CreatedBy.Username FROM AsyncApexJob', 'Username', 'User'],
  ])('a hidden field fails exactly like a missing field: %s', async (soql, field, entity) => {
    const err = syncFailure(() => agent.querySync(soql));
    expect(err.errorCode).toBe('INVALID_FIELD');
    expect(err.message).toBe(syncFailure(() => admin.querySync(soql.replace(new RegExp(field, 'g'), 'NoSuchField'))).message.replace('NoSuchField', field));
    expect(err.message.startsWith(`No such column '${field}' on entity '${entity}'.`)).toBe(true);
    expect(admin.querySync(soql).done).toBe(true);
  });

  test('a hidden object in FROM is INVALID_TYPE; through a parent path it is a relationship not understood', () => {
    expect(syncFailure(() => nojobs.querySync('SELECT Id FROM AsyncApexJob'))).toMatchObject({
      errorCode: 'INVALID_TYPE',
      message: expect.stringMatching(/^sObject type 'AsyncApexJob' is not supported\./),
    });
    expect(syncFailure(() => nojobs.querySync("SELECT Id FROM InsuranceAsyncBulkRequestItem WHERE BatchJob.Status = 'Failed'"))).toMatchObject({
      errorCode: 'INVALID_FIELD',
      message: expect.stringMatching(/^Didn't understand relationship 'BatchJob' in field path\./),
    });
    expect(syncFailure(() => agent.querySync('SELECT InsuranceAsyncBulkRequest.Name FROM InsuranceAsyncBulkRequestItem')).message).toMatch(
      /^Didn't understand relationship 'InsuranceAsyncBulkRequest'/,
    );
    // The reference field itself stays readable.
    expect(nojobs.querySync('SELECT BatchJobId FROM InsuranceAsyncBulkRequestItem').totalSize).toBe(3);
  });

  test('the FLS check is cached per query text and user, and follows the user, not the cache', () => {
    const soql = 'SELECT Id, ReferencePolicyNumber FROM InsurancePolicy';
    for (let i = 0; i < 3; i++) {
      expect(admin.querySync(soql).totalSize).toBe(2);
      expect(() => agent.querySync(soql)).toThrow(OrgError);
    }
    const plan = admin.engine.plan(soql);
    expect(plan.access.get('agent')).toBeInstanceOf(OrgError);
    expect(plan.access.has('admin')).toBe(false); // a user who sees everything needs no check at all
  });

  test('retrieve: all visible fields or the named ones; NOT_FOUND for missing records and hidden objects', () => {
    const record = admin.retrieve('InsurancePolicy', POLICY_1.toLowerCase());
    expect(record).toMatchObject({
      attributes: { type: 'InsurancePolicy', url: `/services/data/v64.0/sobjects/InsurancePolicy/${POLICY_1}` },
      Id: POLICY_1,
      ReferencePolicyNumber: 'REF-0001',
      ParentPolicyId: null,
    });
    expect(agent.retrieve('InsurancePolicy', POLICY_1)).not.toHaveProperty('ReferencePolicyNumber');
    expect(admin.retrieve('AsyncApexJob', JOB_A, ['Status'])).toEqual({ attributes: expect.any(Object), Status: 'Completed' });
    expect(syncFailure(() => agent.retrieve('InsurancePolicy', POLICY_1, ['ReferencePolicyNumber'])).errorCode).toBe('INVALID_FIELD');
    for (const [org, object, id] of [
      [admin, 'InsurancePolicy', JOB_A],
      [admin, 'AsyncApexJob', 'nope'],
      [nojobs, 'AsyncApexJob', JOB_A],
      [admin, 'Nope', JOB_A],
    ] as const) {
      expect(syncFailure(() => org.retrieve(object, id))).toMatchObject({
        errorCode: 'NOT_FOUND',
        status: 404,
        message: 'The requested resource does not exist',
      });
    }
  });
});
