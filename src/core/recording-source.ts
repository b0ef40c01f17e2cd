import type { DescribeResult } from './org';

/**
 * What `ipemu mock-org record` reads an org through (issue 17): describe, counts, REST query pages,
 * Bulk API 2.0 query result pages, `/limits` and the running user. Every read hands on one page at a
 * time, so a recording of any size holds one page in memory. A real org is reached through jsforce
 * (orgs/jsforce/recording-source.ts); a mock org is served over loopback and recorded the same way.
 */

/** Per call: abandon the request when the signal aborts (SIGINT). */
export interface SourceCallOptions {
  readonly signal?: AbortSignal;
}

/** One REST query page: `records` as the REST API answers them (with `attributes`). */
export interface SourceQueryPage {
  readonly records: Record<string, unknown>[];
  readonly totalSize: number;
  readonly done: boolean;
  /** The locator of the next page (`nextRecordsUrl`), absent on the last page. */
  readonly nextRecordsUrl?: string;
}

/** One Bulk API 2.0 result page, parsed from its CSV body: the header row, then the data rows. */
export interface SourceBulkPage {
  readonly header: string[];
  readonly rows: string[][];
}

export interface BulkQueryOptions extends SourceCallOptions {
  /** `maxRecords` of each results request (default: the implementation's). */
  readonly pageSize?: number;
}

/** A limit of `/limits`: `{ Max, Remaining }`. */
export interface SourceLimit {
  readonly Max: number;
  readonly Remaining: number;
}

/** `GET /limits`, as the org answers it. */
export type SourceLimits = Readonly<Record<string, SourceLimit | undefined>>;

/** The running user (`/services/oauth2/userinfo`). */
export interface SourceIdentity {
  readonly userId: string;
  readonly username: string;
  readonly organizationId: string;
}

export interface RecordingSource {
  readonly instanceUrl: string;
  readonly apiVersion: string;
  /** Describe as the running user sees it; 'hidden' when the org answers NOT_FOUND or INVALID_TYPE. */
  describe(sobject: string, options?: SourceCallOptions): Promise<DescribeResult | 'hidden'>;
  /** The `totalSize` of a `SELECT COUNT() …` query. */
  count(soql: string, options?: SourceCallOptions): Promise<number>;
  /** The first page of a REST query. */
  query(soql: string, options?: SourceCallOptions): Promise<SourceQueryPage>;
  /** The page a `nextRecordsUrl` names. */
  queryMore(nextRecordsUrl: string, options?: SourceCallOptions): Promise<SourceQueryPage>;
  /** A Bulk API 2.0 query job: created, polled until complete, then its result pages as they come. */
  bulkQuery(soql: string, options?: BulkQueryOptions): AsyncIterable<SourceBulkPage>;
  limits(options?: SourceCallOptions): Promise<SourceLimits>;
  identity(options?: SourceCallOptions): Promise<SourceIdentity>;
  /** This connection's secret values (tokens), for a caller that must keep them out of what it prints or writes. */
  secrets(): readonly string[];
  close(): Promise<void>;
}
