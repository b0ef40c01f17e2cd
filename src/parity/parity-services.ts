/**
 * The services `ipemu parity` runs: the read-only ones, never a job starter (parity must never
 * write to a real org). run-parity.ts refuses any other key; read-only-org.ts is the second guard.
 */
export const JOB_STATUS = 'InsPolicyService:getPolicyAsyncJobStatus';
export const OOS_STATUS = 'InsPolicyService:getOutOfSequenceEndorsementStatus';
export const REQUEST_BY_ID = 'InsAsyncBulkService:getRequestStatusById';
export const REQUEST_BY_USER = 'InsAsyncBulkService:getRequestStatusByUser';

export const PARITY_SERVICES: readonly string[] = Object.freeze([JOB_STATUS, OOS_STATUS, REQUEST_BY_ID, REQUEST_BY_USER]);

/** The two services that take jobId, policyId and referencePolicyNumber (DESIGN.md §2, §6). */
export const POLICY_STATUS_SERVICES: readonly string[] = Object.freeze([JOB_STATUS, OOS_STATUS]);

/** One invocation to compare: a service key and its input map. */
export interface ParityInput {
  readonly service: string;
  readonly input: Readonly<Record<string, unknown>>;
}
