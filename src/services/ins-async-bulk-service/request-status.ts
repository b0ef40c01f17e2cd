import { IpemuError } from '../../core/errors';
import type { Org } from '../../core/org';
import { normalizeId } from '../../salesforce/ids';
import { javaDateString } from '../../salesforce/java-date';
import { selectWhereIn } from '../../salesforce/select-where-in';
import type { FieldNeed } from '../../salesforce/field-access';
import { checkId, type Issue } from '../ins-policy-service/input-keys';
import { fetchJobs, JOB_NEEDS } from '../ins-policy-service/job-link';
import { mapJobStatus, type JobRow, type PolicyJobStatus } from '../ins-policy-service/job-status';

/*
 * What both InsAsyncBulkService methods answer for one InsuranceAsyncBulkRequest (the
 * documentation's output shape), read in three bound queries whatever the number of requests:
 * the requests, their items, the items' jobs.
 */

export const REQUEST_OBJECT = 'InsuranceAsyncBulkRequest';
export const ITEM_OBJECT = 'InsuranceAsyncBulkRequestItem';
export const REQUEST_FIELDS = ['Id', 'Name', 'CreatedDate', 'Status'] as const;
export const INFO_FIELD = 'AdditionalInformation';
const ITEM_FIELDS = ['Id', 'Status', 'PlanName', 'BatchJobId', 'SequenceNumber', 'InsuranceAsyncBulkRequestId'] as const;

export interface RequestRow {
  Id: string;
  Name: string | null;
  CreatedDate: string | null;
  Status: string | null;
  AdditionalInformation?: string | null;
}

interface ItemRow {
  Id: string;
  Status: string | null;
  PlanName: string | null;
  BatchJobId: string | null;
  SequenceNumber: number | null;
  InsuranceAsyncBulkRequestId: string;
}

export interface RequestItemOutput {
  status: string | null;
  planName: string | null;
  batchJobId: string | null;
  id: string;
}

export type RequestDetail = {
  name: string | null;
  createdDate: string | null;
  status: string | null;
  jobCount: number;
  pendingJobCount: number;
  successfulJobCount: number;
  failedJobCount: number;
  cancelledJobCount: number;
  erroredJobCount: number;
  requestItems: RequestItemOutput[];
  additionalInformation?: unknown;
};

const ITEMS = selectWhereIn(ITEM_OBJECT, ITEM_FIELDS, 'InsuranceAsyncBulkRequestId', 'requestIds');
const ITEM_NEED: FieldNeed = { sobject: ITEM_OBJECT, fields: ITEM_FIELDS };

/** Absent or null is "not passed", as for every service of the family. */
export function passed(value: unknown): boolean {
  return value !== undefined && value !== null;
}

/** An optional Id input in its 18-character form; a fault is recorded in `issues`. */
export function optionalId(input: Readonly<Record<string, unknown>>, key: string, prefix: string, object: string, issues: Issue[]): string | undefined {
  const value = input[key];
  if (!passed(value)) return undefined;
  if (typeof value !== 'string') {
    issues.push({ path: key, message: `${key} must be an Id (a string).` });
    return undefined;
  }
  return checkId(key, value, prefix, object, issues);
}

/** `isAdditionalInfo`: true, false, or not passed (false). */
export function readAdditionalInfo(input: Readonly<Record<string, unknown>>, issues: Issue[]): boolean {
  const value = input.isAdditionalInfo;
  if (!passed(value)) return false;
  if (typeof value !== 'boolean') issues.push({ path: 'isAdditionalInfo', message: 'isAdditionalInfo must be true or false.' });
  return value === true;
}

export function throwIssues(issues: readonly Issue[]): void {
  if (issues.length > 0) throw new IpemuError('INVALID_INPUT', issues.map((i) => i.message).join(' '), issues);
}

/** The fields a status read needs: the requests' (as the caller filters them), their items', the jobs'. */
export function statusNeeds(requestFields: readonly string[]): FieldNeed[] {
  return [{ sobject: REQUEST_OBJECT, fields: requestFields }, ITEM_NEED, ...JOB_NEEDS];
}

/** Which count an item's job adds to (DESIGN.md §2 step 6's mapping, the one home of job statuses). */
type CountKey = 'pendingJobCount' | 'successfulJobCount' | 'failedJobCount' | 'cancelledJobCount' | 'erroredJobCount';

const COUNT_OF: Readonly<Record<PolicyJobStatus, CountKey>> = {
  WaitingToProcess: 'pendingJobCount',
  InProgress: 'pendingJobCount',
  Success: 'successfulJobCount',
  Failed: 'failedJobCount',
  Aborted: 'cancelledJobCount',
};

/** (ipemu) The text as JSON when it is JSON, else the text itself, so nothing stored is lost. */
function parsedInformation(text: string | null | undefined): unknown {
  if (typeof text !== 'string') return null;
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return text;
  }
}

function bySequence(a: ItemRow, b: ItemRow): number {
  const sa = a.SequenceNumber ?? Infinity;
  const sb = b.SequenceNumber ?? Infinity;
  if (sa !== sb) return sa < sb ? -1 : 1;
  return a.Id < b.Id ? -1 : a.Id > b.Id ? 1 : 0;
}

function detailOf(request: RequestRow, items: readonly ItemRow[], jobs: ReadonlyMap<string, JobRow>, withInfo: boolean): RequestDetail {
  const counts: Record<CountKey, number> = { pendingJobCount: 0, successfulJobCount: 0, failedJobCount: 0, cancelledJobCount: 0, erroredJobCount: 0 };
  const requestItems: RequestItemOutput[] = [];
  for (const item of [...items].sort(bySequence)) {
    const jobId = item.BatchJobId === null ? null : (normalizeId(item.BatchJobId) ?? item.BatchJobId);
    const job = jobId === null ? undefined : jobs.get(jobId);
    // (ipemu) An item whose job cannot be read (none named, or purged after 7 days) is "errored".
    counts[job ? COUNT_OF[mapJobStatus(job)] : 'erroredJobCount'] += 1;
    requestItems.push({ status: item.Status, planName: item.PlanName, batchJobId: jobId, id: item.Id });
  }
  const detail: RequestDetail = {
    name: request.Name,
    createdDate: javaDateString(request.CreatedDate),
    status: request.Status,
    jobCount: items.length,
    ...counts,
    requestItems,
  };
  if (withInfo) detail.additionalInformation = parsedInformation(request.AdditionalInformation);
  return detail;
}

/** Each request's documented status detail, in the requests' order. */
export async function requestDetails(org: Org, requests: readonly RequestRow[], withInfo: boolean): Promise<RequestDetail[]> {
  if (requests.length === 0) return [];
  const { records: items } = await org.query<ItemRow>(ITEMS.soql, { requestIds: requests.map((r) => r.Id) }, ITEMS.options);
  const jobIds = new Set<string>();
  for (const item of items) {
    const id = item.BatchJobId === null ? undefined : normalizeId(item.BatchJobId);
    if (id !== undefined) jobIds.add(id);
  }
  const jobs = new Map((await fetchJobs(org, [...jobIds])).map((job) => [normalizeId(job.Id) ?? job.Id, job]));
  const itemsOf = new Map<string, ItemRow[]>();
  for (const item of items) {
    const list = itemsOf.get(item.InsuranceAsyncBulkRequestId);
    if (list) list.push(item);
    else itemsOf.set(item.InsuranceAsyncBulkRequestId, [item]);
  }
  return requests.map((request) => detailOf(request, itemsOf.get(request.Id) ?? [], jobs, withInfo));
}
