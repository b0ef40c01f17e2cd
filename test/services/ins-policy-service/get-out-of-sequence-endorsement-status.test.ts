import { createEmulator } from '../../../src/ipemu';
import { resolveConfig } from '../../../src/core/config';
import { MockOrg, DEMO_FIXTURES } from '../../../src/mock-org/mock-org';
import { runServiceSuite, OrgFactory, POLICY_JOB_STATUS, SuiteService } from './get-policy-async-job-status.suite';
import { CUSTOM_JOB_LINK, JOBS, POLICIES, suiteFixtures } from './suite-fixtures';

const OOS: SuiteService = {
  key: 'InsPolicyService:getOutOfSequenceEndorsementStatus',
  jobNoun: 'out-of-sequence endorsement job',
  linkKey: 'outOfSequenceJobLink',
};

const inProcessMockOrg: OrgFactory = async (fixtures, user) => ({ org: await MockOrg.fromFixtures(fixtures, { user }), close: async () => undefined });

// The same contract walked rule by rule (DESIGN.md §2 and §6): the shared implementation must answer as the first service does.
runServiceSuite('in-process MockOrg', inProcessMockOrg, OOS);

describe('getOutOfSequenceEndorsementStatus: its own link (outOfSequenceJobLink, ipemu)', () => {
  async function both(config: Record<string, unknown>, input: Record<string, unknown>) {
    const emulator = createEmulator({ org: await MockOrg.fromFixtures(suiteFixtures()), config, procedures: false });
    return { oos: await emulator.invoke(OOS.key, input), first: await emulator.invoke(POLICY_JOB_STATUS.key, input) };
  }

  it('by default follows the jobLink in effect: a custom jobLink moves both services', async () => {
    const { oos, first } = await both({ jobLink: CUSTOM_JOB_LINK }, { policyId: POLICIES.custom });
    expect(oos).toEqual({ status: 'WaitingToProcess', jobId: JOBS.custom, errorCode: 'INVOKE-200', error: 'OK' });
    expect(first).toEqual(oos);
  });

  it('outOfSequenceJobLink moves only the out-of-sequence service', async () => {
    const { oos, first } = await both({ outOfSequenceJobLink: CUSTOM_JOB_LINK }, { policyId: POLICIES.custom });
    expect(oos.jobId).toBe(JOBS.custom);
    expect(first.errorCode).toBe('INVOKE-404');
    expect(first.error).toContain('No asynchronous job found for policy');
  });

  it('a partial outOfSequenceJobLink takes its missing parts from the jobLink in effect', () => {
    const config = resolveConfig({ jobLink: CUSTOM_JOB_LINK, outOfSequenceJobLink: { jobIdField: 'OtherJob__c' } });
    expect(config.outOfSequenceJobLink).toEqual({ sobject: 'PolicyJobLink__c', policyField: 'Policy__c', jobIdField: 'OtherJob__c' });
    expect(resolveConfig({}).outOfSequenceJobLink).toEqual(resolveConfig({}).jobLink);
  });

  it.each([
    [[], '"outOfSequenceJobLink" must be an object'],
    [{ sobject: 'Bad Name' }, 'outOfSequenceJobLink.sobject must be an object API name'],
    [{ policyField: 'x y' }, 'outOfSequenceJobLink.policyField must be a field API name'],
    [{ jobIdField: 'a..b' }, 'outOfSequenceJobLink.jobIdField must be a field name or relationship path'],
  ])('outOfSequenceJobLink %j is refused naming the key', (value, message) => {
    expect(() => resolveConfig({ outOfSequenceJobLink: value }, 'ipemu.config.json')).toThrow(message);
  });
});

describe('getOutOfSequenceEndorsementStatus on the demo org', () => {
  it.each([
    [{ jobId: '7075j00004uK6GjAAK' }, 'Success', '7075j00004uK6GjAAK'],
    [{ referencePolicyNumber: 'HOME-2025-0042' }, 'Failed', '7075j000000001rAAA'],
    [{ policyId: '0YT5w00000000GBGAY' }, 'Success', '7075j000000001qAAA'],
  ])('%j answers as getPolicyAsyncJobStatus does (%s, %s)', async (input, status, jobId) => {
    const emulator = createEmulator({ org: await MockOrg.fromFixtures(DEMO_FIXTURES), procedures: false });
    const out = await emulator.invoke(OOS.key, input);
    expect(out).toMatchObject({ status, jobId, errorCode: 'INVOKE-200' });
    expect(await emulator.invoke(POLICY_JOB_STATUS.key, input)).toEqual(out);
  });

  it('a policy with no job: 404 naming the out-of-sequence endorsement job', async () => {
    const emulator = createEmulator({ org: await MockOrg.fromFixtures(DEMO_FIXTURES), procedures: false });
    const out = await emulator.invoke(OOS.key, { policyId: '0YT5w00000000GSGAY' });
    expect(out).toEqual({ errorCode: 'INVOKE-404', error: 'No out-of-sequence endorsement job found for policy 0YT5w00000000GSGAY.' });
  });
});
