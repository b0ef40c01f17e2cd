import { IpemuError } from '../../src/core/errors';
import { OrgError, type Org } from '../../src/core/org';
import { createEmulator } from '../../src/ipemu';
import { DEMO_FIXTURES, MockOrg } from '../../src/mock-org/mock-org';
import { readOnlyOrg } from '../../src/parity/read-only-org';
import { JOB_STATUS } from '../../src/parity/parity-services';
import { suiteFixtures } from '../services/ins-policy-service/suite-fixtures';
import { parityOn, parityPair } from './parity-helpers';

const RENEW = 'InsPolicyService:renewPoliciesInBatch';
const WRITERS = ['create', 'update', 'delete', 'callPackage'] as const;

const jobCount = (org: MockOrg): number => org.querySync('SELECT Id FROM AsyncApexJob').records.length;

describe('parity never writes: the read-only org', () => {
  it('has none of create, update, delete, callPackage, while the org it wraps has them all', async () => {
    const org = await MockOrg.fromFixtures(DEMO_FIXTURES);
    for (const writer of WRITERS) {
      expect(typeof org[writer]).toBe('function');
      expect(readOnlyOrg(org)[writer]).toBeUndefined();
    }
  });

  it('a job starter on it answers INVOKE-501 and writes nothing; on the org itself the same call starts a job', async () => {
    const org = await MockOrg.fromFixtures(DEMO_FIXTURES);
    const policyId = org.querySync('SELECT Id FROM InsurancePolicy LIMIT 1').records[0]!.Id as string;
    const before = jobCount(org);
    const refused = await createEmulator({ org: readOnlyOrg(org), procedures: false }).invoke(RENEW, { policyIds: [policyId] });
    expect(refused.errorCode).toBe('INVOKE-501');
    expect(jobCount(org)).toBe(before);
    const started = await createEmulator({ org, procedures: false }).invoke(RENEW, { policyIds: [policyId] });
    expect(started.errorCode).toBe('INVOKE-200');
    expect(jobCount(org)).toBeGreaterThan(before);
  });

  it('passes reads through: query and describe answer as the org does', async () => {
    const org = await MockOrg.fromFixtures(DEMO_FIXTURES);
    const soql = 'SELECT Id, Status FROM AsyncApexJob ORDER BY Id LIMIT 3';
    expect(await readOnlyOrg(org).query(soql)).toEqual(await org.query(soql));
    expect(await readOnlyOrg(org).describe('AsyncApexJob')).toEqual(await org.describe('AsyncApexJob'));
    expect(readOnlyOrg(org).cacheKey).toBe(org.cacheKey);
  });
});

describe('runParity: only the read-only services, on read-only orgs', () => {
  it('refuses inputs of a job starter before any request reaches the org', async () => {
    const pair = await parityPair(suiteFixtures());
    try {
      const requests = pair.server.requestCount();
      const run = parityOn(pair, {
        inputs: [
          { service: JOB_STATUS, input: {} },
          { service: RENEW, input: { policyIds: [] } },
        ],
      });
      await expect(run).rejects.toThrow(IpemuError);
      await expect(run).rejects.toMatchObject({ code: 'INVALID_INPUT', message: expect.stringContaining(`not ${RENEW}`) });
      expect(pair.server.requestCount()).toBe(requests);
    } finally {
      await pair.close();
    }
  });

  it('hands each emulator a read-only org (the real org included), runs the given inputs, and reports progress per chunk', async () => {
    const pair = await parityPair(suiteFixtures());
    const handed: Org[] = [];
    const progress = jest.fn();
    try {
      const report = await parityOn(pair, {
        inputs: [{ service: JOB_STATUS, input: { jobId: '7075j00004uK6GjAAK' } }],
        onProgress: progress,
        emulate: (org, orgLayer) => {
          handed.push(org);
          return createEmulator({ org, orgLayer, procedures: false });
        },
      });
      expect(report).toMatchObject({ compared: 1, services: [JOB_STATUS], differenceCount: 0 });
      expect(handed).toHaveLength(2);
      for (const org of handed) for (const writer of WRITERS) expect(org[writer]).toBeUndefined();
      expect(handed[0]!.remote).toBe(true);
      expect(progress.mock.calls).toEqual([[1, 1, 0]]);
    } finally {
      await pair.close();
    }
  });
});

describe('runParity: an org that fails', () => {
  it('an org failing mid-run (UNREACHABLE) stops the run with ORG_ERROR naming the input, starting no further input, rather than a difference per input', async () => {
    const pair = await parityPair(suiteFixtures());
    let queries = 0;
    const failing: Org = {
      get cacheKey() {
        return pair.org.cacheKey;
      },
      remote: true,
      describe: (sobject, options) => pair.org.describe(sobject, options),
      query: (soql, binds, options) =>
        ++queries > 5 ? Promise.reject(new OrgError('UNREACHABLE', 'The org could not be reached (ECONNRESET).', 502)) : pair.org.query(soql, binds, options),
    };
    try {
      await expect(parityOn({ ...pair, org: failing })).rejects.toMatchObject({
        code: 'ORG_ERROR',
        message: expect.stringMatching(/^parity stopped at input \d+: The org returned an error: The org could not be reached \(ECONNRESET\)\.$/),
      });
      // No input starts after the failure: only those already in flight (8) still ask, not the rest of the 256-input chunk.
      expect(queries).toBeLessThan(40);
    } finally {
      await pair.close();
    }
  });
});
