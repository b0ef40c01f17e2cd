import { jobStatusMethod } from './job-status-service';

/**
 * DESIGN.md §6: getPolicyAsyncJobStatus's contract for out-of-sequence endorsement jobs; its
 * policyId is the endorsed policy version, and the latest job by CreatedDate answers.
 */
export const getOutOfSequenceEndorsementStatusMethod = jobStatusMethod({
  method: 'getOutOfSequenceEndorsementStatus',
  description:
    'Status of an out-of-sequence endorsement job (WaitingToProcess, InProgress, Success, Failed, Aborted) by jobId, policyId (the endorsed policy version) or referencePolicyNumber.',
  linkOf: (config) => config.outOfSequenceJobLink,
  jobNoun: 'out-of-sequence endorsement job',
});
