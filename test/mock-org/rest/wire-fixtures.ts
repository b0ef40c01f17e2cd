import type { FixtureDocument } from '../../../src/mock-org/fixtures/types';
import { makeId } from '../../../src/salesforce/ids';

/** A small org for the transport tests: what is asked matters, not how much there is. */
export const WIRE_POLICY_ID = makeId('0YT', 1);
export const WIRE_TOKEN = 'startup-token-for-admin';
export const V = '/services/data/v64.0';

export function wireFixtures(): FixtureDocument {
  return {
    users: { admin: { default: true } },
    records: {
      InsurancePolicy: [
        { Id: WIRE_POLICY_ID, Name: 'P-0001', ReferencePolicyNumber: 'REF-1', ParentPolicyId: null },
        { Id: makeId('0YT', 2), Name: 'P-0002', ReferencePolicyNumber: 'REF-2', ParentPolicyId: null },
      ],
    },
  };
}
