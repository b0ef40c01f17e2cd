import { IpemuError } from '../../core/errors';
import { normalizeId } from '../../org/salesforce-id';

/** The service's status values (Salesforce's documentation). */
export type PolicyJobStatus = 'WaitingToProcess' | 'InProgress' | 'Success' | 'Failed' | 'Aborted';

/** The AsyncApexJob fields the status needs. */
export const JOB_FIELDS = ['Id', 'Status', 'NumberOfErrors', 'ExtendedStatus', 'CreatedDate'] as const;

export interface JobRow {
  Id: string;
  Status: string | null;
  NumberOfErrors: number | null;
  ExtendedStatus: string | null;
  CreatedDate: string | null;
}

export type StatusOutput = {
  status: PolicyJobStatus;
  jobId: string;
  errorCode: 'INVOKE-200';
  error: string;
};

const WAITING = new Set(['Holding', 'Queued', 'Preparing']);

/** DESIGN.md §2 step 6 (ipemu): AsyncApexJob.Status → service status. */
export function mapJobStatus(job: Pick<JobRow, 'Status' | 'NumberOfErrors'>): PolicyJobStatus {
  const status = job.Status ?? '';
  if (WAITING.has(status)) return 'WaitingToProcess';
  switch (status) {
    case 'Processing':
      return 'InProgress';
    case 'Completed':
      return (job.NumberOfErrors ?? 0) > 0 ? 'Failed' : 'Success';
    case 'Failed':
      return 'Failed';
    case 'Aborted':
      return 'Aborted';
    default:
      // An org that reports a status Salesforce does not document is not the caller's mistake.
      throw new IpemuError('INTERNAL', `AsyncApexJob ${job.Status === null ? 'has no Status' : `has an unknown Status "${status}"`}.`);
  }
}

function message(status: PolicyJobStatus, extendedStatus: string | null): string {
  const extended = typeof extendedStatus === 'string' && extendedStatus.trim() !== '' ? extendedStatus : undefined;
  if (status === 'Failed') return extended ?? 'The job failed.';
  if (status === 'Aborted') return extended ?? 'The job was aborted.';
  return 'OK';
}

/** The success output map, keys in the documented order; jobId always 18 characters. */
export function statusOutput(job: JobRow): StatusOutput {
  const status = mapJobStatus(job);
  const jobId = normalizeId(job.Id) ?? job.Id;
  return { status, jobId, errorCode: 'INVOKE-200', error: message(status, job.ExtendedStatus) };
}

function createdTime(job: JobRow): number {
  const time = job.CreatedDate ? Date.parse(job.CreatedDate.replace(/([+-]\d{2})(\d{2})$/, '$1:$2')) : NaN;
  return Number.isNaN(time) ? -Infinity : time;
}

/**
 * The latest job by CreatedDate; ties go to the greater Id. Ids compare by their 15-character
 * case-sensitive form in code-point order, which is how Salesforce orders Ids.
 */
export function latestJob(jobs: readonly JobRow[]): JobRow | undefined {
  let best: JobRow | undefined;
  let bestTime = -Infinity;
  for (const job of jobs) {
    const time = createdTime(job);
    if (!best || time > bestTime || (time === bestTime && job.Id.slice(0, 15) > best.Id.slice(0, 15))) {
      best = job;
      bestTime = time;
    }
  }
  return best;
}
