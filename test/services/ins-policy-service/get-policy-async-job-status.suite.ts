import { createEmulator } from '../../../src/ipemu';
import type { OutputMap } from '../../../src/core/envelope';
import type { Org } from '../../../src/core/org';
import type { FixtureDocument } from '../../../src/mock-org/fixtures/types';
import { countingOrg, CountingOrg } from './counting-org';
import { ABORTED_DETAIL, CUSTOM_JOB_LINK, ERRORS_DETAIL, FAILED_DETAIL, JOBS, POLICIES, REFS, SAMPLE_JOB, suiteFixtures } from './suite-fixtures';

export type OrgFactory = (fixtures: FixtureDocument, user?: string) => Promise<{ org: Org; close(): Promise<void> }>;

/** A status service the suite walks: the contract is shared, the key, the job noun and the link's config key are its own. */
export interface SuiteService {
  key: string;
  jobNoun: string;
  linkKey: string;
}

export const POLICY_JOB_STATUS: SuiteService = { key: 'InsPolicyService:getPolicyAsyncJobStatus', jobNoun: 'asynchronous job', linkKey: 'jobLink' };
const SHAPE = 'Specify one of jobId, policyId, or referencePolicyNumber.';
const JOB_FIELDS = ['Id', 'Status', 'NumberOfErrors', 'ExtendedStatus', 'CreatedDate'].map((f) => `AsyncApexJob.${f}`);

interface Call {
  user?: string;
  config?: Record<string, unknown>;
}

/**
 * DESIGN.md §2, rule by rule, through `createEmulator({ org }).invoke(...)`. Org-agnostic: it only
 * sees `Org`, so the parity suite runs it against jsforce over the fake REST API too.
 */
export function runServiceSuite(label: string, makeOrg: OrgFactory, service: SuiteService = POLICY_JOB_STATUS): void {
  const KEY = service.key;
  describe(`${KEY} (${label})`, () => {
    const fixtures = suiteFixtures();
    const orgs = new Map<string, Promise<{ org: Org; close(): Promise<void> }>>();

    function orgFor(user = 'admin'): Promise<{ org: Org; close(): Promise<void> }> {
      let entry = orgs.get(user);
      if (!entry) {
        entry = makeOrg(fixtures, user);
        orgs.set(user, entry);
      }
      return entry;
    }

    async function counted(call: Call = {}): Promise<{ counter: CountingOrg; run(input: unknown): Promise<OutputMap> }> {
      const counter = countingOrg((await orgFor(call.user)).org);
      const emulator = createEmulator({ org: counter, config: call.config });
      return { counter, run: (input) => emulator.invoke(KEY, input) };
    }

    async function invoke(input: unknown, call: Call = {}): Promise<OutputMap> {
      return (await counted(call)).run(input);
    }

    afterAll(async () => {
      for (const entry of orgs.values()) await (await entry).close();
    });

    describe('step 1: shape', () => {
      it.each([[{}], [{ jobId: null, policyId: null, referencePolicyNumber: null }], [{ other: 'x' }]])('nothing passed in %j → 400', async (input) => {
        expect(await invoke(input)).toEqual({ errorCode: 'INVOKE-400', error: SHAPE });
      });
      it.each([
        ['jobId', 42],
        ['policyId', true],
        ['referencePolicyNumber', { nested: 1 }],
        ['jobId', [SAMPLE_JOB]],
      ])('a non-string %s is a 400 naming the key', async (key, value) => {
        const out = await invoke({ [key]: value });
        expect(out.errorCode).toBe('INVOKE-400');
        expect(out.error).toContain(key);
      });
      it('other keys of a whole data map are ignored', async () => {
        const out = await invoke({ jobId: SAMPLE_JOB, ContextId: 'abc', nested: { policyId: 42 }, flag: true });
        expect(out).toEqual({ status: 'Success', jobId: SAMPLE_JOB, errorCode: 'INVOKE-200', error: 'OK' });
      });
    });

    describe('step 2: syntax of every passed key', () => {
      it('accepts an 18-character jobId and a 15-character one (answering with 18)', async () => {
        expect((await invoke({ jobId: SAMPLE_JOB })).jobId).toBe(SAMPLE_JOB);
        expect(await invoke({ jobId: SAMPLE_JOB.slice(0, 15) })).toEqual({ status: 'Success', jobId: SAMPLE_JOB, errorCode: 'INVOKE-200', error: 'OK' });
      });
      it.each(['7075J00004UK6GJAAK', '7075j00004uk6gjaak'])('repairs the case of the 18-character Id %s', async (jobId) => {
        expect((await invoke({ jobId })).jobId).toBe(SAMPLE_JOB);
      });
      it('treats a 15-character Id as case-sensitive: another case names another (missing) job', async () => {
        expect((await invoke({ jobId: '7075j00004uk6gj' })).errorCode).toBe('INVOKE-404');
      });
      it.each([
        ['wrong prefix', POLICIES.sample],
        ['bad checksum', '7075j00004uK6GjAAA'],
        ['mixed case disagreeing with the checksum', '7075J00004uK6GjAAK'],
        ['16 characters', '7075j00004uK6GjA'],
        ['not base 62', "7075j00004uK6G'"],
        ['blank', ''],
      ])('jobId with %s → 400 naming jobId', async (_why, jobId) => {
        const out = await invoke({ jobId });
        expect(out.errorCode).toBe('INVOKE-400');
        expect(out.error).toContain('jobId');
      });
      it.each([
        ['wrong prefix', SAMPLE_JOB],
        ['bad checksum', '0YT5w000000Y8MNGAA'],
        ['too short', '0YT5w'],
      ])('policyId with %s → 400 naming policyId', async (_why, policyId) => {
        const out = await invoke({ policyId });
        expect(out.errorCode).toBe('INVOKE-400');
        expect(out.error).toContain('policyId');
      });
      it('accepts a 15-character policyId', async () => {
        expect((await invoke({ policyId: POLICIES.sample.slice(0, 15) })).jobId).toBe(SAMPLE_JOB);
      });
      it.each([
        ['blank', '   '],
        ['256 characters', 'R'.repeat(256)],
      ])('referencePolicyNumber %s → 400', async (_why, referencePolicyNumber) => {
        const out = await invoke({ referencePolicyNumber });
        expect(out.errorCode).toBe('INVOKE-400');
        expect(out.error).toContain('referencePolicyNumber');
      });
      it('255 characters is well-formed (and then simply not found)', async () => {
        expect((await invoke({ referencePolicyNumber: 'R'.repeat(255) })).errorCode).toBe('INVOKE-404');
      });
      it('checks every passed key, even one precedence would not use', async () => {
        const out = await invoke({ jobId: SAMPLE_JOB, policyId: 'not-an-id' });
        expect(out.errorCode).toBe('INVOKE-400');
        expect(out.error).toContain('policyId');
      });
      it('reads no data when the syntax is wrong', async () => {
        const { counter, run } = await counted();
        await run({ jobId: 'nope' });
        expect(counter.queries).toHaveLength(0);
      });
    });

    describe('step 3: field-level permissions first', () => {
      it('a hidden object: 403 naming each field, even for a job that does not exist, with no data query', async () => {
        const { counter, run } = await counted({ user: 'auditor' });
        const out = await run({ jobId: JOBS.missing });
        expect(out.errorCode).toBe('INVOKE-403');
        for (const field of JOB_FIELDS) expect(out.error).toContain(field);
        expect(out.details).toEqual({ fields: JOB_FIELDS });
        expect(counter.queries).toHaveLength(0);
      });
      it('a hidden field on the referencePolicyNumber path: 403, checked before the (missing) data', async () => {
        const { counter, run } = await counted({ user: 'agent' });
        const out = await run({ referencePolicyNumber: 'NO-SUCH-REF' });
        expect(out).toMatchObject({ errorCode: 'INVOKE-403', details: { fields: ['InsurancePolicy.ReferencePolicyNumber'] } });
        expect(out.error).toContain('InsurancePolicy.ReferencePolicyNumber');
        expect(counter.queries).toHaveLength(0);
      });
      it('the same user may use paths that do not read the hidden field', async () => {
        expect((await invoke({ jobId: SAMPLE_JOB }, { user: 'agent' })).errorCode).toBe('INVOKE-200');
        expect((await invoke({ policyId: POLICIES.sample }, { user: 'agent' })).errorCode).toBe('INVOKE-200');
      });
      it('a hidden field of the link chain (through the parent relationship) blocks policyId', async () => {
        const out = await invoke({ policyId: POLICIES.sample }, { user: 'linkless' });
        expect(out).toMatchObject({ errorCode: 'INVOKE-403', details: { fields: ['InsuranceAsyncBulkRequestItem.BatchJobId'] } });
        expect((await invoke({ jobId: SAMPLE_JOB }, { user: 'linkless' })).errorCode).toBe('INVOKE-200');
      });
      it('a hidden link object names each link field', async () => {
        const out = await invoke({ referencePolicyNumber: REFS.sample }, { user: 'nodetail' });
        expect(out.errorCode).toBe('INVOKE-403');
        expect((out.details as { fields: string[] }).fields).toEqual([
          'InsuranceAsyncBulkRecordDetail.ReferenceRecordId',
          'InsuranceAsyncBulkRecordDetail.InsuranceAsyncBulkRequestItemId',
        ]);
      });
      it('the permission verdict is kept per key set: repeated calls stay 403 with no data query, other paths stay open', async () => {
        const { counter, run } = await counted({ user: 'agent' });
        for (let i = 0; i < 3; i++) {
          const out = await run({ referencePolicyNumber: 'NO-SUCH-REF' });
          expect(out).toMatchObject({ errorCode: 'INVOKE-403', details: { fields: ['InsurancePolicy.ReferencePolicyNumber'] } });
        }
        expect(counter.queries).toHaveLength(0);
        expect((await run({ jobId: SAMPLE_JOB })).errorCode).toBe('INVOKE-200');
        expect((await run({ jobId: SAMPLE_JOB, referencePolicyNumber: REFS.sample })).errorCode).toBe('INVOKE-403');
        expect((await run({ referencePolicyNumber: REFS.sample })).errorCode).toBe('INVOKE-403');
      });
      it('a passed key whose path is blocked fails even when a higher key decides', async () => {
        const out = await invoke({ jobId: SAMPLE_JOB, referencePolicyNumber: REFS.sample }, { user: 'agent' });
        expect(out.errorCode).toBe('INVOKE-403');
      });
    });

    describe('step 4: every passed key must resolve', () => {
      it.each([
        ['jobId', { jobId: JOBS.missing }, JOBS.missing],
        ['policyId', { policyId: POLICIES.missing }, POLICIES.missing],
        ['referencePolicyNumber', { referencePolicyNumber: 'REF-NONE' }, 'REF-NONE'],
      ])('an unknown %s → 404 naming it', async (_key, input, value) => {
        const out = await invoke(input);
        expect(out.errorCode).toBe('INVOKE-404');
        expect(out.error).toContain(value);
      });
      it.each([
        ['missing policyId beside a good jobId', { jobId: SAMPLE_JOB, policyId: POLICIES.missing }, 'INVOKE-404', POLICIES.missing],
        ['missing jobId beside a good policyId', { jobId: JOBS.missing, policyId: POLICIES.sample }, 'INVOKE-404', JOBS.missing],
        ['missing reference beside good Ids', { jobId: SAMPLE_JOB, policyId: POLICIES.sample, referencePolicyNumber: 'REF-NONE' }, 'INVOKE-404', 'REF-NONE'],
        ['multi-root reference beside a good jobId', { jobId: SAMPLE_JOB, referencePolicyNumber: REFS.parent }, 'INVOKE-400', 'multi-root'],
      ])('%s → error', async (_why, input, code, text) => {
        const out = await invoke(input);
        expect(out.errorCode).toBe(code);
        expect(out.error).toContain(text);
      });
      it('compares referencePolicyNumber case-insensitively, as SOQL = does', async () => {
        expect((await invoke({ referencePolicyNumber: REFS.sample.toLowerCase() })).jobId).toBe(SAMPLE_JOB);
      });
      it.each([
        ['a parent', REFS.parent],
        ['a child', REFS.child],
      ])('referencePolicyNumber of %s of a multi-root policy → 400', async (_role, referencePolicyNumber) => {
        const out = await invoke({ referencePolicyNumber });
        expect(out.errorCode).toBe('INVOKE-400');
        expect(out.error).toContain('multi-root');
      });
      it('policyId still works for multi-root policies', async () => {
        expect((await invoke({ policyId: POLICIES.parent })).jobId).toBe(JOBS.processing);
        expect((await invoke({ policyId: POLICIES.child })).jobId).toBe(JOBS.queued);
      });
    });

    describe('step 5: precedence and the latest job', () => {
      it('jobId beats policyId and referencePolicyNumber', async () => {
        const out = await invoke({ jobId: JOBS.holding, policyId: POLICIES.sample, referencePolicyNumber: REFS.versions });
        expect(out).toEqual({ status: 'WaitingToProcess', jobId: JOBS.holding, errorCode: 'INVOKE-200', error: 'OK' });
      });
      it('policyId beats referencePolicyNumber', async () => {
        expect((await invoke({ policyId: POLICIES.sample, referencePolicyNumber: REFS.versions })).jobId).toBe(SAMPLE_JOB);
      });
      it('policyId: the latest job linked to that policy by CreatedDate', async () => {
        expect(await invoke({ policyId: POLICIES.version1 })).toEqual({
          status: 'Failed',
          jobId: JOBS.versionMiddle,
          errorCode: 'INVOKE-200',
          error: FAILED_DETAIL,
        });
      });
      it('referencePolicyNumber: the latest job over every version sharing it', async () => {
        expect(await invoke({ referencePolicyNumber: REFS.versions })).toEqual({
          status: 'InProgress',
          jobId: JOBS.versionNewest,
          errorCode: 'INVOKE-200',
          error: 'OK',
        });
      });
      it('equal CreatedDate: the greater Id wins', async () => {
        expect(await invoke({ policyId: POLICIES.tie })).toEqual({ status: 'WaitingToProcess', jobId: JOBS.tieHigh, errorCode: 'INVOKE-200', error: 'OK' });
      });
      it.each([
        ['policyId', { policyId: POLICIES.noJob }, POLICIES.noJob],
        ['referencePolicyNumber', { referencePolicyNumber: REFS.noJob }, REFS.noJob],
        ['a link to a purged job', { policyId: POLICIES.purged }, POLICIES.purged],
      ])('a policy with no linked job (%s) → 404', async (_why, input, value) => {
        const out = await invoke(input);
        expect(out.errorCode).toBe('INVOKE-404');
        expect(out.error).toContain(`No ${service.jobNoun} found for policy`);
        expect(out.error).toContain(value);
      });
    });

    describe('step 6: status mapping', () => {
      it.each([
        ['Holding', JOBS.holding, 'WaitingToProcess', 'OK'],
        ['Queued', JOBS.queued, 'WaitingToProcess', 'OK'],
        ['Preparing', JOBS.preparing, 'WaitingToProcess', 'OK'],
        ['Processing', JOBS.processing, 'InProgress', 'OK'],
        ['Completed, 0 errors', SAMPLE_JOB, 'Success', 'OK'],
        ['Completed, null errors', JOBS.completedNullErrors, 'Success', 'OK'],
        ['Completed, errors with ExtendedStatus', JOBS.completedWithErrors, 'Failed', ERRORS_DETAIL],
        ['Completed, errors without ExtendedStatus', JOBS.completedWithErrorsNoDetail, 'Failed', 'The job failed.'],
        ['Failed with ExtendedStatus', JOBS.failedWithDetail, 'Failed', FAILED_DETAIL],
        ['Failed without ExtendedStatus', JOBS.failedNoDetail, 'Failed', 'The job failed.'],
        ['Aborted with ExtendedStatus', JOBS.abortedWithDetail, 'Aborted', ABORTED_DETAIL],
        ['Aborted without ExtendedStatus', JOBS.abortedNoDetail, 'Aborted', 'The job was aborted.'],
      ])('%s (job %s) → %s', async (_row, jobId, status, error) => {
        expect(await invoke({ jobId })).toEqual({ status, jobId, errorCode: 'INVOKE-200', error });
      });
    });

    describe('output', () => {
      it('keys in the order status, jobId, errorCode, error; jobId 18 characters when 15 came in', async () => {
        const out = await invoke({ jobId: JOBS.failedWithDetail.slice(0, 15) });
        expect(Object.keys(out)).toEqual(['status', 'jobId', 'errorCode', 'error']);
        expect(out.jobId).toBe(JOBS.failedWithDetail);
      });
      it('documentation sample', async () => {
        expect(JSON.stringify(await invoke({ jobId: SAMPLE_JOB }))).toBe(
          '{"status":"Success","jobId":"7075j00004uK6GjAAK","errorCode":"INVOKE-200","error":"OK"}',
        );
      });
    });

    describe('policy → job link from config', () => {
      it(`a custom ${service.linkKey} is followed, and the default chain is not`, async () => {
        const config = { [service.linkKey]: CUSTOM_JOB_LINK };
        expect(await invoke({ policyId: POLICIES.custom }, { config })).toEqual({
          status: 'WaitingToProcess',
          jobId: JOBS.custom,
          errorCode: 'INVOKE-200',
          error: 'OK',
        });
        expect((await invoke({ policyId: POLICIES.custom })).errorCode).toBe('INVOKE-404');
        expect((await invoke({ policyId: POLICIES.sample }, { config })).errorCode).toBe('INVOKE-404');
      });
      it('field permissions are checked on the custom link object', async () => {
        const out = await invoke({ policyId: POLICIES.custom }, { user: 'customhidden', config: { [service.linkKey]: CUSTOM_JOB_LINK } });
        expect(out).toMatchObject({ errorCode: 'INVOKE-403', details: { fields: ['PolicyJobLink__c.JobId__c'] } });
      });
    });

    describe('injection: values are bound, never concatenated', () => {
      it.each([
        ['a quote breaking out', "x' OR ReferencePolicyNumber != '"],
        ['a backslash before a quote', "REF\\' OR Name != '"],
        ['a lone percent', '%'],
        ['a LIKE underscore pattern', 'REF-000_'],
        ['a LIKE percent pattern', 'REF%'],
        ['a bind-looking value', ':referenceNumbers'],
      ])('%s matches nothing', async (_why, referencePolicyNumber) => {
        expect((await invoke({ referencePolicyNumber })).errorCode).toBe('INVOKE-404');
      });
      it('quotes, backslashes and wildcards match only the exact record', async () => {
        expect((await invoke({ referencePolicyNumber: REFS.injection })).jobId).toBe(JOBS.injection);
      });
    });
  });
}
