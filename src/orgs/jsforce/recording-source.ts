import type { Connection } from 'jsforce';
import { OrgError, isOrgError, type DescribeResult } from '../../core/org';
import type {
  BulkQueryOptions,
  RecordingSource,
  SourceBulkPage,
  SourceCallOptions,
  SourceIdentity,
  SourceLimits,
  SourceQueryPage,
} from '../../core/recording-source';
import { connectOrg, type ConnectOptions } from './connect';
import type { JsforceOrg } from './jsforce-org';
import { OrgRequests } from './org-requests';
import { toOrgError } from './errors';
import { secretList } from '../../core/secrets';
import { bulkQueryPages } from './bulk-query-pages';

/** How long one request of a recording may take: a Bulk results page of 10,000 rows is well within it. */
export const RECORDING_REQUEST_TIMEOUT_MS = 120_000;

function timedOut(op: string, ms: number): OrgError {
  return new OrgError('TIMEOUT', `The org did not answer (${op}) within ${ms / 1000} s.`, 504);
}

/** Describe answers that mean "this user cannot see the object": it is recorded as hidden. */
const HIDDEN_CODES = new Set(['NOT_FOUND', 'INVALID_TYPE']);

function isPage(value: unknown): value is SourceQueryPage {
  const v = value as SourceQueryPage | null;
  return typeof v === 'object' && v !== null && Array.isArray(v.records) && typeof v.totalSize === 'number';
}

/** The org `ipemu mock-org record` reads, through one jsforce Connection (see core/recording-source.ts). */
export class JsforceRecordingSource implements RecordingSource {
  private readonly connection: Connection;
  private readonly requests = new OrgRequests();
  private readonly known: Set<string>;

  private readonly timeoutMs: number;

  constructor(
    private readonly org: JsforceOrg,
    secrets: readonly (string | undefined)[] = [],
    options: { requestTimeoutMs?: number } = {},
  ) {
    this.timeoutMs = options.requestTimeoutMs ?? RECORDING_REQUEST_TIMEOUT_MS;
    this.connection = org.connection;
    this.known = new Set(secretList([...secrets, this.connection.accessToken ?? undefined]));
    this.connection.on('refresh', (token: unknown) => {
      if (typeof token === 'string') this.known.add(token);
    });
  }

  get instanceUrl(): string {
    return this.connection.instanceUrl;
  }

  get apiVersion(): string {
    return this.connection.version;
  }

  secrets(): readonly string[] {
    return [...this.known];
  }

  private fail(_op: string, err: unknown): unknown {
    if ((err as Error)?.name === 'AbortError') return err;
    return toOrgError(err, this.known);
  }

  /**
   * One request under the caller's signal (a stop) and a deadline of its own, so an org that
   * stops answering ends the recording (resumable) instead of holding it forever.
   */
  private async run<T>(op: string, work: () => Promise<T>, signal: AbortSignal | undefined): Promise<T> {
    const deadline = AbortSignal.timeout(this.timeoutMs);
    try {
      return await this.requests.run(work, signal ? AbortSignal.any([signal, deadline]) : deadline);
    } catch (err) {
      if (deadline.aborted && !signal?.aborted) throw timedOut(op, this.timeoutMs);
      throw this.fail(op, err);
    }
  }

  async describe(sobject: string, options: SourceCallOptions = {}): Promise<DescribeResult | 'hidden'> {
    const deadline = AbortSignal.timeout(this.timeoutMs);
    try {
      return await this.org.describe(sobject, { signal: options.signal ? AbortSignal.any([options.signal, deadline]) : deadline });
    } catch (err) {
      if (isOrgError(err) && HIDDEN_CODES.has(err.errorCode)) return 'hidden';
      if (deadline.aborted && !options.signal?.aborted) throw timedOut('describe', this.timeoutMs);
      throw err;
    }
  }

  async count(soql: string, options: SourceCallOptions = {}): Promise<number> {
    const page = await this.query(soql, options);
    return page.totalSize;
  }

  async query(soql: string, options: SourceCallOptions = {}): Promise<SourceQueryPage> {
    const result: unknown = await this.run('query', async () => await this.connection.query(soql, { autoFetch: false }), options.signal);
    return this.page(result);
  }

  async queryMore(nextRecordsUrl: string, options: SourceCallOptions = {}): Promise<SourceQueryPage> {
    const result: unknown = await this.run('queryMore', async () => await this.connection.queryMore(nextRecordsUrl), options.signal);
    return this.page(result);
  }

  private page(result: unknown): SourceQueryPage {
    if (!isPage(result)) throw new OrgError('INVALID_RESPONSE', 'The org answered a query with a body that is not a query result.', 502);
    return result.nextRecordsUrl
      ? { records: result.records, totalSize: result.totalSize, done: result.done, nextRecordsUrl: result.nextRecordsUrl }
      : { records: result.records, totalSize: result.totalSize, done: result.done };
  }

  bulkQuery(soql: string, options: BulkQueryOptions = {}): AsyncIterable<SourceBulkPage> {
    return bulkQueryPages({ connection: this.connection, requests: this.requests, run: (op, work, signal) => this.run(op, work, signal) }, soql, options);
  }

  async limits(options: SourceCallOptions = {}): Promise<SourceLimits> {
    const body: unknown = await this.run('limits', async () => await this.connection.request('/limits'), options.signal);
    if (typeof body !== 'object' || body === null) throw new OrgError('INVALID_RESPONSE', 'The org answered /limits with a body that is not JSON.', 502);
    return body as SourceLimits;
  }

  async identity(options: SourceCallOptions = {}): Promise<SourceIdentity> {
    const body: unknown = await this.run('userinfo', async () => await this.connection.request('/services/oauth2/userinfo'), options.signal);
    const fields = (typeof body === 'object' && body !== null ? body : {}) as Record<string, unknown>;
    const text = (key: string): string => (typeof fields[key] === 'string' ? fields[key] : '');
    return { userId: text('user_id'), username: text('preferred_username'), organizationId: text('organization_id') };
  }

  async close(): Promise<void> {
    this.requests.close();
    await this.org.close();
  }
}

/** Connects as connectOrg does (the same precedence and checks) and reads the org for a recording. */
export async function connectRecordingSource(options: ConnectOptions): Promise<RecordingSource> {
  const org = await connectOrg(options);
  return new JsforceRecordingSource(org, [options.accessToken, options.refreshToken, options.password, options.clientSecret]);
}
