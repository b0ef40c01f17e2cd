import { IpemuError } from '../../core/errors';
import type { EmulatorConfig, JobLinkConfig } from '../../core/config';
import type { MethodDefinition, ServiceContext } from '../../core/define-service';
import type { Org } from '../../core/org';
import { forbidden } from './field-access';
import { unreadableFields, type FieldNeed } from '../../salesforce/field-access';
import { parsePassedKeys, PassedKeys } from './input-keys';
import { JobRow, latestJob, statusOutput, StatusOutput } from './job-status';
import { fetchJobs, JOB_NEEDS, linkedJobs, linkPlan, PolicyRow, POLICY_BY_ID, POLICY_BY_REFERENCE, POLICY_CHILDREN } from './job-link';
import { loadSchema } from '../schema-file';

/** What tells the status services of DESIGN.md §2 and §6 apart: their name, the link they read, and how they name their jobs. */
export interface JobStatusServiceSpec {
  readonly method: string;
  readonly description: string;
  /** The link from a policy to its jobs, from the config in effect. */
  linkOf(config: Readonly<EmulatorConfig>): JobLinkConfig;
  /** "asynchronous job", "out-of-sequence endorsement job": the noun of the "no job found for policy" message. */
  readonly jobNoun: string;
}

/** Step 3: what each passed key's path will read. */
function fieldNeeds(keys: PassedKeys, link: JobLinkConfig): readonly FieldNeed[] {
  if (keys.referencePolicyNumber !== undefined) return linkPlan(link).referenceNeeds;
  if (keys.policyId !== undefined) return linkPlan(link).policyNeeds;
  return JOB_NEEDS;
}

async function resolveJob(org: Org, jobId: string): Promise<JobRow> {
  const [job] = await fetchJobs(org, [jobId]);
  if (!job) throw new IpemuError('NOT_FOUND', `No asynchronous job found with jobId ${jobId}.`);
  return job;
}

async function resolvePolicy(org: Org, policyId: string): Promise<string> {
  const result = await org.query<PolicyRow>(POLICY_BY_ID.soql, { policyIds: [policyId] }, POLICY_BY_ID.options);
  if (result.records.length === 0) throw new IpemuError('NOT_FOUND', `No policy found with policyId ${policyId}.`);
  return policyId;
}

/** All policies sharing the reference number (every version and term); multi-root ones are refused. */
async function resolveReference(org: Org, reference: string): Promise<string[]> {
  const { records } = await org.query<PolicyRow>(POLICY_BY_REFERENCE.soql, { referenceNumbers: [reference] }, POLICY_BY_REFERENCE.options);
  if (records.length === 0) {
    throw new IpemuError('NOT_FOUND', `No policy found with referencePolicyNumber ${JSON.stringify(reference)}.`);
  }
  const multiRoot = (): IpemuError =>
    new IpemuError('INVALID_INPUT', `referencePolicyNumber isn't supported for multi-root policies: ${JSON.stringify(reference)} names one.`);
  if (records.some((p) => typeof p.ParentPolicyId === 'string' && p.ParentPolicyId !== '')) throw multiRoot();
  const ids = records.map((p) => p.Id);
  const children = await org.query<PolicyRow>(POLICY_CHILDREN.soql, { parentIds: ids }, POLICY_CHILDREN.options);
  if (children.records.length > 0) throw multiRoot();
  return ids;
}

/** DESIGN.md §2, step by step, for one status service. */
async function jobStatus(spec: JobStatusServiceSpec, input: Record<string, unknown>, { org, config, logger }: ServiceContext): Promise<StatusOutput> {
  const link = spec.linkOf(config);
  // Steps 1–2: shape and syntax of every passed key.
  const keys = parsePassedKeys(input);

  // Step 3: field-level permissions, before reading any data (describe leaves out what the user cannot read).
  const unreadable = await unreadableFields(org, fieldNeeds(keys, link));
  if (unreadable.length > 0) throw forbidden(unreadable);

  // Step 4: every passed key must resolve, even those precedence will not use; the first that
  // does not, in key order, is the answer.
  const job = keys.jobId !== undefined ? await resolveJob(org, keys.jobId) : undefined;
  const policyId = keys.policyId !== undefined ? await resolvePolicy(org, keys.policyId) : undefined;
  const referencePolicyIds = keys.referencePolicyNumber !== undefined ? await resolveReference(org, keys.referencePolicyNumber) : undefined;

  // Step 5: precedence jobId > policyId > referencePolicyNumber.
  if (job) {
    logger.debug({ jobId: job.Id, by: 'jobId' }, 'job resolved');
    return statusOutput(job); // step 6
  }
  const policyIds = policyId !== undefined ? [policyId] : (referencePolicyIds ?? []);
  const latest = latestJob(await linkedJobs(org, link, policyIds));
  if (!latest) {
    const which = policyId !== undefined ? policyId : `with referencePolicyNumber ${JSON.stringify(keys.referencePolicyNumber)}`;
    throw new IpemuError('NOT_FOUND', `No ${spec.jobNoun} found for policy ${which}.`);
  }
  logger.debug({ jobId: latest.Id, by: policyId !== undefined ? 'policyId' : 'referencePolicyNumber' }, 'job resolved');
  return statusOutput(latest); // step 6
}

/** A status service of the family: the same contract, inputs and output, read through its own link. */
export function jobStatusMethod(spec: JobStatusServiceSpec): MethodDefinition {
  return {
    description: spec.description,
    input: loadSchema('InsPolicyService', spec.method, 'input'),
    output: loadSchema('InsPolicyService', spec.method, 'output'),
    handler: (input, ctx) => jobStatus(spec, input, ctx),
  };
}
