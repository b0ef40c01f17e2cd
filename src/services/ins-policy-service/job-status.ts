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

/** True when `text` is `YYYY-MM-DDTHH:MM:SS.sss` followed by `+0000` or `Z`: checked by char code, no regex, no Date. */
function isUtcDateTime(text: string): boolean {
  const n = text.length;
  if (n === 24 ? text.charCodeAt(23) !== 90 : n !== 28 || !text.endsWith('+0000')) return false;
  for (let i = 0; i < 23; i++) {
    const c = text.charCodeAt(i);
    const expected = i === 4 || i === 7 ? 45 : i === 10 ? 84 : i === 13 || i === 16 ? 58 : i === 19 ? 46 : 0;
    if (expected === 0 ? c < 48 || c > 57 : c !== expected) return false;
  }
  return true;
}

function createdTime(job: JobRow): number {
  const text = job.CreatedDate;
  if (!text) return -Infinity;
  // Date.parse does not read the +0000 offset form; rewrite it to +00:00.
  const time = Date.parse(UTC_DATETIME.test(text) ? `${text.slice(0, 23)}Z` : text.replace(/([+-]\d{2})(\d{2})$/, '$1:$2'));
  return Number.isNaN(time) ? -Infinity : time;
}

/**
 * Orders two CreatedDates: -1, 0 or 1. Two in Salesforce's UTC form (what every org and the mock
 * return) compare as text, which orders them as their instants; any other form is parsed.
 */
function compareCreated(a: JobRow, b: JobRow): number {
  const x = a.CreatedDate;
  const y = b.CreatedDate;
  if (x && y && isUtcDateTime(x) && isUtcDateTime(y)) {
    for (let i = 0; i < 23; i++) {
      const d = x.charCodeAt(i) - y.charCodeAt(i);
      if (d !== 0) return d < 0 ? -1 : 1;
    }
    return 0;
  }
  const dx = createdTime(a);
  const dy = createdTime(b);
  return dx < dy ? -1 : dx > dy ? 1 : 0;
}

/**
 * The latest job by CreatedDate; ties go to the greater Id. Ids compare by their 15-character
 * case-sensitive form in code-point order, which is how Salesforce orders Ids.
 */
export function latestJob(jobs: readonly JobRow[]): JobRow | undefined {
  let best: JobRow | undefined;
  for (const job of jobs) {
    if (!best) {
      best = job;
      continue;
    }
    const order = compareCreated(job, best);
    if (order > 0 || (order === 0 && job.Id.slice(0, 15) > best.Id.slice(0, 15))) best = job;
  }
  return best;
}
