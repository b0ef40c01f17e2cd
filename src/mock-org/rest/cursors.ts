import { randomBytes } from 'node:crypto';
import { LRUCache } from 'lru-cache';
import type { SObjectRecord } from '../../core/org';

/** Rows per query page, as Salesforce pages query results (the default and largest batch size). */
export const PAGE_SIZE = 2000;

/** The smallest page `Sforce-Query-Options: batchSize=N` may ask for. */
export const MIN_PAGE_SIZE = 200;

/** Salesforce: "A user can have up to 10 query cursors open at a time"; the 11th releases the oldest. */
export const MAX_CURSORS_PER_USER = 10;

/** Salesforce: query locators "expire automatically after 15 minutes of inactivity". */
export const CURSOR_IDLE_MS = 15 * 60_000;

/**
 * What a cursor keeps of a result: the matched rows (references into the store), projected one
 * page at a time. A cursor that held its projected records cost 30 MB on a 150,000-job org, and
 * 121 abandoned ones took the server to 4.2 GB; rows cost one reference each.
 */
export interface PagedResult {
  readonly totalSize: number;
  /** How many records the result holds. */
  readonly length: number;
  /** Records [start, end), projected now. */
  records(start: number, end: number): SObjectRecord[];
}

interface Cursor {
  readonly user: string;
  readonly result: PagedResult;
  /** Rows per page, chosen by the first request: every later page of the cursor has as many. */
  readonly pageSize: number;
}

export interface CursorStoreOptions {
  /** Most open cursors kept over all users; the least recently read is dropped first. */
  maxCursors?: number;
  /** Most open cursors per user; opening one more releases that user's oldest. */
  maxPerUser?: number;
  /** Most estimated bytes all open cursors may hold; the least recently read are dropped first. */
  maxBytes?: number;
  /** How long a cursor lives after it was last read, in ms. */
  idleMs?: number;
  now?: () => number;
}

export interface Page {
  totalSize: number;
  done: boolean;
  nextRecordsUrl?: string;
  records: SObjectRecord[];
}

/** What keeping a cursor costs: a reference per row, plus the cursor itself. */
function estimatedBytes(cursor: Cursor): number {
  return 256 + cursor.result.length * 8;
}

/**
 * Query locators: the rest of a result past its first page, kept per locator so
 * `/query/<locator>-<offset>` can serve it. Bounded by count per user (Salesforce's 10), by count
 * and estimated bytes overall, and by idle time (15 minutes after last use, Salesforce's rule).
 */
export class CursorStore {
  private readonly cursors: LRUCache<string, Cursor>;
  /** Each user's open locators, oldest first. */
  private readonly byUser = new Map<string, Set<string>>();
  private readonly maxPerUser: number;

  constructor(options: CursorStoreOptions = {}) {
    const now = options.now ?? Date.now;
    this.maxPerUser = options.maxPerUser ?? MAX_CURSORS_PER_USER;
    this.cursors = new LRUCache<string, Cursor>({
      max: options.maxCursors ?? 200,
      maxSize: options.maxBytes ?? 64 * 1024 * 1024,
      sizeCalculation: estimatedBytes,
      ttl: options.idleMs ?? CURSOR_IDLE_MS,
      // Reading a page renews the cursor: expiry counts from last use.
      updateAgeOnGet: true,
      ttlResolution: 0,
      // lru-cache reads a start time of 0 as "no ttl": a clock that starts at 0 (tests) is shifted by 1 ms.
      perf: { now: () => now() + 1 },
      dispose: (cursor, locator) => this.forget(cursor.user, locator),
    });
  }

  get size(): number {
    return this.cursors.size;
  }

  /** Open cursors of one user (expired ones not counted). */
  openFor(user: string): number {
    this.cursors.purgeStale();
    return this.byUser.get(user)?.size ?? 0;
  }

  /** The first page of a result, opening a cursor when more rows follow; `pageSize` rows per page (see batchSizeOf). */
  firstPage(result: PagedResult, user: string, queryUrl: string, pageSize: number = PAGE_SIZE): Page {
    if (result.length <= pageSize) return { totalSize: result.totalSize, done: true, records: result.records(0, result.length) };
    this.cursors.purgeStale();
    for (let mine = this.byUser.get(user); mine && mine.size >= this.maxPerUser; mine = this.byUser.get(user)) {
      this.cursors.delete(mine.values().next().value as string); // the user's oldest (dispose forgets it)
    }
    // 0r8 is the key prefix Salesforce uses for query locators.
    const locator = `0r8${randomBytes(9).toString('base64url')}`;
    this.cursors.set(locator, { user, result, pageSize });
    // A cursor larger than maxBytes on its own is refused by the cache: the first page is served all the same.
    if (this.cursors.has(locator)) {
      const mine = this.byUser.get(user) ?? new Set<string>();
      mine.add(locator);
      this.byUser.set(user, mine);
    }
    return { totalSize: result.totalSize, done: false, nextRecordsUrl: `${queryUrl}/${locator}-${pageSize}`, records: result.records(0, pageSize) };
  }

  /** The page at `<locator>-<offset>`, or undefined for an unknown, expired, released or foreign locator. */
  page(locatorWithOffset: string, user: string, queryUrl: string): Page | undefined {
    const m = /^([A-Za-z0-9_-]+)-(\d{1,9})$/.exec(locatorWithOffset);
    if (!m) return undefined;
    const [, locator = '', offsetText = ''] = m;
    const cursor = this.cursors.get(locator);
    const offset = Number(offsetText);
    if (!cursor || cursor.user !== user || offset <= 0 || offset >= cursor.result.length) return undefined;
    const { result } = cursor;
    const end = offset + cursor.pageSize;
    const records = result.records(offset, end);
    if (end >= result.length) {
      this.cursors.delete(locator);
      return { totalSize: result.totalSize, done: true, records };
    }
    return { totalSize: result.totalSize, done: false, nextRecordsUrl: `${queryUrl}/${locator}-${end}`, records };
  }

  private forget(user: string, locator: string): void {
    const mine = this.byUser.get(user);
    if (!mine) return;
    mine.delete(locator);
    if (mine.size === 0) this.byUser.delete(user);
  }
}

/**
 * The page size a request asks for with `Sforce-Query-Options: batchSize=N`. Salesforce documents
 * 200 to 2,000 (the default) and no guarantee; (ipemu) a number outside that range is brought to
 * the nearer end, and a header without a whole-number batchSize leaves the default.
 */
export function batchSizeOf(header: unknown): number {
  const text = Array.isArray(header) ? header.join(',') : header;
  if (typeof text !== 'string') return PAGE_SIZE;
  const m = /(?:^|[\s,;])batchSize\s*=\s*(\d{1,9})\s*(?:$|[,;])/i.exec(text);
  if (!m) return PAGE_SIZE;
  return Math.min(PAGE_SIZE, Math.max(MIN_PAGE_SIZE, Number(m[1])));
}
