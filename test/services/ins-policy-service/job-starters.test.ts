import { createEmulator } from '../../../src/ipemu';
import { IpemuError } from '../../../src/core/errors';
import type { Org, PackageAnswer, PackageParams, WriteOptions } from '../../../src/core/org';
import { buildOpenApi } from '../../../src/http/openapi';
import { makeId } from '../../../src/salesforce/ids';

/** A fake org: reads nothing, and records each package call, answering what the test says. */
function packageOrg(answer: (key: string, params: PackageParams) => PackageAnswer | Promise<PackageAnswer> = () => ({ jobId: JOB })) {
  const calls: { key: string; params: PackageParams; signal: boolean }[] = [];
  const org: Org = {
    cacheKey: 'fake:package',
    query: () => Promise.reject(new Error('no queries expected')),
    describe: () => Promise.reject(new Error('no describes expected')),
    callPackage: async (key: string, params: PackageParams, options?: WriteOptions) => {
      calls.push({ key, params, signal: options?.signal instanceof AbortSignal });
      return answer(key, params);
    },
  };
  return { org, calls };
}

/** A real org as far as the starters can tell: no managed package to run. */
const READ_ONLY_ORG: Org = { cacheKey: 'fake:real', query: () => Promise.reject(new Error('no')), describe: () => Promise.reject(new Error('no')) };

const JOB = '7075j00004uK6GjAAK';
const QUOTE = makeId('0Q0', 1);
const POLICY = '0YT5w000000Y8MNGA0';
const POLICY2 = makeId('0YT', 2);
const REQUEST = makeId('0rf', 7);

const MULTI_ROOT = 'InsPolicyService:createMultiRootPolicy';
const MULTI_ROOT_VERSION = 'InsPolicyService:createMultiRootPolicyVersion';
const OUT_OF_SEQUENCE = 'InsPolicyService:createOutOfSequencePolicyVersion';
const RENEW = 'InsPolicyService:renewPoliciesInBatch';

/** A valid input for each starter: every test changes one key of it. */
const VALID: Record<string, Record<string, unknown>> = {
  [MULTI_ROOT]: { quoteId: QUOTE, effectiveDate: '2026-12-01' },
  [MULTI_ROOT_VERSION]: { policyId: POLICY, quoteId: QUOTE, effectiveDate: '2026-12-01' },
  [OUT_OF_SEQUENCE]: { policyId: POLICY, effectiveDate: '2026-12-01' },
  [RENEW]: { policyIds: [POLICY] },
};

function emulatorOn(org: Org) {
  return createEmulator({ org, procedures: false });
}

async function invoke(key: string, input: Record<string, unknown>, options?: Record<string, unknown>) {
  const fake = packageOrg((k) => (k === RENEW ? { jobId: JOB, jobIds: [JOB], requestId: REQUEST } : { jobId: JOB }));
  const out = await emulatorOn(fake.org).invoke(key, input, options);
  return { out, calls: fake.calls };
}

describe('job starters: validation (INVOKE-400 naming the key, before the org is asked)', () => {
  const cases: [string, string, Record<string, unknown>][] = [];
  const add = (key: string, fault: string, change: Record<string, unknown>) => cases.push([key, fault, change]);
  for (const key of [MULTI_ROOT, MULTI_ROOT_VERSION, OUT_OF_SEQUENCE]) {
    add(key, 'effectiveDate', { effectiveDate: undefined });
    add(key, 'effectiveDate', { effectiveDate: null });
    add(key, 'effectiveDate', { effectiveDate: '01/12/2026' });
    add(key, 'effectiveDate', { effectiveDate: '2026-02-30' });
    add(key, 'effectiveDate', { effectiveDate: '2026-12-01T00:00:00Z' });
    add(key, 'effectiveDate', { effectiveDate: 20261201 });
  }
  for (const key of [MULTI_ROOT, MULTI_ROOT_VERSION]) {
    add(key, 'quoteId', { quoteId: undefined });
    add(key, 'quoteId', { quoteId: 'not-an-id' });
    add(key, 'quoteId', { quoteId: POLICY });
    add(key, 'quoteId', { quoteId: `${QUOTE.slice(0, 15)}AAA` });
    add(key, 'additionalFields', { additionalFields: 'x' });
    add(key, 'additionalFields', { additionalFields: [{}] });
    add(key, 'additionalFields', { additionalFields: { AUTO: 'x' } });
    add(key, 'additionalFields', { additionalFields: { MULTI_ROOT_PARENT_POLICY: [] } });
  }
  for (const key of [MULTI_ROOT_VERSION, OUT_OF_SEQUENCE]) {
    add(key, 'policyId', { policyId: undefined });
    add(key, 'policyId', { policyId: QUOTE });
    add(key, 'policyId', { policyId: '0YT5w' });
  }
  add(MULTI_ROOT, 'endDate', { endDate: '2027-13-01' });
  add(MULTI_ROOT, 'ratingDate', { ratingDate: 'tomorrow' });
  for (const flag of ['createTransaction', 'createContactForParticipants', 'refPolicyNumToPopulate']) {
    add(MULTI_ROOT, flag, { [flag]: 'true' });
    add(MULTI_ROOT, flag, { [flag]: 1 });
  }
  add(MULTI_ROOT, 'transactionType', { transactionType: '  ' });
  add(MULTI_ROOT, 'term', { term: 12 });
  add(OUT_OF_SEQUENCE, 'quoteId', { quoteId: POLICY });
  add(OUT_OF_SEQUENCE, 'additionalFields', { additionalFields: 'Status=Draft' });
  add(OUT_OF_SEQUENCE, 'additionalFields', { additionalFields: [] });
  add(RENEW, 'policyIds', { policyIds: undefined });
  add(RENEW, 'policyIds', { policyIds: POLICY });
  add(RENEW, 'policyIds', { policyIds: [] });
  add(RENEW, 'policyIds', { policyIds: Array.from({ length: 2001 }, (_, i) => makeId('0YT', i + 1)) });
  add(RENEW, 'policyIds[1]', { policyIds: [POLICY, QUOTE] });
  add(RENEW, 'policyIds', { policyIds: [42] });
  add(RENEW, 'policyIds[1]', { policyIds: [POLICY, POLICY] });
  add(RENEW, 'policyIds[1]', { policyIds: [POLICY, POLICY.slice(0, 15)] });
  add(RENEW, 'jobSize', { jobSize: 0 });
  add(RENEW, 'jobSize', { jobSize: 2.5 });
  add(RENEW, 'jobSize', { jobSize: '3' });
  add(RENEW, 'batchSize', { batchSize: 13 });
  add(RENEW, 'batchSize', { batchSize: 0 });
  add(RENEW, 'renewalClassName', { renewalClassName: '' });

  it.each(cases)('%s: a bad %s (%j) → 400 naming it, no package call', async (key, fault, change) => {
    const input = { ...VALID[key], ...change };
    for (const [name, value] of Object.entries(change)) if (value === undefined) delete input[name];
    const { out, calls } = await invoke(key, input);
    expect(out.errorCode).toBe('INVOKE-400');
    expect(out.error).toContain(fault);
    expect(calls).toEqual([]);
  });

  it('reports every fault at once, each in details', async () => {
    const { out } = await invoke(MULTI_ROOT, { quoteId: 'x', endDate: 'y', term: ' ' });
    expect((out.details as { path: string }[]).map((d) => d.path)).toEqual(['quoteId', 'effectiveDate', 'endDate', 'term']);
  });

  it('lists at most ten element faults of a long policyIds, then how many more', async () => {
    const { out } = await invoke(RENEW, { policyIds: Array.from({ length: 30 }, (_, i) => `bad${i}`) });
    expect(out.details as unknown[]).toHaveLength(11);
    expect(out.error).toContain('policyIds: 20 more faults.');
  });

  it('2,000 distinct policies are accepted', async () => {
    const { out, calls } = await invoke(RENEW, { policyIds: Array.from({ length: 2000 }, (_, i) => makeId('0YT', i + 1)) });
    expect(out.errorCode).toBe('INVOKE-200');
    expect((calls[0]!.params.policyIds as string[]).length).toBe(2000);
  });

  it('batchSize 12 and jobSize 500 are accepted', async () => {
    expect((await invoke(RENEW, { policyIds: [POLICY], batchSize: 12, jobSize: 500 })).out.errorCode).toBe('INVOKE-200');
  });
});

describe('job starters: what the package receives', () => {
  it('exactly the contract keys that were passed, Ids in 18 characters, no defaults filled', async () => {
    const { out, calls } = await invoke(MULTI_ROOT, {
      quoteId: QUOTE.slice(0, 15),
      effectiveDate: '2026-12-01',
      createTransaction: false,
      term: null,
      additionalFields: { MULTI_ROOT_PARENT_POLICY: { Status: 'Draft' } },
      ContextId: 'ignored',
    });
    expect(out).toEqual({ jobId: JOB, errorCode: 'INVOKE-200', error: 'OK' });
    expect(calls).toEqual([
      {
        key: MULTI_ROOT,
        params: { quoteId: QUOTE, effectiveDate: '2026-12-01', createTransaction: false, additionalFields: { MULTI_ROOT_PARENT_POLICY: { Status: 'Draft' } } },
        signal: true,
      },
    ]);
  });

  it('reads a key from options when the input lacks it (Remote Options), and the input wins', async () => {
    const { calls } = await invoke(OUT_OF_SEQUENCE, { policyId: POLICY }, { effectiveDate: '2026-11-15', policyId: POLICY2, quoteId: QUOTE });
    expect(calls[0]!.params).toEqual({ policyId: POLICY, effectiveDate: '2026-11-15', quoteId: QUOTE });
  });

  it.each([
    [
      MULTI_ROOT,
      VALID[MULTI_ROOT]!,
      {
        endDate: '2027-12-01',
        ratingDate: '2026-11-30',
        transactionType: 'Sold Policy',
        term: 'Annual',
        refPolicyNumToPopulate: true,
        createContactForParticipants: false,
      },
    ],
    [MULTI_ROOT_VERSION, VALID[MULTI_ROOT_VERSION]!, { additionalFields: { AUTO: { Status: 'Draft' } } }],
    [OUT_OF_SEQUENCE, VALID[OUT_OF_SEQUENCE]!, { quoteId: QUOTE, additionalFields: { Status: 'Draft' } }],
    [RENEW, VALID[RENEW]!, { jobSize: 2, batchSize: 5, renewalClassName: 'MyRenewal' }],
  ])('%s: every optional key read from options too', async (key, input, options) => {
    const { out, calls } = await invoke(key, input, options);
    expect(out.errorCode).toBe('INVOKE-200');
    expect(calls[0]!.params).toEqual({ ...input, ...options });
  });

  it('renewals answer jobId (the first job), jobIds and requestId', async () => {
    const second = makeId('707', 8);
    const fake = packageOrg(() => ({ jobId: JOB, jobIds: [JOB, second], requestId: REQUEST, extra: 'dropped' }));
    const out = await emulatorOn(fake.org).invoke(RENEW, { policyIds: [POLICY, POLICY2], jobSize: 1 });
    expect(out).toEqual({ jobId: JOB, jobIds: [JOB, second], requestId: REQUEST, errorCode: 'INVOKE-200', error: 'OK' });
    expect(fake.calls[0]!.params).toEqual({ policyIds: [POLICY, POLICY2], jobSize: 1 });
  });
});

describe('job starters: the org', () => {
  it.each(Object.keys(VALID))('%s on an org without the Insurance package → 501 naming the service and why', async (key) => {
    const out = await emulatorOn(READ_ONLY_ORG).invoke(key, VALID[key]);
    expect(out).toEqual({
      errorCode: 'INVOKE-501',
      error: `${key} starts an Apex job of the Insurance managed package; ipemu runs it on a mock org, and this org is not one.`,
    });
  });

  it('validation comes first, even on an org without the package', async () => {
    expect((await emulatorOn(READ_ONLY_ORG).invoke(MULTI_ROOT, { quoteId: QUOTE })).errorCode).toBe('INVOKE-400');
  });

  it.each([
    ['NOT_FOUND', 'INVOKE-404'],
    ['INVALID_INPUT', 'INVOKE-400'],
    ['NOT_IMPLEMENTED', 'INVOKE-501'],
  ] as const)('the package refusing with %s answers %s with its message', async (code, invokeCode) => {
    const fake = packageOrg(() => {
      throw new IpemuError(code, `Quote ${QUOTE} says no.`);
    });
    expect(await emulatorOn(fake.org).invoke(MULTI_ROOT, VALID[MULTI_ROOT])).toEqual({ errorCode: invokeCode, error: `Quote ${QUOTE} says no.` });
  });

  it.each([
    ['no jobId', MULTI_ROOT, {}],
    ['a jobId that is not an AsyncApexJob Id', MULTI_ROOT, { jobId: POLICY }],
    ['no jobIds', RENEW, { jobId: JOB, requestId: REQUEST }],
    ['a requestId that is not a bulk request Id', RENEW, { jobId: JOB, jobIds: [JOB], requestId: JOB }],
  ])('a package answer with %s is the org at fault (502)', async (_why, key, answer) => {
    const fake = packageOrg(() => answer);
    const out = await emulatorOn(fake.org).invoke(key, VALID[key]);
    expect(out.errorCode).toBe('INVOKE-502');
  });

  it('the package answer jobId comes back in 18 characters', async () => {
    const fake = packageOrg(() => ({ jobId: JOB.slice(0, 15) }));
    expect((await emulatorOn(fake.org).invoke(MULTI_ROOT, VALID[MULTI_ROOT])).jobId).toBe(JOB);
  });
});

describe('the family in listings', () => {
  const KEYS = [
    'InsPolicyService:getOutOfSequenceEndorsementStatus',
    MULTI_ROOT,
    MULTI_ROOT_VERSION,
    OUT_OF_SEQUENCE,
    RENEW,
    'InsAsyncBulkService:getRequestStatusById',
    'InsAsyncBulkService:getRequestStatusByUser',
  ];

  it('emu.services() lists each new service with its input schema', () => {
    const listed = new Map(
      emulatorOn(READ_ONLY_ORG)
        .services()
        .map((s) => [s.key, s]),
    );
    for (const key of KEYS) {
      expect(listed.get(key)?.description).toEqual(expect.any(String));
      expect(listed.get(key)?.inputSchema.type).toBe('object');
    }
  });

  it('/openapi.json has a POST path for each', () => {
    const doc = buildOpenApi(emulatorOn(READ_ONLY_ORG)) as { paths: Record<string, { post?: unknown }> };
    for (const key of KEYS) expect(doc.paths[`/invoke/${key}`]?.post).toBeDefined();
  });
});
