import type { Connection } from 'jsforce';
import type { HttpResponse, Schema } from 'jsforce/lib/types';
import { parse } from 'csv-parse/sync';
import { OrgError } from '../../core/org';
import type { BulkQueryOptions, SourceBulkPage } from '../../core/recording-source';
import type { OrgRequests } from './org-requests';

/**
 * A Bulk API 2.0 query through jsforce 3.10.16: `QueryJobV2` creates the job and reads its state,
 * and the result pages are fetched here, one request each (`maxRecords`, then the `Sforce-Locator`
 * the previous page named). jsforce's own `result()` pipes every page into one stream and may stop
 * after the first: a page at a time keeps memory at one page and every row is read.
 * https://developer.salesforce.com/docs/atlas.en-us.api_asynch.meta/api_asynch/query_get_job_results.htm
 */

/** Rows a results request asks for by default: ~10,000 rows keeps a page to a few MiB of CSV. */
export const DEFAULT_BULK_PAGE_SIZE = 10_000;
/** How long a job may take to complete before the recording gives up on it. */
export const BULK_POLL_TIMEOUT_MS = 30 * 60_000;
const FIRST_POLL_MS = 100;
const CLEAN_UP_TIMEOUT_MS = 5_000;
const MAX_POLL_MS = 5_000;

export interface BulkContext {
  readonly connection: Connection;
  readonly requests: OrgRequests;
  /** Runs one request under the caller's signal and a deadline, its failure mapped to an OrgError. */
  readonly run: <T>(op: string, work: () => Promise<T>, signal: AbortSignal | undefined) => Promise<T>;
  /** Waits (tests pass a fast clock); default setTimeout. */
  readonly sleep?: (ms: number, signal?: AbortSignal) => Promise<void>;
}

interface JobInfo {
  id: string;
  state: string;
  errorMessage?: string;
}

function sleepFor(ms: number, signal?: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal?.aborted) {
      reject(signal.reason instanceof Error ? signal.reason : new Error('aborted'));
      return;
    }
    const timer = setTimeout(() => {
      signal?.removeEventListener('abort', onAbort);
      resolve();
    }, ms);
    const onAbort = (): void => {
      clearTimeout(timer);
      reject(signal?.reason instanceof Error ? signal.reason : new Error('aborted'));
    };
    signal?.addEventListener('abort', onAbort, { once: true });
  });
}

/** The CSV page parsed: header first. An empty body (no rows, no header) is an empty page. */
export function parseCsvPage(text: string): SourceBulkPage {
  if (text.trim() === '') return { header: [], rows: [] };
  const table = parse(text, { relax_column_count: false, bom: true }) as string[][];
  const [header = [], ...rows] = table;
  return { header, rows };
}

export async function* bulkQueryPages(ctx: BulkContext, soql: string, options: BulkQueryOptions = {}): AsyncGenerator<SourceBulkPage> {
  const { QueryJobV2 } = await import('jsforce/lib/api/bulk2');
  const { HttpApi } = await import('jsforce/lib/http-api');
  const { connection, requests, signal } = { ...ctx, signal: options.signal };
  const sleep = ctx.sleep ?? sleepFor;
  const pageSize = options.pageSize ?? DEFAULT_BULK_PAGE_SIZE;
  const job = new QueryJobV2(connection, {
    bodyParams: { operation: 'query', query: soql, columnDelimiter: 'COMMA', lineEnding: 'LF' },
    pollingOptions: connection.bulk2,
  });
  const run = <T>(op: string, work: () => Promise<T>): Promise<T> => ctx.run(op, work, signal);
  let info = (await run('bulk query create', async () => await job.open())) as JobInfo;
  let finished = false;
  try {
    const deadline = Date.now() + BULK_POLL_TIMEOUT_MS;
    for (let wait = FIRST_POLL_MS; info.state !== 'JobComplete'; wait = Math.min(MAX_POLL_MS, Math.round(wait * 1.5))) {
      if (info.state === 'Failed' || info.state === 'Aborted') {
        throw new OrgError(
          'BULK_QUERY_FAILED',
          `The Bulk API 2.0 query job ${info.id} ended ${info.state}${info.errorMessage ? `: ${info.errorMessage}` : '.'}`,
          400,
        );
      }
      if (Date.now() > deadline)
        throw new OrgError('TIMEOUT', `The Bulk API 2.0 query job ${info.id} did not complete within ${BULK_POLL_TIMEOUT_MS / 60_000} minutes.`, 504);
      await sleep(wait, signal);
      info = await run('bulk query poll', async () => await job.check());
    }

    /** Hands the body on as it came: the page is parsed here, with csv-parse, not by jsforce. */
    class ResultPage extends HttpApi<Schema> {
      override async getResponseBody(response: HttpResponse): Promise<string> {
        return response.statusCode === 204 ? '' : response.body;
      }
    }
    const base = `${connection.instanceUrl}/services/data/v${connection.version}/jobs/query/${encodeURIComponent(info.id)}/results`;
    let locator: string | undefined;
    do {
      const api = new ResultPage(connection, {});
      let next: string | undefined;
      api.on('response', (response: HttpResponse) => {
        next = response.headers['sforce-locator'];
      });
      const query = `maxRecords=${pageSize}${locator === undefined ? '' : `&locator=${encodeURIComponent(locator)}`}`;
      const body = await run(
        'bulk query results',
        async () => await api.request<string>({ method: 'GET', url: `${base}?${query}`, headers: { Accept: 'text/csv' } }),
      );
      yield parseCsvPage(body);
      locator = next === undefined || next === '' || next === 'null' ? undefined : next;
    } while (locator !== undefined);
    finished = true;
  } finally {
    // The job's results are the org's storage: free them, also when the recording stopped early.
    // Briefly: a recording stopped by SIGINT must not wait on an org that stopped answering.
    const cleanUp = (work: () => Promise<unknown>): Promise<unknown> => requests.run(work, undefined, CLEAN_UP_TIMEOUT_MS).catch(() => undefined);
    if (!finished && info.state !== 'JobComplete') await cleanUp(async () => await job.abort());
    await cleanUp(async () => await job.delete());
  }
}
