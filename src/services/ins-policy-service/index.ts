import { defineService } from '../../core/define-service';
import { getPolicyAsyncJobStatusMethod } from './get-policy-async-job-status';

/** The Insurance managed package's InsPolicyService, as far as ipemu emulates it. */
export const insPolicyService = defineService('InsPolicyService', {
  getPolicyAsyncJobStatus: getPolicyAsyncJobStatusMethod,
});
