import { starterMethod } from './job-starter';
import { POLICY_KEY_PREFIX } from './input-keys';

/**
 * (ipemu) A ceiling on batchSize: Salesforce documents 12 for cancelPoliciesInBulk's batchSize and
 * none for renewPoliciesInBatch's, so the documented one of the family is applied here too.
 */
export const MAX_BATCH_SIZE = 12;
/** (ipemu) At most this many policies per call: one query page of the org. */
export const MAX_RENEWED_POLICIES = 2_000;

/** Renews policies in Apex jobs of `jobSize` policies each, tracked by one InsuranceAsyncBulkRequest. */
export const renewPoliciesInBatchMethod = starterMethod({
  method: 'renewPoliciesInBatch',
  description:
    'Starts the Apex batch jobs that renew policies (jobSize policies per job) under one bulk request; answers jobId (the first job), jobIds and requestId.',
  batch: true,
  params: {
    policyIds: { rule: { kind: 'idList', prefix: POLICY_KEY_PREFIX, object: 'InsurancePolicy', max: MAX_RENEWED_POLICIES }, required: true },
    jobSize: { rule: { kind: 'integer', min: 1, why: 'policies per Apex job' } },
    batchSize: { rule: { kind: 'integer', min: 1, max: MAX_BATCH_SIZE, why: 'the batch size Salesforce documents for its bulk policy services' } },
    renewalClassName: { rule: { kind: 'text' } },
  },
});
