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

  constructor(
    private readonly org: JsforceOrg,
    secrets: readonly (string | undefined)[] = [],
  ) {
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

  private async run<T>(op: string, work: () => Promise<T>, options: SourceCallOptions): Promise<T> {
    try {
      return await this.requests.run(work, options.signal);
    } catch (err) {
      throw this.fail(op, err);
    }
  }

  async describe(sobject: string, options: SourceCallOptions = {}): Promise<DescribeResult | 'hidden'> {
    try {
      return await this.org.describe(sobject, options);
    } catch (err) {
      if (isOrgError(err) && HIDDEN_CODES.has(err.errorCode)) return 'hidden';
      throw err;
    }
  }

  async count(soql: string, options: SourceCallOptions = {}): Promise<number> {
    const page = await this.query(soql, options);
    return page.totalSize;
  }

  async query(soql: string, options: SourceCallOptions = {}): Promise<SourceQueryPage> {
    const result: unknown = await this.run('query', async () => await this.connection.query(soql, { autoFetch: false }), options);
    return this.page(result);
  }

  async queryMore(nextRecordsUrl: string, options: SourceCallOptions = {}): Promise<SourceQueryPage> {
    const result: unknown = await this.run('queryMore', async () => await this.connection.queryMore(nextRecordsUrl), options);
    return this.page(result);
  }

  private page(result: unknown): SourceQueryPage {
    if (!isPage(result)) throw new OrgError('INVALID_RESPONSE', 'The org answered a query with a body that is not a query result.', 502);
    return result.nextRecordsUrl
      ? { records: result.records, totalSize: result.totalSize, done: result.done, nextRecordsUrl: result.nextRecordsUrl }
      : { records: result.records, totalSize: result.totalSize, done: result.done };
  }

  bulkQuery(soql: string, options: BulkQueryOptions = {}): AsyncIterable<SourceBulkPage> {
    return bulkQueryPages({ connection: this.connection, requests: this.requests, fail: (op, err) => this.fail(op, err) }, soql, options);
  }

  async limits(options: SourceCallOptions = {}): Promise<SourceLimits> {
    const body: unknown = await this.run('limits', async () => await this.connection.request('/limits'), options);
    if (typeof body !== 'object' || body === null) throw new OrgError('INVALID_RESPONSE', 'The org answered /limits with a body that is not JSON.', 502);
    return body as SourceLimits;
  }

  async identity(options: SourceCallOptions = {}): Promise<SourceIdentity> {
    const body: unknown = await this.run('userinfo', async () => await this.connection.request('/services/oauth2/userinfo'), options);
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
