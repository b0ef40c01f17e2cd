import { LRUCache } from 'lru-cache';
import { IpemuError } from '../../core/errors';
import type { Binds, BindScalar, FinalRows, Org, QueryMerge, QueryOptions, QueryResult, SObjectRecord } from '../../core/org';
import { readRecordPath } from '../../salesforce/record-path';

/** Rows kept at most, across every org and user of the process. */
export const DEFAULT_FINAL_ROWS = 10_000;
/** Salesforce purges finished jobs after 7 days; a kept row outlives its job by at most this. */
export const MAX_FINAL_ROW_TTL_MS = 24 * 60 * 60 * 1000;

export interface FinalRowCacheOptions {
  /** Rows kept at most (least recently used go first); default DEFAULT_FINAL_ROWS. */
  max?: number;
  /** How long a row is kept; default and maximum MAX_FINAL_ROW_TTL_MS. */
  ttlMs?: number;
  /** The clock the TTL reads (tests inject one); default `performance`. */
  perf?: { now(): number };
}

/**
 * Rows that their query declared final (QueryOptions.final), by org user, query text and merge
 * value. The user is part of the key because field-level security differs per user: a row read
 * by one user may hold fields another may not see.
 */
export class FinalRowCache {
  private readonly rows: LRUCache<string, SObjectRecord>;

  constructor(options: FinalRowCacheOptions = {}) {
    const max = options.max ?? DEFAULT_FINAL_ROWS;
    const ttl = options.ttlMs ?? MAX_FINAL_ROW_TTL_MS;
    if (!Number.isInteger(max) || max < 1) throw new IpemuError('INVALID_INPUT', 'The final-row cache needs a max of at least 1.');
    if (!(ttl > 0 && ttl <= MAX_FINAL_ROW_TTL_MS))
      throw new IpemuError('INVALID_INPUT', `The final-row cache's TTL must be above 0 and at most ${MAX_FINAL_ROW_TTL_MS} ms (a day).`);
    // ttlResolution 0: the clock is read on every lookup (a remote org's path, where a request costs far more),
    // so a row is never answered past its TTL.
    this.rows = new LRUCache<string, SObjectRecord>({ max, ttl, ttlResolution: 0, ...(options.perf ? { perf: options.perf } : {}) });
  }

  get(key: string): SObjectRecord | undefined {
    return this.rows.get(key);
  }

  set(key: string, row: SObjectRecord): void {
    this.rows.set(key, row);
  }

  /** Rows held now (expired ones may still count until they are asked for). */
  get size(): number {
    return this.rows.size;
  }

  clear(): void {
    this.rows.clear();
  }
}

let shared: FinalRowCache | undefined;

/** The process's one cache, made on first use: every emulator on a remote org shares its bound. */
export function sharedFinalRowCache(): FinalRowCache {
  shared ??= new FinalRowCache();
  return shared;
}

type QueryFn = <R = SObjectRecord>(soql: string, binds?: Binds, options?: QueryOptions) => Promise<QueryResult<R>>;

/** SOQL `IN` on strings ignores case, and an 18-character Id names one record whatever its case. */
function valueKey(value: unknown): string | undefined {
  if (typeof value === 'string') return value.toLowerCase();
  if (typeof value === 'number' && Number.isFinite(value)) return String(value);
  return undefined;
}

function isFinal(record: SObjectRecord, final: FinalRows): boolean {
  const value = readRecordPath(record, final.field.split('.'));
  return typeof value === 'string' && final.values.includes(value);
}

/**
 * Keeps the rows a query declares final and asks `query` (the merger) only for the values it does
 * not hold; with every value held, no request is made at all. Answers hold the kept rows first,
 * then the org's: callers of a WHERE … IN query read no order into it (SOQL promises none).
 * Everything stays synchronous up to the inner call, so concurrent callers still merge.
 */
export function keepFinalRows(org: Org, query: QueryFn, cache: FinalRowCache): QueryFn {
  return function keeping<R = SObjectRecord>(soql: string, binds?: Binds, options?: QueryOptions): Promise<QueryResult<R>> {
    const final = options?.final;
    const merge: QueryMerge | undefined = options?.merge;
    if (!final || !merge || !binds) return query<R>(soql, binds, options);
    const given = binds[merge.bind];
    const values: readonly BindScalar[] = Array.isArray(given) ? (given as readonly BindScalar[]) : [given as BindScalar];
    const prefix = `${org.cacheKey}\u0000${soql}\u0000`;
    const kept: SObjectRecord[] = [];
    const seen = new Set<string>();
    const missing: BindScalar[] = [];
    for (const value of values) {
      const key = valueKey(value);
      const row = key === undefined ? undefined : cache.get(prefix + key);
      if (row === undefined) missing.push(value);
      else if (!seen.has(key!)) {
        seen.add(key!);
        kept.push(row);
      }
    }
    if (missing.length === 0) return Promise.resolve({ totalSize: kept.length, done: true, records: kept as R[] });
    const asked = missing.length === values.length ? binds : { ...binds, [merge.bind]: missing };
    const fieldPath = merge.field.split('.');
    return query<SObjectRecord>(soql, asked, options).then((result) => {
      for (const record of result.records) {
        const key = valueKey(readRecordPath(record, fieldPath));
        if (key !== undefined && isFinal(record, final)) cache.set(prefix + key, record);
      }
      if (kept.length === 0) return result as unknown as QueryResult<R>;
      const records = [...kept, ...result.records];
      return { ...result, totalSize: kept.length + result.totalSize, records: records as R[] };
    });
  };
}
