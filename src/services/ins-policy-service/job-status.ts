import { IpemuError } from '../../core/errors';
import { normalizeId } from '../../salesforce/ids';
import { instantOf } from '../../salesforce/datetimes';

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

/** AsyncApexJob.Status values after which a job never changes (issue 14 item 5: such rows may be kept). */
export const FINAL_JOB_STATUSES = ['Completed', 'Failed', 'Aborted'] as const;

/** DESIGN.md §2 step 6 (ipemu): AsyncApexJob.Status → service status. */
export function mapJobStatus(job: Pick<JobRow, 'Id' | 'Status' | 'NumberOfErrors'>): PolicyJobStatus {
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
      // A status Salesforce does not document is the org's answer at fault, not the caller's input.
      throw new IpemuError(
        'ORG_ERROR',
        `The org returned AsyncApexJob ${String(job.Id)} ${job.Status === null ? 'without a Status' : `with a Status Salesforce does not document: "${status}"`}.`,
        {
          object: 'AsyncApexJob',
          field: 'Status',
        },
      );
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

/**
 * DESIGN.md §2 step 5: the latest job by CreatedDate; ties go to the greater Id. Ids compare by
 * their 15-character case-sensitive form in code-point order, which is how Salesforce orders Ids.
 */
export function latestJob(jobs: readonly JobRow[]): JobRow | undefined {
  let best: JobRow | undefined;
  let bestTime = -Infinity;
  for (const job of jobs) {
    const time = instantOf(job.CreatedDate);
    if (!best || time > bestTime || (time === bestTime && job.Id.slice(0, 15) > best.Id.slice(0, 15))) {
      best = job;
      bestTime = time;
    }
  }
  return best;
}
