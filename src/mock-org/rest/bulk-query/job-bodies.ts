import { formatDateTime } from '../../store/values';
import type { CreatedJob, JobInfo, JobSummary } from './job-info';
import type { Job } from './job-store';

/** The JSON bodies of the job resources, from a job. */

/** What creating a job answers. */
export function createdJobOf(job: Job): CreatedJob {
  const created: Partial<JobSummary> = summaryOf(job);
  delete created.jobType;
  return created as CreatedJob;
}

export function summaryOf(job: Job): JobSummary {
  return {
    id: job.id,
    operation: job.request.operation,
    object: job.object,
    createdById: job.createdById,
    createdDate: formatDateTime(job.createdDate),
    systemModstamp: formatDateTime(job.systemModstamp),
    state: job.state,
    concurrencyMode: 'Parallel',
    contentType: 'CSV',
    apiVersion: Number(job.version.slice(1)),
    jobType: 'V2Query',
    lineEnding: job.request.lineEnding,
    columnDelimiter: job.request.columnDelimiter,
  };
}

export function infoOf(job: Job): JobInfo {
  const info: JobInfo = {
    ...summaryOf(job),
    numberRecordsProcessed: job.state === 'JobComplete' ? (job.result?.rows.length ?? 0) : 0,
    retries: 0,
    totalProcessingTime: job.totalProcessingTime,
    isPkChunkingSupported: false,
  };
  if (job.errorMessage !== undefined) info.errorMessage = job.errorMessage;
  return info;
}

/**
 * A job body as JSON, `apiVersion` written as Salesforce writes it (`64.0`, a decimal: the
 * guide's examples, query_create_job.htm), which JSON.stringify writes `64`. The bodies hold no
 * text a client chose but the object's API name, so the key cannot occur inside a value.
 */
export function jobJson(body: unknown): string {
  return JSON.stringify(body).replace(/"apiVersion":(\d+)(?=[,}])/g, '"apiVersion":$1.0');
}
