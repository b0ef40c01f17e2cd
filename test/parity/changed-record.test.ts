import type { FixtureDocument, FixtureRecord } from '../../src/mock-org/fixtures/types';
import type { ParityReport } from '../../src/parity/run-parity';
import { JOB_STATUS, OOS_STATUS, POLICY_STATUS_SERVICES } from '../../src/parity/parity-services';
import { JOBS, POLICIES, REFS, SAMPLE_JOB, suiteFixtures } from '../services/ins-policy-service/suite-fixtures';
import { parityOn, parityPair } from './parity-helpers';

/* One record of the recording differs from the org: parity reports exactly the inputs it touches. */

function edited(edit: (records: Record<string, FixtureRecord[]>) => void): FixtureDocument {
  const doc = suiteFixtures();
  edit(doc.records as Record<string, FixtureRecord[]>);
  return doc;
}

async function parityAgainst(mock: FixtureDocument, mockUser?: string): Promise<ParityReport> {
  const pair = await parityPair(suiteFixtures(), mock, mockUser);
  try {
    return await parityOn(pair, { maxDifferences: 1000 });
  } finally {
    await pair.close();
  }
}

const recordsOf = (side: { records?: unknown[] } | null | undefined): { Id?: string; Status?: string }[] => (side?.records ?? []) as { Id?: string }[];

describe('runParity: a recording that differs in one record', () => {
  it("a job's Status: the jobId inputs of both policy services differ as org Holding → WaitingToProcess, mock Completed → Success, and every difference is a query answered with that job", async () => {
    const report = await parityAgainst(
      edited((r) => {
        r.AsyncApexJob!.find((job) => job.Id === JOBS.holding)!.Status = 'Completed';
      }),
    );
    for (const service of POLICY_STATUS_SERVICES) {
      expect(report.differences).toContainEqual({
        service,
        input: { jobId: JOBS.holding },
        org: { status: 'WaitingToProcess', jobId: JOBS.holding, errorCode: 'INVOKE-200', error: 'OK' },
        mock: { status: 'Success', jobId: JOBS.holding, errorCode: 'INVOKE-200', error: 'OK' },
        queries: expect.objectContaining({ org: expect.objectContaining({ soql: expect.stringContaining('FROM AsyncApexJob') }) }),
      });
    }
    expect(report.differences.length).toBe(report.differenceCount);
    for (const difference of report.differences) {
      expect(recordsOf(difference.queries?.org)).toContainEqual(expect.objectContaining({ Id: JOBS.holding, Status: 'Holding' }));
      expect(recordsOf(difference.queries?.mock)).toContainEqual(expect.objectContaining({ Id: JOBS.holding, Status: 'Completed' }));
    }
  });

  it('a deleted link: the policy it linked answers 404 on the mock only, and every difference is a link query answered without it', async () => {
    let removed: FixtureRecord | undefined;
    const mock = edited((r) => {
      const details = r.InsuranceAsyncBulkRecordDetail!;
      // The sample policy's only link.
      const index = details.findIndex((d) => d.ReferenceRecordId === POLICIES.sample);
      expect(details.filter((d) => d.ReferenceRecordId === POLICIES.sample)).toHaveLength(1);
      removed = details.splice(index, 1)[0];
    });
    const report = await parityAgainst(mock);
    const policyId = POLICIES.sample;
    const forPolicy = report.differences.find((d) => d.service === JOB_STATUS && JSON.stringify(d.input) === JSON.stringify({ policyId }));
    expect(forPolicy?.org).toEqual({ status: 'Success', jobId: SAMPLE_JOB, errorCode: 'INVOKE-200', error: 'OK' });
    expect(forPolicy?.mock.errorCode).toBe('INVOKE-404');
    expect(forPolicy?.mock.error).toContain('No asynchronous job found for policy');
    for (const difference of report.differences) {
      expect(POLICY_STATUS_SERVICES).toContain(difference.service);
      expect(difference.queries?.org?.soql).toContain('FROM InsuranceAsyncBulkRecordDetail');
      // The link query selects no Id: its records name themselves in attributes.url.
      const linkOf = { attributes: expect.objectContaining({ url: expect.stringContaining(String(removed!.Id)) }) };
      expect(recordsOf(difference.queries?.org)).toContainEqual(expect.objectContaining(linkOf));
      expect(recordsOf(difference.queries?.mock)).not.toContainEqual(expect.objectContaining(linkOf));
    }
  });

  it("a field hidden from the mock's user: only referencePolicyNumber inputs differ (mock INVOKE-403), and the values it cannot read are a warning", async () => {
    const report = await parityAgainst(suiteFixtures(), 'agent');
    expect(report.warnings).toEqual([expect.stringContaining('No InsurancePolicy.ReferencePolicyNumber values drawn from the mock org: INVALID_FIELD')]);
    expect(report.differences).toContainEqual(
      expect.objectContaining({
        service: OOS_STATUS,
        input: { referencePolicyNumber: REFS.sample },
        mock: expect.objectContaining({ errorCode: 'INVOKE-403' }),
      }),
    );
    for (const difference of report.differences) {
      expect(typeof difference.input.referencePolicyNumber).toBe('string');
      expect(difference.mock.errorCode).toBe('INVOKE-403');
      expect(difference.org.errorCode).not.toBe('INVOKE-403');
    }
  });

  it('a difference only in the records the services read (an ExtendedStatus the output ignores) is reported with equal outputs', async () => {
    const report = await parityAgainst(
      edited((r) => {
        r.AsyncApexJob!.find((job) => job.Id === SAMPLE_JOB)!.ExtendedStatus = 'A note the status ignores.';
      }),
    );
    const byJob = report.differences.find((d) => d.service === JOB_STATUS && JSON.stringify(d.input) === JSON.stringify({ jobId: SAMPLE_JOB }));
    expect(byJob).toBeDefined();
    expect(byJob!.org).toEqual(byJob!.mock);
    expect(recordsOf(byJob!.queries?.mock)).toContainEqual(expect.objectContaining({ Id: SAMPLE_JOB, ExtendedStatus: 'A note the status ignores.' }));
  });
});
