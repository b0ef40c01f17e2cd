import { PACKAGE_SERVICES } from '../../../src/mock-org/package';
import { PACKAGE_SERVICE_KEYS } from '../../../src/mock-org/package/async-jobs';
import { counts, demoOrg, refusal } from './package-helpers';

describe('MockOrg.callPackage', () => {
  test('an unknown Class:Method is NOT_FOUND naming it, and writes nothing', async () => {
    const { org } = await demoOrg();
    const before = counts(org);
    const err = await refusal(org.callPackage('InsPolicyService:cancelPoliciesInBulk', { policyIds: [] }));
    expect([err.code, err.message]).toEqual(['NOT_FOUND', 'The Insurance package on the mock org has no service InsPolicyService:cancelPoliciesInBulk.']);
    expect(counts(org)).toEqual(before);
  });

  test('the dispatch table holds exactly the job starters asyncJobs rules may name', () => {
    expect([...PACKAGE_SERVICES.keys()].sort()).toEqual([...PACKAGE_SERVICE_KEYS].sort());
  });
});
