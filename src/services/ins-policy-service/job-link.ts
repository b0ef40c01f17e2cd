import type { JobLinkConfig } from '../../core/config';
import { IpemuError } from '../../core/errors';
import type { Org } from '../../core/org';
import { hasKeyPrefix, normalizeId } from '../../salesforce/ids';
import { readRecordPath } from '../../salesforce/record-path';
import { selectWhereIn, type WhereInQuery } from '../../salesforce/select-where-in';
import type { FieldNeed } from '../../salesforce/field-access';
import { FINAL_JOB_STATUSES, JOB_FIELDS, JobRow } from './job-status';
import { JOB_KEY_PREFIX } from './input-keys';

/*
 * Every query here is `SELECT … WHERE <field> IN :<bind>` (selectWhereIn), declared mergeable, so
 * concurrent invocations share their requests; "latest" is picked in code. Object and field names
 * come from the validated config (API names); values only ever travel as binds.
 */

/**
 * A finished job never changes, so its row may be kept above a remote org (orgs/coalescing): a
 * flow polling many jobs asks the org only for the unfinished ones.
 */
export const JOBS = selectWhereIn('AsyncApexJob', JOB_FIELDS, 'Id', 'jobIds', { field: 'Status', values: FINAL_JOB_STATUSES });

export interface PolicyRow {
  Id: string;
  ReferencePolicyNumber?: string | null;
  ParentPolicyId?: string | null;
}

export const POLICY_BY_ID = selectWhereIn('InsurancePolicy', ['Id'], 'Id', 'policyIds');
export const POLICY_BY_REFERENCE = selectWhereIn(
  'InsurancePolicy',
  ['Id', 'ReferencePolicyNumber', 'ParentPolicyId'],
  'ReferencePolicyNumber',
  'referenceNumbers',
);
export const POLICY_CHILDREN = selectWhereIn('InsurancePolicy', ['Id', 'ParentPolicyId'], 'ParentPolicyId', 'parentIds');

/** What the service reads through one job link, derived once per link (configs are frozen), so the caches below see the same texts and lists. */
export interface LinkPlan {
  /** `SELECT <policyField>, <jobIdField> FROM <sobject> WHERE <policyField> IN :policyIds`. */
  readonly query: WhereInQuery;
  /** The job Id field's path, as segments. */
  readonly jobIdPath: readonly string[];
  /** Step 3: the fields the policyId path reads, and those the referencePolicyNumber path reads. */
  readonly policyNeeds: readonly FieldNeed[];
  readonly referenceNeeds: readonly FieldNeed[];
}

/** Step 3: the fields the jobId path reads. */
export const JOB_NEEDS: readonly FieldNeed[] = [{ sobject: 'AsyncApexJob', fields: JOB_FIELDS }];

const plans = new WeakMap<JobLinkConfig, LinkPlan>();

export function linkPlan(link: JobLinkConfig): LinkPlan {
  let plan = plans.get(link);
  if (plan === undefined) {
    const linkNeed: FieldNeed = { sobject: link.sobject, fields: [link.policyField, link.jobIdField] };
    plan = {
      query: selectWhereIn(link.sobject, [link.policyField, link.jobIdField], link.policyField, 'policyIds'),
      jobIdPath: link.jobIdField.split('.'),
      policyNeeds: [...JOB_NEEDS, { sobject: 'InsurancePolicy', fields: ['Id'] }, linkNeed],
      referenceNeeds: [...JOB_NEEDS, { sobject: 'InsurancePolicy', fields: ['Id', 'ReferencePolicyNumber', 'ParentPolicyId'] }, linkNeed],
    };
    plans.set(link, plan);
  }
  return plan;
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

export async function fetchJobs(org: Org, jobIds: readonly string[]): Promise<JobRow[]> {
  if (jobIds.length === 0) return [];
  const result = await org.query<JobRow>(JOBS.soql, { jobIds }, JOBS.options);
  return result.records.map(checkJobRecord);
}

/** The AsyncApexJob Ids linked to any of the policies (deduplicated, 18 characters). */
export async function linkedJobIds(org: Org, link: JobLinkConfig, policyIds: readonly string[]): Promise<string[]> {
  const { query, jobIdPath } = linkPlan(link);
  const result = await org.query(query.soql, { policyIds }, query.options);
  const ids = new Set<string>();
  for (const record of result.records) {
    const value = readRecordPath(record, jobIdPath);
    const id = typeof value === 'string' ? normalizeId(value) : undefined;
    // A link may name a job that was purged (Salesforce keeps finished jobs 7 days) or no job yet.
    if (id && hasKeyPrefix(id, JOB_KEY_PREFIX)) ids.add(id);
  }
  return [...ids];
}

/** The jobs linked to the policies that still exist in AsyncApexJob. */
export async function linkedJobs(org: Org, link: JobLinkConfig, policyIds: readonly string[]): Promise<JobRow[]> {
  return fetchJobs(org, await linkedJobIds(org, link, policyIds));
}
