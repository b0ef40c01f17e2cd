import { IpemuError } from '../../core/errors';
import type { PackageAnswer, PackageParams } from '../../core/org';
import type { AbsoluteStep } from './job-plan';
import { PackageContext, planFor, writeJobs } from './job-records';
import { optionalString, requiredString } from './params';
import { additionalOf, insertPolicy, isMultiRoot, policyOrThrow, versionOf, versionsOf } from './policies';
import { quoteOrThrow } from './quotes';
import { policyDateTime } from './terms';

/**
 * InsPolicyService:createOutOfSequencePolicyVersion: a new version of the endorsed policy, effective
 * on effectiveDate. Every version sharing its ReferencePolicyNumber, the new one included, is edit
 * locked until the job ends: a step at the job's final instant unlocks them (a job that never ends
 * keeps them locked, as in an org).
 */
export function createOutOfSequencePolicyVersion(ctx: PackageContext, params: PackageParams): PackageAnswer {
  const { platform } = ctx;
  const policyId = requiredString(params, 'policyId');
  const policy = policyOrThrow(platform, policyId);
  if (isMultiRoot(platform, policy)) {
    throw new IpemuError('INVALID_INPUT', `Policy ${policyId} is part of a multi-root policy, and multi-root policies have no out-of-sequence endorsement.`);
  }
  const quoteId = optionalString(params, 'quoteId');
  if (quoteId !== undefined) quoteOrThrow(platform, quoteId);
  const effective = policyDateTime(requiredString(params, 'effectiveDate'));
  const plan = planFor(ctx, params, 'Queueable', 1);
  const unlock: AbsoluteStep[] = plan.finalAt === undefined ? [] : [{ at: plan.finalAt, values: { IsPolicyEditLocked: false } }];
  for (const version of versionsOf(platform, policy)) platform.update(version.Id, { IsPolicyEditLocked: true }, unlock);
  const versionId = insertPolicy(
    platform,
    { ...versionOf(policy), EffectiveDate: effective, IsPolicyEditLocked: true },
    additionalOf(params.additionalFields),
    'additionalFields',
    unlock,
  );
  const { jobIds } = writeJobs(ctx, [{ plan, mainPolicyId: policy.Id, policyIds: [policy.Id, versionId] }]);
  return { jobId: jobIds[0] };
}
