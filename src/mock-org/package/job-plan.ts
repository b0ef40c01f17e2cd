import type { TimelineStep } from '../store/timeline';
import { formatDateTime, RowValues } from '../store/values';

/** A step at an absolute instant, as PlatformWriter takes it. */
export interface AbsoluteStep {
  readonly at: number;
  readonly values: Readonly<Record<string, unknown>>;
}

export type JobType = 'Queueable' | 'BatchApex';

/** One job's AsyncApexJob record and where it ends, worked out before anything is written. */
export interface JobPlan {
  readonly values: RowValues;
  readonly steps: readonly AbsoluteStep[];
  /** The instant it reaches Processing, if it does. */
  readonly processingAt: number | undefined;
  /** The instant it reaches a final state (Completed, Failed, Aborted), if it does. */
  readonly finalAt: number | undefined;
  /** Its final Status, if it has one. */
  readonly finalStatus: string | undefined;
  /** Whether it ends well: Completed without errors. */
  readonly succeeds: boolean;
}

const FINAL = new Set(['Completed', 'Failed', 'Aborted']);

export function isFinalStatus(status: unknown): boolean {
  return typeof status === 'string' && FINAL.has(status);
}

/**
 * The job's steps from `start`. A step that makes it final also sets what Salesforce sets then,
 * unless the step says otherwise: CompletedDate, and for Completed every job item processed.
 */
export function planJob(timeline: readonly TimelineStep[], start: number, jobType: JobType, totalItems: number): JobPlan {
  const values: RowValues = { Status: 'Queued', JobType: jobType, TotalJobItems: totalItems, JobItemsProcessed: 0, NumberOfErrors: 0 };
  const steps: AbsoluteStep[] = [];
  let processingAt: number | undefined;
  let finalAt: number | undefined;
  let finalStatus: string | undefined;
  let errors: unknown = 0;
  for (const step of timeline) {
    if (finalAt !== undefined) break; // a final job never changes
    const at = start + step.after;
    const stepValues: Record<string, unknown> = { ...step.values };
    const status = stepValues.Status;
    if ('NumberOfErrors' in stepValues) errors = stepValues.NumberOfErrors;
    if (status === 'Processing' && processingAt === undefined) processingAt = at;
    if (isFinalStatus(status)) {
      finalAt = at;
      finalStatus = status as string;
      stepValues.CompletedDate ??= formatDateTime(at);
      if (status === 'Completed') stepValues.JobItemsProcessed ??= totalItems;
    }
    steps.push({ at, values: stepValues });
  }
  const succeeds = finalStatus === 'Completed' && (errors === 0 || errors === null);
  return { values, steps, processingAt, finalAt, finalStatus, succeeds };
}

/** A record detail's Status following its job: Scheduled → In Progress → Success or Failed. */
export function detailSteps(job: JobPlan): AbsoluteStep[] {
  const steps: AbsoluteStep[] = [];
  if (job.processingAt !== undefined && (job.finalAt === undefined || job.processingAt < job.finalAt)) {
    steps.push({ at: job.processingAt, values: { Status: 'In Progress' } });
  }
  if (job.finalAt !== undefined) steps.push({ at: job.finalAt, values: { Status: job.succeeds ? 'Success' : 'Failed' } });
  return steps;
}

/** (ipemu) A request item's Status is its job's Status, step for step. */
export function itemSteps(job: JobPlan): AbsoluteStep[] {
  return job.steps.filter((step) => typeof step.values.Status === 'string').map((step) => ({ at: step.at, values: { Status: step.values.Status } }));
}

/**
 * (ipemu) The bulk request is In Progress until its last job ends, then Completed when every job
 * succeeded, else Failed; it stays In Progress while any job never ends.
 */
export function requestSteps(jobs: readonly JobPlan[]): AbsoluteStep[] {
  if (jobs.some((job) => job.finalAt === undefined)) return [];
  const at = Math.max(...jobs.map((job) => job.finalAt!));
  return [{ at, values: { Status: jobs.every((job) => job.succeeds) ? 'Completed' : 'Failed' } }];
}
