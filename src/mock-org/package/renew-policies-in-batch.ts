import { IpemuError } from '../../core/errors';
import type { PackageAnswer, PackageParams } from '../../core/org';
import { parseDateTime } from '../store/values';
import { JobRecords, PackageContext, planFor, writeJobs } from './job-records';
import { positiveIntegerOr, requiredStrings } from './params';
import { insertPolicy, multiRootAmong, policiesById, Policy, versionOf } from './policies';
import { addMonths, monthsBetween } from './terms';
import { formatDateTime } from '../store/values';

const ANNUAL = 12;

/**
 * (ipemu) The renewal's dates: the new term starts when the old one ends (or a year after it
 * started, without an ExpirationDate) and lasts as long: the same number of calendar months when
 * the old term was whole months, else the same time, else a year.
 */
function renewalDates(policy: Policy): { EffectiveDate: string; ExpirationDate: string } {
  const { EffectiveDate: from, ExpirationDate: to } = policy;
  if (from === null && to === null) throw new IpemuError('INVALID_INPUT', `Policy ${policy.Id} has neither EffectiveDate nor ExpirationDate to renew from.`);
  if (from === null || to === null) {
    const start = to ?? addMonths(from!, ANNUAL);
    return { EffectiveDate: start, ExpirationDate: addMonths(start, ANNUAL) };
  }
  const months = monthsBetween(from, to);
  if (months !== undefined) return { EffectiveDate: to, ExpirationDate: addMonths(to, months) };
  return { EffectiveDate: to, ExpirationDate: formatDateTime(2 * parseDateTime(to)! - parseDateTime(from)!) };
}

function chunks<T>(items: readonly T[], size: number): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += size) out.push(items.slice(i, i + size));
  return out;
}

/**
 * InsPolicyService:renewPoliciesInBatch: a renewal version of each policy (PriorPolicyId → it),
 * one BatchApex job per `jobSize` policies (default 1), all under one bulk request.
 * (ipemu) A job has one batch per `batchSize` of its policies (default: one batch for all);
 * renewalClassName changes nothing the mock org models.
 */
export function renewPoliciesInBatch(ctx: PackageContext, params: PackageParams): PackageAnswer {
  const { platform } = ctx;
  const ids = [...new Set(requiredStrings(params, 'policyIds'))];
  const policies = policiesById(platform, ids);
  const byId = new Map(policies.map((policy) => [policy.Id, policy]));
  const missing = ids.filter((id) => !byId.has(id));
  if (missing.length > 0) throw new IpemuError('NOT_FOUND', `No policy found with policyId ${missing.join(', ')}.`);
  const multiRoot = multiRootAmong(platform, policies);
  if (multiRoot.length > 0) {
    throw new IpemuError('INVALID_INPUT', `Multi-root policies cannot be renewed: ${multiRoot.map((policy) => policy.Id).join(', ')}.`);
  }
  const jobSize = positiveIntegerOr(params, 'jobSize', 1);
  const jobs: JobRecords[] = chunks(ids, jobSize).map((chunk) => {
    const batchSize = positiveIntegerOr(params, 'batchSize', chunk.length);
    const plan = planFor(ctx, { ...params, policyIds: chunk }, 'BatchApex', Math.ceil(chunk.length / batchSize));
    const touched: string[] = [];
    for (const id of chunk) {
      const policy = byId.get(id)!;
      touched.push(id, insertPolicy(platform, { ...versionOf(policy), ...renewalDates(policy) }, {}, 'policyIds'));
    }
    return { plan, mainPolicyId: chunk[0]!, policyIds: touched };
  });
  const { jobIds, requestId } = writeJobs(ctx, jobs);
  return { jobId: jobIds[0], jobIds, requestId };
}
