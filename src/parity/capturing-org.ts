import { AsyncLocalStorage } from 'node:async_hooks';
import type { Binds, Org, QueryOptions, QueryResult, SObjectRecord } from '../core/org';
import { isOrgError } from '../core/org';

/** One query a service sent during one invocation, with what the org answered. */
export interface CapturedQuery {
  soql: string;
  /** The binds as JSON (dates as ISO strings). */
  binds: Record<string, unknown>;
  /** The records answered, as JSON; absent when the query failed. */
  records?: unknown[];
  /** The org's errorCode (or the error's name) when the query failed. */
  error?: string;
}

function jsonOf(value: unknown): unknown {
  return value === undefined ? null : (JSON.parse(JSON.stringify(value)) as unknown);
}

function bindsOf(binds: Binds | undefined): Record<string, unknown> {
  const copy: Record<string, unknown> = {};
  for (const [name, value] of Object.entries(binds ?? {})) copy[name] = jsonOf(value);
  return copy;
}

/**
 * Keeps the queries of each invocation apart: `run` gives `work` its own list, and every query of
 * the org `wrap` made, sent inside `work` (through promises and awaits), lands in that list. It
 * sits above the coalescing layer, so a query merged with another invocation's is still recorded
 * as its service sent it, with the records the service got.
 */
export class QueryCapture {
  private readonly storage = new AsyncLocalStorage<CapturedQuery[]>();

  async run<T>(work: () => Promise<T>): Promise<{ value: T; queries: CapturedQuery[] }> {
    const queries: CapturedQuery[] = [];
    const value = await this.storage.run(queries, work);
    return { value, queries };
  }

  /** The org's reads, each query recorded in the list of the `run` it is sent in: no writes (parity runs read-only services), no close (its opener closes the org). */
  wrap(org: Org): Org {
    const storage = this.storage;
    const query = async <R = SObjectRecord>(soql: string, binds?: Binds, options?: QueryOptions): Promise<QueryResult<R>> => {
      const list = storage.getStore();
      if (list === undefined) return org.query<R>(soql, binds, options);
      const entry: CapturedQuery = { soql, binds: bindsOf(binds) };
      list.push(entry);
      try {
        const result = await org.query<R>(soql, binds, options);
        entry.records = jsonOf(result.records) as unknown[];
        return result;
      } catch (err) {
        entry.error = isOrgError(err) ? err.errorCode : err instanceof Error ? err.name : 'Error';
        throw err;
      }
    };
    return {
      get cacheKey() {
        return org.cacheKey;
      },
      remote: org.remote,
      query,
      describe: (sobject, options) => org.describe(sobject, options),
    };
  }
}
