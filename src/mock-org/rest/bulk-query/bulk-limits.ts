import type { JobStore } from './job-store';

/** "The maximum number of query jobs per 24-hour rolling window": 10,000 (queries.htm, Limits). */
export const DAILY_BULK_V2_QUERY_JOBS = 10_000;

/** "The maximum query result size that can be stored in a 24 hour rolling window": 1 TB, reported in MB (queries.htm, Limits). */
export const DAILY_BULK_V2_QUERY_FILE_STORAGE_MB = 976_562;

export interface LimitEntry {
  Max: number;
  Remaining: number;
}

/**
 * The Bulk API 2.0 query entries of `/limits`: `DailyBulkV2QueryJobs` drops by one per job
 * created. (ipemu) Neither is enforced, the window never rolls (it counts from the server's
 * start), and results take no file storage: `DailyBulkV2QueryFileStorageMB.Remaining` stays at Max.
 */
export function bulkQueryLimits(jobs: JobStore): { DailyBulkV2QueryJobs: LimitEntry; DailyBulkV2QueryFileStorageMB: LimitEntry } {
  return {
    DailyBulkV2QueryJobs: { Max: DAILY_BULK_V2_QUERY_JOBS, Remaining: Math.max(0, DAILY_BULK_V2_QUERY_JOBS - jobs.created) },
    DailyBulkV2QueryFileStorageMB: { Max: DAILY_BULK_V2_QUERY_FILE_STORAGE_MB, Remaining: DAILY_BULK_V2_QUERY_FILE_STORAGE_MB },
  };
}
