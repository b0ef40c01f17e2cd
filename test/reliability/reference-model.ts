import { normalizeId } from '../../src/salesforce/ids';
import type { GenJob, GenOrg } from './generated-org';

/**
 * DESIGN.md §2 written a second time, as plainly as possible, for the model-based test. It
 * shares no code with the service: Ids are normalised with the public normalizeId only.
 */

export interface ModelInput {
  jobId?: string;
  policyId?: string;
  referencePolicyNumber?: string;
}

/** Success: the exact output map. Failure: the INVOKE codes any of the failing keys may give. */
export type ModelAnswer = { ok: Record<string, string> } | { codes: string[] };

const WAITING = ['Holding', 'Queued', 'Preparing'];

function statusOf(job: GenJob): { status: string; error: string } {
  const extended = job.ExtendedStatus;
  if (WAITING.includes(job.Status)) return { status: 'WaitingToProcess', error: 'OK' };
  if (job.Status === 'Processing') return { status: 'InProgress', error: 'OK' };
  if (job.Status === 'Completed' && !(job.NumberOfErrors && job.NumberOfErrors > 0)) return { status: 'Success', error: 'OK' };
  if (job.Status === 'Completed' || job.Status === 'Failed') return { status: 'Failed', error: extended ?? 'The job failed.' };
  return { status: 'Aborted', error: extended ?? 'The job was aborted.' };
}

function answerFor(job: GenJob): ModelAnswer {
  const { status, error } = statusOf(job);
  return { ok: { status, jobId: job.Id, errorCode: 'INVOKE-200', error } };
}

function validId(value: string, prefix: string): string | undefined {
  const id = normalizeId(value);
  return id && id.startsWith(prefix) ? id : undefined;
}

/** The latest job by CreatedDate (instants, not text); ties go to the greater 15-character Id. */
export function latest(jobs: readonly GenJob[]): GenJob | undefined {
  const time = (job: GenJob): number => Date.parse(job.CreatedDate.replace(/([+-]\d{2})(\d{2})$/, '$1:$2'));
  return [...jobs].sort((a, b) => time(b) - time(a) || (a.Id.slice(0, 15) < b.Id.slice(0, 15) ? 1 : -1))[0];
}

export function modelAnswer(org: GenOrg, input: ModelInput): ModelAnswer {
  const passed = (['jobId', 'policyId', 'referencePolicyNumber'] as const).filter((k) => input[k] !== undefined);
  if (passed.length === 0) return { codes: ['INVOKE-400'] };

  // Step 2: syntax of every passed key, before any data is read.
  const job18 = input.jobId === undefined ? undefined : validId(input.jobId, '707');
  const policy18 = input.policyId === undefined ? undefined : validId(input.policyId, '0YT');
  const ref = input.referencePolicyNumber;
  const refBad = ref !== undefined && (ref.trim() === '' || ref.length > 255);
  if ((input.jobId !== undefined && !job18) || (input.policyId !== undefined && !policy18) || refBad) return { codes: ['INVOKE-400'] };

  // Step 4: every passed key must resolve; the contract does not order several failures.
  const failures: string[] = [];
  const job = job18 ? org.jobs.find((j) => j.Id === job18) : undefined;
  if (job18 && !job) failures.push('INVOKE-404');
  if (policy18 && !org.policies.some((p) => p.Id === policy18)) failures.push('INVOKE-404');
  let refPolicies: string[] = [];
  if (ref !== undefined) {
    const matching = org.policies.filter((p) => p.ReferencePolicyNumber !== null && p.ReferencePolicyNumber.toLowerCase() === ref.toLowerCase());
    const multiRoot = matching.some((p) => p.ParentPolicyId !== null || org.policies.some((c) => c.ParentPolicyId === p.Id));
    if (matching.length === 0) failures.push('INVOKE-404');
    else if (multiRoot) failures.push('INVOKE-400');
    refPolicies = matching.map((p) => p.Id);
  }
  if (failures.length > 0) return { codes: failures };

  // Step 5: precedence.
  if (job) return answerFor(job);
  const policies = policy18 ? [policy18] : refPolicies;
  const linked = org.links.filter((l) => policies.includes(l.policyId)).map((l) => l.jobId);
  const candidate = latest(org.jobs.filter((j) => linked.includes(j.Id)));
  return candidate ? answerFor(candidate) : { codes: ['INVOKE-404'] };
}
