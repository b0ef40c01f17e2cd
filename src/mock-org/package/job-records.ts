import type { PlatformWriter } from '../writes/changes';
import { formatDateTime } from '../store/values';
import { AsyncJobsConfig, timelineFor } from './async-jobs';
import { detailSteps, itemSteps, JobPlan, JobType, planJob, requestSteps } from './job-plan';

/** What a starter runs with: the platform's transaction, the job config, its own key. */
export interface PackageContext {
  readonly platform: PlatformWriter;
  readonly asyncJobs: AsyncJobsConfig;
  /** `Class:Method`. */
  readonly service: string;
}

/** One job to write, once the policies it touches exist. */
export interface JobRecords {
  readonly plan: JobPlan;
  /** The policy its request item names. */
  readonly mainPolicyId: string;
  /** Every policy the job touches: one record detail each, so the default job link finds the job from any of them. */
  readonly policyIds: readonly string[];
}

export interface WrittenJobs {
  readonly requestId: string;
  readonly jobIds: string[];
}

/**
 * A job's plan from the config's rules, matched against `params` (the job's own parameters: a
 * renewal chunk's policyIds are that chunk's), starting now.
 */
export function planFor(ctx: PackageContext, params: Readonly<Record<string, unknown>>, jobType: JobType, totalItems: number): JobPlan {
  return planJob(timelineFor(ctx.asyncJobs, ctx.service, params), ctx.platform.now(), jobType, totalItems);
}

const NAME_LENGTH = 80;

/**
 * The tracking records of DESIGN.md §6 for one request: each job's AsyncApexJob, one
 * InsuranceAsyncBulkRequest, one item per job and one record detail per policy per job, their
 * statuses following the jobs' timelines.
 */
export function writeJobs(ctx: PackageContext, jobs: readonly JobRecords[]): WrittenJobs {
  const { platform } = ctx;
  const method = ctx.service.slice(ctx.service.indexOf(':') + 1);
  const name = `${method} ${formatDateTime(platform.now())}`.slice(0, NAME_LENGTH);
  const requestId = platform.insert('InsuranceAsyncBulkRequest', { Name: name, Status: 'In Progress' }, requestSteps(jobs.map((job) => job.plan)));
  const jobIds: string[] = [];
  jobs.forEach((job, index) => {
    const jobId = platform.insert('AsyncApexJob', job.plan.values, job.plan.steps);
    jobIds.push(jobId);
    const sequence = index + 1;
    const itemId = platform.insert(
      'InsuranceAsyncBulkRequestItem',
      {
        Name: `${name} #${sequence}`.slice(0, NAME_LENGTH),
        InsuranceAsyncBulkRequestId: requestId,
        BatchJobId: jobId,
        ReferenceRecordId: job.mainPolicyId,
        SequenceNumber: sequence,
        Status: job.plan.values.Status,
      },
      itemSteps(job.plan),
    );
    const details = detailSteps(job.plan);
    for (const policyId of job.policyIds) {
      platform.insert(
        'InsuranceAsyncBulkRecordDetail',
        { Name: policyId, InsuranceAsyncBulkRequestItemId: itemId, ReferenceRecordId: policyId, Status: 'Scheduled' },
        details,
      );
    }
  });
  return { requestId, jobIds };
}
