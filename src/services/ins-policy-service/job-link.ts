import type { JobLinkConfig } from '../../core/config';
import { IpemuError } from '../../core/errors';
import type { Org, QueryOptions } from '../../core/org';
import { hasKeyPrefix, normalizeId } from '../../salesforce/ids';
import { readRecordPath } from '../../salesforce/record-path';
import { JOB_FIELDS, JobRow } from './job-status';
import { JOB_KEY_PREFIX } from './input-keys';

/*
 * Every query here is `SELECT … WHERE <field> IN :<bind>` with no ORDER BY or LIMIT, the shape the
 * coalescing org merges across concurrent invocations; "latest" is picked in code. Object and
 * field names come from the validated config (API names); values only ever travel as binds.
 */

export const JOBS_SOQL = `SELECT ${JOB_FIELDS.join(', ')} FROM AsyncApexJob WHERE Id IN :jobIds`;

export interface PolicyRow {
  Id: string;
  ReferencePolicyNumber?: string | null;
  ParentPolicyId?: string | null;
}

export const POLICY_BY_ID_SOQL = 'SELECT Id FROM InsurancePolicy WHERE Id IN :policyIds';
export const POLICY_BY_REFERENCE_SOQL =
  'SELECT Id, ReferencePolicyNumber, ParentPolicyId FROM InsurancePolicy WHERE ReferencePolicyNumber IN :referenceNumbers';
export const POLICY_CHILDREN_SOQL = 'SELECT Id, ParentPolicyId FROM InsurancePolicy WHERE ParentPolicyId IN :parentIds';

const linkSoqlTexts = new WeakMap<JobLinkConfig, string>();
const jobIdPaths = new WeakMap<JobLinkConfig, readonly string[]>();

/** The job Id field's path as segments, split once per (frozen) job link. */
function jobIdPath(link: JobLinkConfig): readonly string[] {
  let path = jobIdPaths.get(link);
  if (path === undefined) {
    path = link.jobIdField.split('.');
    jobIdPaths.set(link, path);
  }
  return path;
}

/** One text per (frozen) job link, so the org's parse and coalescing caches see the same string. */
export function linkSoql(link: JobLinkConfig): string {
  let text = linkSoqlTexts.get(link);
  if (text === undefined) {
    text = buildLinkSoql(link);
    linkSoqlTexts.set(link, text);
  }
  return text;
}

function buildLinkSoql(link: JobLinkConfig): string {
  const fields = link.policyField.toLowerCase() === link.jobIdField.toLowerCase() ? [link.policyField] : [link.policyField, link.jobIdField];
  return `SELECT ${fields.join(', ')} FROM ${link.sobject} WHERE ${link.policyField} IN :policyIds`;
}

/** A record without a field the query selected is a malformed answer from the org (INVOKE-502). */
function checkJobRecord(record: JobRow): JobRow {
  for (const field of JOB_FIELDS) {
    if (record[field] === undefined) {
      throw new IpemuError('ORG_ERROR', `The org returned an AsyncApexJob record without the field AsyncApexJob.${field}.`, {
        object: 'AsyncApexJob',
        field,
      });
    }
  }
  if (typeof record.Id !== 'string') {
    throw new IpemuError('ORG_ERROR', 'The org returned an AsyncApexJob record whose AsyncApexJob.Id is not an Id.', { object: 'AsyncApexJob', field: 'Id' });
  }
  return record;
}

export async function fetchJobs(org: Org, jobIds: readonly string[], options: QueryOptions): Promise<JobRow[]> {
  if (jobIds.length === 0) return [];
  const result = await org.query<JobRow>(JOBS_SOQL, { jobIds }, options);
  return result.records.map(checkJobRecord);
}

/** The AsyncApexJob Ids linked to any of the policies (deduplicated, 18 characters). */
export async function linkedJobIds(org: Org, link: JobLinkConfig, policyIds: readonly string[], options: QueryOptions): Promise<string[]> {
  const result = await org.query(linkSoql(link), { policyIds }, options);
  const ids = new Set<string>();
  const path = jobIdPath(link);
  for (const record of result.records) {
    const value = readRecordPath(record, path);
    const id = typeof value === 'string' ? normalizeId(value) : undefined;
    // A link may name a job that was purged (Salesforce keeps finished jobs 7 days) or no job yet.
    if (id && hasKeyPrefix(id, JOB_KEY_PREFIX)) ids.add(id);
  }
  return [...ids];
}

/** The jobs linked to the policies that still exist in AsyncApexJob. */
export async function linkedJobs(org: Org, link: JobLinkConfig, policyIds: readonly string[], options: QueryOptions): Promise<JobRow[]> {
  return fetchJobs(org, await linkedJobIds(org, link, policyIds, options), options);
}
