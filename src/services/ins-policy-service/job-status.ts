import { IpemuError } from '../../core/errors';
import { normalizeId } from '../../salesforce/ids';
import { isUtcDateTime } from '../../salesforce/datetimes';

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
      throw new IpemuError('ORG_ERROR', `The org returned AsyncApexJob ${String(job.Id)} ${job.Status === null ? 'without a Status' : `with a Status Salesforce does not document: "${status}"`}.`, {
        object: 'AsyncApexJob',
        field: 'Status',
      });
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

/** Salesforce's UTC datetime form, `2026-11-01T10:00:00.000+0000`, whose text sorts as its time does. */
const UTC_DATETIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}(?:\+0000|Z)$/;

/** Salesforce's UTC form (see isUtcDateTime): such texts order as their instants, so comparing their first 23 characters needs no date parsing. */
function isUtcForm(text: string | null): text is string {
  return text !== null && isUtcDateTime(text);
}

/** Orders two texts of the UTC form by their first 23 characters (the suffix is `+0000` or `Z`, both UTC). */
function compareUtcForm(a: string, b: string): number {
  for (let i = 0; i < 23; i++) {
    const d = a.charCodeAt(i) - b.charCodeAt(i);
    if (d !== 0) return d;
  }
  return 0;
}

function createdTime(job: JobRow): number {
  const text = job.CreatedDate;
  if (!text) return -Infinity;
  // Date.parse does not read the +0000 offset form; rewrite it to +00:00.
  const time = Date.parse(UTC_DATETIME.test(text) ? `${text.slice(0, 23)}Z` : text.replace(/([+-]\d{2})(\d{2})$/, '$1:$2'));
  return Number.isNaN(time) ? -Infinity : time;
}

/**
 * The latest job by CreatedDate; ties go to the greater Id. Ids compare by their 15-character
 * case-sensitive form in code-point order, which is how Salesforce orders Ids.
 */
export function latestJob(jobs: readonly JobRow[]): JobRow | undefined {
  if (jobs.length <= 1) return jobs[0];
  const laterId = (job: JobRow, best: JobRow): boolean => job.Id.slice(0, 15) > best.Id.slice(0, 15);
  // What every org returns: compare the texts, parsing nothing.
  if (jobs.every((job) => isUtcForm(job.CreatedDate))) {
    let best = jobs[0];
    for (let i = 1; i < jobs.length; i++) {
      const order = compareUtcForm(jobs[i].CreatedDate!, best.CreatedDate!);
      if (order > 0 || (order === 0 && laterId(jobs[i], best))) best = jobs[i];
    }
    return best;
  }
  let best: JobRow | undefined;
  let bestTime = -Infinity;
  for (const job of jobs) {
    const time = createdTime(job);
    if (!best || time > bestTime || (time === bestTime && laterId(job, best))) {
      best = job;
      bestTime = time;
    }
  }
  return best;
}
