import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { IpemuError } from '../../core/errors';
import type { JobLinkConfig } from '../../core/config';
import type { JsonSchema, MethodDefinition, ServiceContext } from '../../core/define-service';
import type { Org, QueryOptions } from '../../core/org';
import { assertReadable, FieldNeed } from './field-access';
import { parsePassedKeys, PassedKeys } from './input-keys';
import { JOB_FIELDS, JobRow, latestJob, statusOutput, StatusOutput } from './job-status';
import {
  fetchJobs,
  linkedJobs,
  PolicyRow,
  POLICY_BY_ID_SOQL,
  POLICY_BY_REFERENCE_SOQL,
  POLICY_CHILDREN_SOQL,
} from './job-link';

/** src/… and dist/… sit at the same depth, so the schemas resolve from either. */
function loadSchema(kind: 'input' | 'output'): JsonSchema {
  const file = join(__dirname, '..', '..', '..', 'schemas', 'InsPolicyService', `getPolicyAsyncJobStatus.${kind}.json`);
  return JSON.parse(readFileSync(file, 'utf8')) as JsonSchema;
}

/** DESIGN.md §2 step 3: what each passed key's path will read. */
function buildFieldNeeds(keys: PassedKeys, link: JobLinkConfig): readonly FieldNeed[] {
  const needs: FieldNeed[] = [{ sobject: 'AsyncApexJob', fields: JOB_FIELDS }];
  const policyFields = new Set<string>();
  if (keys.policyId !== undefined) policyFields.add('Id');
  if (keys.referencePolicyNumber !== undefined) ['Id', 'ReferencePolicyNumber', 'ParentPolicyId'].forEach((f) => policyFields.add(f));
  if (policyFields.size > 0) {
    needs.push({ sobject: 'InsurancePolicy', fields: [...policyFields] });
    needs.push({ sobject: link.sobject, fields: [link.policyField, link.jobIdField] });
  }
  return Object.freeze(needs);
}

/** One frozen needs list per job link and key combination, so field-access verdicts can be cached by identity. */
const needsByLink = new WeakMap<JobLinkConfig, Map<number, readonly FieldNeed[]>>();

function fieldNeeds(keys: PassedKeys, link: JobLinkConfig): readonly FieldNeed[] {
  const mask = (keys.jobId !== undefined ? 1 : 0) | (keys.policyId !== undefined ? 2 : 0) | (keys.referencePolicyNumber !== undefined ? 4 : 0);
  let byMask = needsByLink.get(link);
  if (!byMask) {
    byMask = new Map();
    needsByLink.set(link, byMask);
  }
  let needs = byMask.get(mask);
  if (!needs) {
    needs = buildFieldNeeds(keys, link);
    byMask.set(mask, needs);
  }
  return needs;
}

function resolveJob(org: Org, jobId: string, options: QueryOptions): Promise<JobRow> {
  return fetchJobs(org, [jobId], options).then(([job]) => {
    if (!job) throw new IpemuError('NOT_FOUND', `No asynchronous job found with jobId ${jobId}.`);
    return job;
  });
}

async function resolvePolicy(org: Org, policyId: string, options: QueryOptions): Promise<string> {
  const result = await org.query<PolicyRow>(POLICY_BY_ID_SOQL, { policyIds: [policyId] }, options);
  if (result.records.length === 0) throw new IpemuError('NOT_FOUND', `No policy found with policyId ${policyId}.`);
  return policyId;
}

/** All policies sharing the reference number (every version and term); multi-root ones are refused. */
async function resolveReference(org: Org, reference: string, options: QueryOptions): Promise<string[]> {
  const { records } = await org.query<PolicyRow>(POLICY_BY_REFERENCE_SOQL, { referenceNumbers: [reference] }, options);
  if (records.length === 0) {
    throw new IpemuError('NOT_FOUND', `No policy found with referencePolicyNumber ${JSON.stringify(reference)}.`);
  }
  const multiRoot = (): IpemuError =>
    new IpemuError('INVALID_INPUT', `referencePolicyNumber isn't supported for multi-root policies: ${JSON.stringify(reference)} names one.`);
  if (records.some((p) => typeof p.ParentPolicyId === 'string' && p.ParentPolicyId !== '')) throw multiRoot();
  const ids = records.map((p) => p.Id);
  const children = await org.query<PolicyRow>(POLICY_CHILDREN_SOQL, { parentIds: ids }, options);
  if (children.records.length > 0) throw multiRoot();
  return ids;
}

/** Settles every lookup, then reports the first failure in key order so the answer does not depend on timing. */
async function settleInOrder<T extends unknown[]>(lookups: { [K in keyof T]: Promise<T[K]> }): Promise<T> {
  const settled = await Promise.allSettled(lookups);
  const failed = settled.find((s): s is PromiseRejectedResult => s.status === 'rejected');
  if (failed) throw failed.reason;
  return settled.map((s) => (s as PromiseFulfilledResult<unknown>).value) as T;
}

type Resolved = [JobRow | undefined, string | undefined, string[] | undefined];

/** Step 4: every passed key must resolve, even those precedence will not use. */
async function resolveAll(org: Org, keys: PassedKeys, options: QueryOptions): Promise<Resolved> {
  const { jobId, policyId, referencePolicyNumber } = keys;
  // The usual call passes one key: await its lookup alone, with nothing to settle beside it.
  if (policyId === undefined && referencePolicyNumber === undefined) return [await resolveJob(org, jobId!, options), undefined, undefined];
  if (jobId === undefined && referencePolicyNumber === undefined) return [undefined, await resolvePolicy(org, policyId!, options), undefined];
  if (jobId === undefined && policyId === undefined) return [undefined, undefined, await resolveReference(org, referencePolicyNumber!, options)];
  const none = Promise.resolve(undefined);
  return settleInOrder<Resolved>([
    keys.jobId !== undefined ? resolveJob(org, keys.jobId, options) : none,
    keys.policyId !== undefined ? resolvePolicy(org, keys.policyId, options) : none,
    keys.referencePolicyNumber !== undefined ? resolveReference(org, keys.referencePolicyNumber, options) : none,
  ]);
}

async function getPolicyAsyncJobStatus(input: Record<string, unknown>, ctx: ServiceContext): Promise<StatusOutput> {
  const keys = parsePassedKeys(input);
  const { org, config } = ctx;
  // The context is itself a QueryOptions; its signal is only made if an org reads it.
  const options: QueryOptions = ctx;
  const checking = assertReadable(org, fieldNeeds(keys, config.jobLink));
  if (checking) await checking;

  const [job, policyId, referencePolicyIds] = await resolveAll(org, keys, options);

  // Step 5: precedence jobId > policyId > referencePolicyNumber.
  if (job) {
    ctx.logger.debug({ jobId: job.Id, by: 'jobId' }, 'job resolved');
    return statusOutput(job);
  }
  const policyIds = policyId !== undefined ? [policyId] : (referencePolicyIds ?? []);
  const latest = latestJob(await linkedJobs(org, config.jobLink, policyIds, options));
  if (!latest) {
    const which = policyId !== undefined ? policyId : `with referencePolicyNumber ${JSON.stringify(keys.referencePolicyNumber)}`;
    throw new IpemuError('NOT_FOUND', `No asynchronous job found for policy ${which}.`);
  }
  ctx.logger.debug({ jobId: latest.Id, by: policyId !== undefined ? 'policyId' : 'referencePolicyNumber' }, 'job resolved');
  return statusOutput(latest);
}

export const getPolicyAsyncJobStatusMethod: MethodDefinition = {
  description:
    'Status of an asynchronous policy job (WaitingToProcess, InProgress, Success, Failed, Aborted) by jobId, policyId or referencePolicyNumber.',
  input: loadSchema('input'),
  output: loadSchema('output'),
  handler: getPolicyAsyncJobStatus,
};
