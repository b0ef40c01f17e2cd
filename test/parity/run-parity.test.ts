import { DEMO_FIXTURES } from '../../src/mock-org/mock-org';
import { SAMPLE_JOB, suiteFixtures } from '../services/ins-policy-service/suite-fixtures';
import { JOB_STATUS, PARITY_SERVICES } from '../../src/parity/parity-services';
import { parityOn, parityPair } from './parity-helpers';

describe('runParity: a recording identical to its org', () => {
  it.each([
    ['fixtures/demo', DEMO_FIXTURES],
    ['the service suite fixtures', suiteFixtures()],
  ])('%s over jsforce against the same fixtures in process: every service compared, 0 differences', async (_name, source) => {
    const pair = await parityPair(source);
    try {
      const report = await parityOn(pair);
      expect(report.differences).toEqual([]);
      expect(report.differenceCount).toBe(0);
      expect(report.services).toEqual(PARITY_SERVICES);
      expect(report.compared).toBeGreaterThan(100);
      expect(report.warnings).toEqual([]);
    } finally {
      await pair.close();
    }
  });
});

describe('runParity: what is not compared', () => {
  it('the API version in attributes.url: an org reached at v62.0 agrees with a mock answering in v64.0', async () => {
    const pair = await parityPair(suiteFixtures(), suiteFixtures(), undefined, '62.0');
    try {
      const report = await parityOn(pair, { inputs: [{ service: JOB_STATUS, input: { jobId: SAMPLE_JOB } }] });
      expect(report.differenceCount).toBe(0);
      const job = await pair.org.query('SELECT Id FROM AsyncApexJob WHERE Id = :id', { id: SAMPLE_JOB });
      expect(job.records[0]!.attributes.url).toContain('/v62.0/');
      expect((await pair.mock.query('SELECT Id FROM AsyncApexJob WHERE Id = :id', { id: SAMPLE_JOB })).records[0]!.attributes.url).toContain('/v64.0/');
    } finally {
      await pair.close();
    }
  });
});
