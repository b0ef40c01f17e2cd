import { jobStatusMethod } from './job-status-service';

/** DESIGN.md §2: the status of a policy job, read through `jobLink`. */
export const getPolicyAsyncJobStatusMethod = jobStatusMethod({
  method: 'getPolicyAsyncJobStatus',
  description: 'Status of an asynchronous policy job (WaitingToProcess, InProgress, Success, Failed, Aborted) by jobId, policyId or referencePolicyNumber.',
  linkOf: (config) => config.jobLink,
  jobNoun: 'asynchronous job',
});
