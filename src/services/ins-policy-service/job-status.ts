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

/** The number written by the digits of `text` from `at`, `length` of them (the caller checked they are digits). */
function digits(text: string, at: number, length: number): number {
  let value = 0;
  for (let i = at; i < at + length; i++) value = value * 10 + text.charCodeAt(i) - 48;
  return value;
}

const DIGIT_AT = [0, 1, 2, 3, 5, 6, 8, 9, 11, 12, 14, 15, 17, 18, 20, 21, 22];
const DAYS_IN_MONTH = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];

/**
 * True when `text` is a real instant in Salesforce's UTC form (`2026-11-01T10:00:00.000+0000` or
 * `…Z`), checked by char code. Such texts order as their instants do, so comparing their first 23
 * characters needs no date parsing.
 */
function isUtcForm(text: string | null): text is string {
  if (text === null) return false;
  const n = text.length;
  if (n === 24 ? text.charCodeAt(23) !== 90 : n !== 28 || !text.endsWith('+0000')) return false;
  if (text.charCodeAt(4) !== 45 || text.charCodeAt(7) !== 45 || text.charCodeAt(10) !== 84) return false;
  if (text.charCodeAt(13) !== 58 || text.charCodeAt(16) !== 58 || text.charCodeAt(19) !== 46) return false;
  for (let k = 0; k < DIGIT_AT.length; k++) {
    const c = text.charCodeAt(DIGIT_AT[k]);
    if (c < 48 || c > 57) return false;
  }
  const year = digits(text, 0, 4);
  const month = digits(text, 5, 2);
  const day = digits(text, 8, 2);
  if (month < 1 || month > 12 || day < 1 || digits(text, 11, 2) > 23 || digits(text, 14, 2) > 59 || digits(text, 17, 2) > 59) return false;
  const leap = (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
  return day <= DAYS_IN_MONTH[month - 1] + (month === 2 && leap ? 1 : 0);
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
