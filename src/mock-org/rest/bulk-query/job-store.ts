import { LRUCache } from 'lru-cache';
import { makeId } from '../../../salesforce/ids';
import type { MockOrg } from '../../mock-org';
import type { CsvColumn } from './csv-columns';
import { takeSnapshot, type JobSnapshot } from './job-snapshot';
import type { JobState } from './job-info';
import type { JobRequest } from './job-request';
import { DEFAULT_MAX_RECORDS } from './result-pages';

/** Salesforce keeps a query job's results 7 days (ipemu: a job expires 7 days after it was last read). */
export const JOB_TTL_MS = 7 * 24 * 3600_000;

/** (ipemu) How long a job stays InProgress before it runs its query: clients must poll, as they must with Salesforce. */
export const DEFAULT_PROCESSING_DELAY_MS = 250;

/** (ipemu) Most jobs kept (all users); the least recently read is dropped first, with its results. */
export const DEFAULT_MAX_JOBS = 200;

export interface BulkQueryOptions {
  /** ms between a job's InProgress and its query running (its snapshot); default 250. */
  processingDelayMs?: number;
  maxJobs?: number;
  /** Most result rows all kept jobs may hold (a reference each); the least recently read jobs are dropped first, and a job whose result alone is larger fails. Default 2,000,000. */
  maxRows?: number;
  /** Records per results page when a request sets no maxRecords; default DEFAULT_MAX_RECORDS (50,000). */
  defaultMaxRecords?: number;
  /** The clock of createdDate and systemModstamp, epoch ms. */
  now?: () => number;
  /** How a later step is scheduled (tests step jobs by hand); default setTimeout, unref'd. */
  schedule?: (step: () => void, ms: number) => void;
}

export interface Job {
  readonly id: string;
  readonly user: string;
  /** `v64.0`: results are served in this version only. */
  readonly version: string;
  readonly request: JobRequest;
  readonly object: string;
  readonly createdById: string;
  readonly createdDate: number;
  readonly columns: readonly CsvColumn[];
  systemModstamp: number;
  state: JobState;
  /** The rows the query matched when the job ran, with their values as of then; dropped on abort, delete and expiry. */
  result?: JobSnapshot;
  totalProcessingTime: number;
  errorMessage?: string;
}

export interface NewJob {
  readonly user: string;
  readonly version: string;
  readonly request: JobRequest;
  readonly object: string;
  readonly columns: readonly CsvColumn[];
  /** The user's view of the org the query runs on. */
  readonly org: MockOrg;
}

/** (ipemu) Most result rows all kept jobs may hold. */
export const DEFAULT_MAX_ROWS = 2_000_000;

/** What a job costs the row bound: one, plus a reference per row (two when it keeps parent cells). */
const sizeOf = (result: JobSnapshot | undefined): number => 1 + (result ? result.rows.length * (result.parentCells ? 2 : 1) : 0);

const defaultSchedule = (step: () => void, ms: number): void => {
  setTimeout(step, ms).unref();
};

/**
 * Bulk API 2.0 query jobs: created UploadComplete, InProgress on the next turn, then after the
 * processing delay the query runs (its rows are the job's snapshot: later writes are not in its
 * results) and the job is JobComplete, or Failed with the error. Bounded by count, by rows held,
 * and by age (7 days after last read).
 */
export class JobStore {
  private readonly jobs: LRUCache<string, Job>;
  private readonly delay: number;
  private readonly now: () => number;
  private readonly schedule: (step: () => void, ms: number) => void;
  private readonly maxRows: number;
  private serial = 0;
  /** Records per results page when a request sets no maxRecords. */
  readonly defaultMaxRecords: number;
  /** Jobs created since the server started (DailyBulkV2QueryJobs). */
  created = 0;

  constructor(options: BulkQueryOptions = {}) {
    // setTimeout fires at once past 2^31 - 1 ms: a longer delay is that long.
    this.delay = Math.min(options.processingDelayMs ?? DEFAULT_PROCESSING_DELAY_MS, 2 ** 31 - 1);
    this.defaultMaxRecords = options.defaultMaxRecords ?? DEFAULT_MAX_RECORDS;
    this.now = options.now ?? Date.now;
    this.schedule = options.schedule ?? defaultSchedule;
    this.maxRows = options.maxRows ?? DEFAULT_MAX_ROWS;
    const now = this.now;
    this.jobs = new LRUCache<string, Job>({
      max: options.maxJobs ?? DEFAULT_MAX_JOBS,
      maxSize: this.maxRows,
      sizeCalculation: (job) => sizeOf(job.result),
      ttl: JOB_TTL_MS,
      updateAgeOnGet: true,
      ttlResolution: 0,
      perf: { now: () => now() + 1 },
      dispose: (job) => {
        job.result = undefined;
      },
    });
  }

  create(spec: NewJob): Job {
    const at = this.now();
    const job: Job = {
      id: makeId('750', ++this.serial),
      user: spec.user,
      version: spec.version,
      request: spec.request,
      object: spec.object,
      createdById: spec.org.userId,
      createdDate: at,
      columns: spec.columns,
      systemModstamp: at,
      state: 'UploadComplete',
      totalProcessingTime: 0,
    };
    this.jobs.set(job.id, job);
    this.created++;
    this.schedule(() => this.start(job, spec.org), 0);
    return job;
  }

  /** The user's job; undefined for an unknown, expired or deleted one, or another user's (ipemu). */
  get(id: string, user: string): Job | undefined {
    const job = this.jobs.get(id);
    return job && job.user === user ? job : undefined;
  }

  /** The user's jobs, oldest first. */
  list(user: string): Job[] {
    const mine: Job[] = [];
    for (const job of this.jobs.values()) if (job.user === user) mine.push(job);
    return mine.sort((a, b) => a.createdDate - b.createdDate || a.id.localeCompare(b.id));
  }

  abort(job: Job): void {
    job.state = 'Aborted';
    job.result = undefined;
    job.systemModstamp = this.now();
  }

  delete(job: Job): void {
    this.jobs.delete(job.id);
  }

  private start(job: Job, org: MockOrg): void {
    if (job.state !== 'UploadComplete') return;
    job.state = 'InProgress';
    job.systemModstamp = this.now();
    this.schedule(() => void this.run(job, org), this.delay);
  }

  private async run(job: Job, org: MockOrg): Promise<void> {
    if (job.state !== 'InProgress') return;
    const started = this.now();
    try {
      const rows = await org.select(job.request.query, undefined, { withDeleted: job.request.operation === 'queryAll' });
      const result = await takeSnapshot(rows, job.columns);
      // Aborted, deleted or dropped while it ran: its rows are not kept.
      if (job.state !== 'InProgress' || !this.jobs.has(job.id)) return;
      if (sizeOf(result) > this.maxRows)
        throw new Error(`(ipemu) The result's ${result.rows.length} rows exceed the ${this.maxRows} rows the mock keeps for query jobs.`);
      // lru-cache sizes an entry when it is set, and not again for the same value: out and in again, with its rows.
      this.jobs.delete(job.id);
      job.result = result;
      job.state = 'JobComplete';
      this.jobs.set(job.id, job);
    } catch (err) {
      if (job.state !== 'InProgress') return;
      job.state = 'Failed';
      job.errorMessage = err instanceof Error ? err.message : String(err);
    }
    job.totalProcessingTime = Math.max(0, this.now() - started);
    job.systemModstamp = this.now();
  }
}
