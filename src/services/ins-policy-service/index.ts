import { defineService } from '../../core/define-service';
import { getPolicyAsyncJobStatusMethod } from './get-policy-async-job-status';
import { getOutOfSequenceEndorsementStatusMethod } from './get-out-of-sequence-endorsement-status';
import { createMultiRootPolicyMethod } from './create-multi-root-policy';
import { createMultiRootPolicyVersionMethod } from './create-multi-root-policy-version';
import { createOutOfSequencePolicyVersionMethod } from './create-out-of-sequence-policy-version';
import { renewPoliciesInBatchMethod } from './renew-policies-in-batch';

/** The Insurance managed package's InsPolicyService, as far as ipemu emulates it. */
export const insPolicyService = defineService('InsPolicyService', {
  getPolicyAsyncJobStatus: getPolicyAsyncJobStatusMethod,
  getOutOfSequenceEndorsementStatus: getOutOfSequenceEndorsementStatusMethod,
  createMultiRootPolicy: createMultiRootPolicyMethod,
  createMultiRootPolicyVersion: createMultiRootPolicyVersionMethod,
  createOutOfSequencePolicyVersion: createOutOfSequencePolicyVersionMethod,
  renewPoliciesInBatch: renewPoliciesInBatchMethod,
});
