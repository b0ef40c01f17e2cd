import { starterMethod } from './job-starter';
import { POLICY_KEY_PREFIX } from './input-keys';
import { QUOTE_KEY_PREFIX } from './starter-params';

/** Endorses a policy version back-dated before later versions; the package locks the versions until the job ends. */
export const createOutOfSequencePolicyVersionMethod = starterMethod({
  method: 'createOutOfSequencePolicyVersion',
  description:
    'Starts the Apex job that creates an out-of-sequence endorsement of a (not multi-root) policy version, locking the versions until it ends; answers its jobId.',
  params: {
    policyId: { rule: { kind: 'id', prefix: POLICY_KEY_PREFIX, object: 'InsurancePolicy' }, required: true },
    effectiveDate: { rule: { kind: 'date' }, required: true },
    quoteId: { rule: { kind: 'id', prefix: QUOTE_KEY_PREFIX, object: 'Quote' } },
    additionalFields: { rule: { kind: 'fields' } },
  },
});
