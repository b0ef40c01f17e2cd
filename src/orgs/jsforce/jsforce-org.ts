import type { Connection } from 'jsforce';
import { createHash } from 'node:crypto';
import {
  OrgError,
  type BatchQuery,
  type Binds,
  type DescribeResult,
  type Org,
  type PackageAnswer,
  type PackageParams,
  type QueryOptions,
  type QueryResult,
  type RecordFields,
  type SObjectRecord,
  type WriteOptions,
} from '../../core/org';
import type { HttpMethods, HttpRequestOptions } from 'jsforce/lib/types';
import { renderSoql } from '../../salesforce/soql-binds';
import { isApiName } from '../../salesforce/api-names';
import { toOrgError } from './errors';
import { scrubSecrets } from '../../core/secrets';
import { silentLogger, type Logger } from '../../core/logger';
import { OrgRequests } from './org-requests';
import { PackageCalls } from './package-calls';
import { omitKeys } from '../../core/omit-keys';
import { sendQueryBatch } from './query-batch';

/** Far above any result the service reads; it only stops jsforce's autoFetch from truncating. */
export const MAX_FETCH = 1_000_000;

export interface JsforceOrgOptions {
  /** Who the connection runs as (user Id or username); falls back to a hash of the access token. */
  identity?: string;
  /** Secrets that must never appear in an error or a log line (the current access token is added). */
  secrets?: readonly (string | undefined)[];
  logger?: Logger;
  /** The connection's requests in flight (connectOrg shares them with its token requests). */
  requests?: OrgRequests;
}

function hashOf(text: string): string {
  return createHash('sha256').update(text).digest('hex').slice(0, 16);
}

function isQueryResult(value: unknown): value is QueryResult<unknown> {
  const v = value as QueryResult<unknown> | null;
  return typeof v === 'object' && v !== null && Array.isArray(v.records) && typeof v.totalSize === 'number';
}

/**
 * Writes are not idempotent, so never retried: a POST that reached the org and lost its answer
 * must not create a second record. jsforce retries the methods in `retry.methods` (by default GET,
 * PUT, HEAD, OPTIONS and DELETE) on 5xx and connection resets, however many times the connection's
 * transport allows; an empty list makes none apply to the write's own request.
 */
export const NO_RETRY: HttpRequestOptions = { retry: { methods: [] } };

function isSaveResult(value: unknown): value is { id: string; success: boolean } {
  const v = value as { id?: unknown; success?: unknown } | null;
  return typeof v === 'object' && v !== null && typeof v.id === 'string' && v.success === true;
}

/** The fields as the REST API takes them: `attributes` is the record's envelope, not a field. */
function bodyOf(fields: RecordFields): string {
  return JSON.stringify(omitKeys(fields, ['attributes']));
}

function isDescribeResult(value: unknown): value is DescribeResult {
  const v = value as DescribeResult | null;
  return typeof v === 'object' && v !== null && typeof v.name === 'string' && Array.isArray(v.fields);
}

/** A real org (or the fake REST API) reached through jsforce: SOQL over REST, describe cached. */
export class JsforceOrg implements Org {
  readonly cacheKey: string;
  /** Every query is a request: finished jobs are kept above it (orgs/coalescing/final-rows.ts). */
  readonly remote = true;
  readonly connection: Connection;
  private readonly secrets: Set<string>;
  private readonly logger: Logger;
  private readonly requests: OrgRequests;
  private readonly packageCalls: PackageCalls;
  /** Whether the org lacks the composite resource (queryBatch then goes query by query). */
  private readonly compositeDoor = { missing: false };

  constructor(connection: Connection, options: JsforceOrgOptions = {}) {
    this.connection = connection;
    this.logger = options.logger ?? silentLogger;
    this.requests = options.requests ?? new OrgRequests();
    this.secrets = new Set((options.secrets ?? []).filter((s): s is string => typeof s === 'string' && s !== ''));
    if (connection.accessToken) this.secrets.add(connection.accessToken);
    // A refreshed token is as secret as the first one.
    connection.on('refresh', (token: unknown) => {
      if (typeof token === 'string') this.secrets.add(token);
    });
    const identity = options.identity ?? (connection.accessToken ? `token:${hashOf(connection.accessToken)}` : 'anonymous');
    this.cacheKey = `jsforce:${connection.instanceUrl}#${identity}`;
    this.packageCalls = new PackageCalls({ connection, requests: this.requests, secrets: this.secrets, once: NO_RETRY, fail: (op, err) => this.fail(op, err) });
  }

  get apiVersion(): string {
    return this.connection.version;
  }

  async query<R = SObjectRecord>(soql: string, binds?: Binds, options: QueryOptions = {}): Promise<QueryResult<R>> {
    const text = renderSoql(soql, binds);
    const started = Date.now();
    try {
      // autoFetch's queryMore requests run inside the same deadline.
      const result: unknown = await this.requests.run(async () => await this.connection.query(text, { autoFetch: true, maxFetch: MAX_FETCH }), options.signal);
      if (!isQueryResult(result)) throw new OrgError('INVALID_RESPONSE', 'The org answered a query with a body that is not a query result.', 502);
      this.logger.debug({ op: 'query', rows: result.records.length, ms: Date.now() - started }, 'org query');
      return { totalSize: result.totalSize, done: result.done, records: result.records as R[] };
    } catch (err) {
      throw this.fail('query', err);
    }
  }

  /**
   * Several queries as `POST /composite` requests of at most 5 (one API call each), sent once
   * (NO_RETRY); each query's outcome is what `query` would have answered for it alone.
   */
  async queryBatch<R = SObjectRecord>(queries: readonly BatchQuery[], options: QueryOptions = {}): Promise<PromiseSettledResult<QueryResult<R>>[]> {
    const started = Date.now();
    const outcomes = await sendQueryBatch(
      {
        connection: this.connection,
        requests: this.requests,
        once: NO_RETRY,
        fail: (op, err) => this.fail(op, err),
        alone: (query, signal) => this.query(query.soql, query.binds, { signal }),
        door: this.compositeDoor,
      },
      queries,
      options.signal,
    );
    this.logger.debug({ op: 'queryBatch', queries: queries.length, ms: Date.now() - started }, 'org query batch');
    return outcomes as PromiseSettledResult<QueryResult<R>>[];
  }

  /** One request per call: describes are cached once, above any org (orgs/coalescing/describe-cache.ts). */
  describe(sobject: string, options: QueryOptions = {}): Promise<DescribeResult> {
    if (!isApiName(sobject)) {
      return Promise.reject(new OrgError('NOT_FOUND', 'The requested resource does not exist', 404));
    }
    return this.fetchDescribe(sobject, options.signal);
  }

  private async fetchDescribe(sobject: string, signal: AbortSignal | undefined): Promise<DescribeResult> {
    try {
      const result: unknown = await this.requests.run(
        async () => await this.connection.request({ method: 'GET', url: `/sobjects/${sobject}/describe` }),
        signal,
      );
      if (!isDescribeResult(result))
        throw new OrgError('INVALID_RESPONSE', `The org answered describe ${sobject} with a body that is not a describe result.`, 502);
      return result;
    } catch (err) {
      throw this.fail('describe', err);
    }
  }

  /**
   * The managed package's job starters: sent to an ipemu mock org (its capabilities route, asked
   * once per connection, says it is one); on any other org, IpemuError NOT_IMPLEMENTED (INVOKE-501).
   */
  callPackage(key: string, params: PackageParams, options?: WriteOptions): Promise<PackageAnswer> {
    return this.packageCalls.call(key, params, options);
  }

  /** Inserts one record through `POST /sobjects/<SObject>`; answers its Id. */
  async create(sobject: string, fields: RecordFields, options: WriteOptions = {}): Promise<string> {
    const result = await this.write('create', 'POST', `/sobjects/${sobject}`, sobject, bodyOf(fields), options.signal);
    if (!isSaveResult(result)) throw new OrgError('INVALID_RESPONSE', `The org answered a create of ${sobject} with a body that is not a save result.`, 502);
    return result.id;
  }

  /** Updates one record through `PATCH /sobjects/<SObject>/<Id>` (204). */
  async update(sobject: string, id: string, fields: RecordFields, options: WriteOptions = {}): Promise<void> {
    await this.write('update', 'PATCH', `/sobjects/${sobject}/${encodeURIComponent(id)}`, sobject, bodyOf(fields), options.signal);
  }

  /** Deletes one record through `DELETE /sobjects/<SObject>/<Id>` (204). */
  async delete(sobject: string, id: string, options: WriteOptions = {}): Promise<void> {
    await this.write('delete', 'DELETE', `/sobjects/${sobject}/${encodeURIComponent(id)}`, sobject, undefined, options.signal);
  }

  /** One write request, sent once (NO_RETRY), its refusal mapped with the status the org answered. */
  private async write(
    op: string,
    method: HttpMethods,
    url: string,
    sobject: string,
    body: string | undefined,
    signal: AbortSignal | undefined,
  ): Promise<unknown> {
    // The object name becomes part of the URL: anything but an API name would address another resource.
    if (!isApiName(sobject)) throw new OrgError('NOT_FOUND', 'The requested resource does not exist', 404);
    let status: number | undefined;
    const request = { method, url, ...(body !== undefined ? { body, headers: { 'content-type': 'application/json' } } : {}) };
    try {
      return await this.requests.run(
        async () => await this.connection.request(request, NO_RETRY),
        signal,
        undefined,
        (seen) => {
          status = seen;
        },
      );
    } catch (err) {
      throw this.fail(op, err, status);
    }
  }

  private fail(op: string, err: unknown, status?: number): unknown {
    if ((err as Error)?.name === 'AbortError' || (err as { code?: unknown })?.code === 'TIMEOUT') return err;
    const mapped = toOrgError(err, this.secrets, status);
    this.logger.warn({ op, errorCode: (mapped as OrgError).errorCode ?? (mapped as { code?: string }).code, msg: mapped.message }, 'org request failed');
    return mapped;
  }

  /** The secrets this org scrubs from errors and logs (for transports that log on their own). */
  scrub(text: string): string {
    return scrubSecrets(text, this.secrets);
  }

  /** Cancels the requests in flight (shutdown must not wait on a hung org); later calls are refused. */
  async close(): Promise<void> {
    this.requests.close();
  }
}
