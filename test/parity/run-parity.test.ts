import { DEMO_FIXTURES } from '../../src/mock-org/mock-org';
import { suiteFixtures } from '../services/ins-policy-service/suite-fixtures';
import { PARITY_SERVICES } from '../../src/parity/parity-services';
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
