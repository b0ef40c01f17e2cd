import { IpemuError } from '../../core/errors';
import type { PackageAnswer, PackageParams } from '../../core/org';
import type { PlatformWriter } from '../writes/changes';
import type { AsyncJobsConfig } from './async-jobs';
import { createMultiRootPolicy } from './create-multi-root-policy';
import { createMultiRootPolicyVersion } from './create-multi-root-policy-version';
import { createOutOfSequencePolicyVersion } from './create-out-of-sequence-policy-version';
import type { PackageContext } from './job-records';
import { renewPoliciesInBatch } from './renew-policies-in-batch';

export type PackageService = (ctx: PackageContext, params: PackageParams) => PackageAnswer;

/** The emulated Insurance managed package: the job starters it runs inside the mock org, by `Class:Method`. */
export const PACKAGE_SERVICES: ReadonlyMap<string, PackageService> = new Map<string, PackageService>([
  ['InsPolicyService:createMultiRootPolicy', createMultiRootPolicy],
  ['InsPolicyService:createMultiRootPolicyVersion', createMultiRootPolicyVersion],
  ['InsPolicyService:createOutOfSequencePolicyVersion', createOutOfSequencePolicyVersion],
  ['InsPolicyService:renewPoliciesInBatch', renewPoliciesInBatch],
]);

/** The starter of `key`, or NOT_FOUND: the package has no such service. */
export function packageServiceOf(key: string): PackageService {
  const service = PACKAGE_SERVICES.get(key);
  if (!service) throw new IpemuError('NOT_FOUND', `The Insurance package on the mock org has no service ${key}.`);
  return service;
}

/** Runs a starter inside one platform transaction (the caller opens it: all its writes apply, or none). */
export function runPackageService(
  service: PackageService,
  key: string,
  platform: PlatformWriter,
  asyncJobs: AsyncJobsConfig,
  params: PackageParams,
): PackageAnswer {
  return service({ platform, asyncJobs, service: key }, params);
}

export { DEFAULT_ASYNC_JOBS, DEFAULT_JOB_TIMELINE, PACKAGE_SERVICE_KEYS, parseAsyncJobs } from './async-jobs';
export type { AsyncJobsConfig, AsyncJobRule, AsyncJobsProblem } from './async-jobs';
