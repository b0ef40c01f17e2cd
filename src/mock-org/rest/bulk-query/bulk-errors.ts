import { OrgError } from '../../../core/org';
import type { JobState } from './job-info';

/**
 * Every refusal of the Bulk API 2.0 query resources, in Salesforce's error array (sent through
 * rest-errors.ts like every OrgError). Codes and wording the guide documents are cited; the rest
 * are marked (ipemu).
 */

/** (ipemu) A body value outside an enum: the JSON parser's refusal, as the REST API answers a bad enum in a JSON body. */
export function notOneOf(name: string, value: unknown, allowed: readonly string[]): OrgError {
  return new OrgError(
    'JSON_PARSER_ERROR',
    `Cannot deserialize value of type \`${name}\` from String ${JSON.stringify(String(value))}: value not one of declared Enum instance names: [${allowed.join(', ')}]`,
  );
}

/** (ipemu) A job request without a required property, or not a JSON object at all. */
export function invalidJob(message: string): OrgError {
  return new OrgError('INVALIDJOB', message);
}

/**
 * What Bulk API 2.0 query refuses that the REST API's /query takes: "GROUP BY, OFFSET, or TYPEOF
 * clauses", "Aggregate Functions such as COUNT()", "Parent-to-child relationship queries"
 * (queries.htm, "Understanding Bulk API 2.0 Query"). (ipemu) The code and wording.
 */
export function notInBulkQuery(feature: string): OrgError {
  return new OrgError('API_ERROR', `${feature} not supported in Bulk V2 Query with CSV content type`);
}

const STATUS_WORDS: Readonly<Record<JobState, string>> = {
  UploadComplete: 'UPLOAD_COMPLETE',
  InProgress: 'IN_PROGRESS',
  Aborted: 'ABORTED',
  JobComplete: 'JOB_COMPLETE',
  Failed: 'FAILED',
};

/** Results of a job not (yet, or never) complete: 412 JOB_NOT_COMPLETE, the guide's example (query_get_job_results.htm). */
export function jobNotComplete(state: JobState): OrgError {
  return new OrgError(
    'JOB_NOT_COMPLETE',
    `can only download query results of successfully completed bulk job with status: JOB_COMPLETE. Current status: ${STATUS_WORDS[state]}`,
    412,
  );
}

/** Results asked in another API version than the job's: "the call returns a 409 error" (query_get_job_results.htm). (ipemu) The code and wording. */
export function versionMismatch(jobVersion: string): OrgError {
  return new OrgError('API_VERSION_MISMATCH', `Use API version ${jobVersion} to get the results of this job: it was created in that version.`, 409);
}

/** (ipemu) A locator this job never handed out. */
export function invalidLocator(locator: string): OrgError {
  return new OrgError('INVALID_LOCATOR', `Invalid locator: ${locator}`);
}

/** (ipemu) maxRecords that is not a whole number from 1. */
export function invalidMaxRecords(value: string): OrgError {
  return new OrgError('INVALIDJOB', `maxRecords must be a positive whole number: ${value}`);
}

/** (ipemu) PATCH to a state other than Aborted, or aborting a job that has finished. */
export function invalidJobState(message: string): OrgError {
  return new OrgError('INVALIDJOBSTATE', message);
}

/** Deleting a job still running: "You can only delete a job if its state is JobComplete, Aborted, or Failed" (query_delete_job.htm, its example body). */
export const JOB_NOT_TERMINATED = (): OrgError => new OrgError('API_ERROR', 'Error encountered when deleting the job because the job is not terminated');
