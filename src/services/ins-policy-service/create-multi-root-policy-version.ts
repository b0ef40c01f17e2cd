import { starterMethod } from './job-starter';
import { POLICY_KEY_PREFIX } from './input-keys';
import { QUOTE_KEY_PREFIX } from './starter-params';

/** Endorses a multi-root policy from an endorsement quote: a new version of the parent and its children, in one Apex job. */
export const createMultiRootPolicyVersionMethod = starterMethod({
  method: 'createMultiRootPolicyVersion',
  description: 'Starts the Apex job that creates a new version of a multi-root policy from an endorsement quote; answers its jobId.',
  params: {
    policyId: { rule: { kind: 'id', prefix: POLICY_KEY_PREFIX, object: 'InsurancePolicy' }, required: true },
    quoteId: { rule: { kind: 'id', prefix: QUOTE_KEY_PREFIX, object: 'Quote' }, required: true },
    effectiveDate: { rule: { kind: 'date' }, required: true },
    additionalFields: { rule: { kind: 'fieldsByKey' } },
  },
});
