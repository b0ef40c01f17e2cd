import { defineService } from '../../core/define-service';
import { getPolicyAsyncJobStatusMethod } from './get-policy-async-job-status';
import { getOutOfSequenceEndorsementStatusMethod } from './get-out-of-sequence-endorsement-status';

/** The Insurance managed package's InsPolicyService, as far as ipemu emulates it. */
export const insPolicyService = defineService('InsPolicyService', {
  getPolicyAsyncJobStatus: getPolicyAsyncJobStatusMethod,
  getOutOfSequenceEndorsementStatus: getOutOfSequenceEndorsementStatusMethod,
});
