import { IpemuError } from '../../core/errors';
import type { MethodDefinition, ServiceContext } from '../../core/define-service';
import type { PackageAnswer } from '../../core/org';
import { hasKeyPrefix, normalizeId } from '../../salesforce/ids';
import { loadSchema } from '../schema-file';
import { JOB_KEY_PREFIX, REQUEST_KEY_PREFIX } from './input-keys';
import { readStarterParams, StarterSpec } from './starter-params';

/** A job starter of DESIGN.md §6: its method name, parameter rules, and whether it answers a batch (jobIds, requestId). */
export interface StarterDefinition {
  readonly method: string;
  readonly description: string;
  readonly params: StarterSpec;
  readonly batch?: boolean;
}

export interface StarterOutput {
  jobId: string;
  jobIds?: string[];
  requestId?: string;
  [key: string]: unknown;
}

function badAnswer(key: string, name: string, what: string): IpemuError {
  return new IpemuError('ORG_ERROR', `The org's Insurance package answered ${key} without a valid ${name} (${what}).`, { field: name });
}

/** An Id of the package's answer, in 18 characters; anything else is the org's fault (INVOKE-502). */
function answeredId(key: string, name: string, value: unknown, prefix: string): string {
  const id = typeof value === 'string' ? normalizeId(value) : undefined;
  if (id === undefined || !hasKeyPrefix(id, prefix)) throw badAnswer(key, name, `an Id with key prefix ${prefix}`);
  return id;
}

/** The output map's payload: the job (and for a batch its jobs and bulk request), nothing else of what the org sent. */
function starterOutput(key: string, answer: PackageAnswer, batch: boolean): StarterOutput {
  const jobId = answeredId(key, 'jobId', answer.jobId, JOB_KEY_PREFIX);
  if (!batch) return { jobId };
  const { jobIds } = answer;
  if (!Array.isArray(jobIds) || jobIds.length === 0) throw badAnswer(key, 'jobIds', 'a list of AsyncApexJob Ids');
  return {
    jobId,
    jobIds: jobIds.map((id: unknown) => answeredId(key, 'jobIds', id, JOB_KEY_PREFIX)),
    requestId: answeredId(key, 'requestId', answer.requestId, REQUEST_KEY_PREFIX),
  };
}

async function startJob(definition: StarterDefinition, input: Record<string, unknown>, { org }: ServiceContext): Promise<StarterOutput> {
  const key = `InsPolicyService:${definition.method}`;
  const params = readStarterParams(input, definition.params);
  // The job runs inside the org, as the package's Apex: only an org that carries the package can start it.
  if (!org.callPackage) {
    throw new IpemuError(
      'NOT_IMPLEMENTED',
      `${key} starts an Apex job of the Insurance managed package; ipemu runs it on a mock org, and this org is not one.`,
    );
  }
  return starterOutput(key, await org.callPackage(key, params), definition.batch === true);
}

export function starterMethod(definition: StarterDefinition): MethodDefinition {
  return {
    description: definition.description,
    input: loadSchema('InsPolicyService', definition.method, 'input'),
    output: loadSchema('InsPolicyService', definition.method, 'output'),
    handler: (input, ctx) => startJob(definition, input, ctx),
  };
}
