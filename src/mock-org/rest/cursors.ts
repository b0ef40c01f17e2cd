import { randomBytes } from 'node:crypto';
import { LRUCache } from 'lru-cache';
import type { SObjectRecord } from '../../core/org';

/** Rows per query page, as Salesforce pages query results. */
export const PAGE_SIZE = 2000;

interface Cursor {
  user: string;
  totalSize: number;
  records: SObjectRecord[];
}

export interface CursorStoreOptions {
  /** Most open cursors kept; the least recently read is dropped first. */
  maxCursors?: number;
  /** How long a cursor lives, in ms (Salesforce keeps them about 15 minutes). */
  ttlMs?: number;
  now?: () => number;
}

export interface Page {
  totalSize: number;
  done: boolean;
  nextRecordsUrl?: string;
  records: SObjectRecord[];
}

/**
 * Query locators: the rows past the first page, kept per locator so `/query/<locator>-<offset>`
 * can serve them. Bounded in count and age so abandoned cursors cannot grow memory.
 */
export class CursorStore {
  private readonly cursors: LRUCache<string, Cursor>;

  constructor(options: CursorStoreOptions = {}) {
    const now = options.now ?? Date.now;
    // A cursor's age counts from when it was opened (reading a page does not renew it), on the store's clock.
    this.cursors = new LRUCache<string, Cursor>({
      max: options.maxCursors ?? 200,
      ttl: options.ttlMs ?? 15 * 60_000,
      ttlResolution: 0,
      // lru-cache reads a start time of 0 as "no ttl": a clock that starts at 0 (tests) is shifted by 1 ms.
      perf: { now: () => now() + 1 },
    });
  }

  get size(): number {
    return this.cursors.size;
  }

  /** The first page of a result, opening a cursor when more rows follow. */
  firstPage(records: SObjectRecord[], totalSize: number, user: string, queryUrl: string): Page {
    if (records.length <= PAGE_SIZE) return { totalSize, done: true, records };
    this.cursors.purgeStale();
    // 0r8 is the key prefix Salesforce uses for query locators.
    const locator = `0r8${randomBytes(9).toString('base64url')}`;
    this.cursors.set(locator, { user, totalSize, records });
    return { totalSize, done: false, nextRecordsUrl: `${queryUrl}/${locator}-${PAGE_SIZE}`, records: records.slice(0, PAGE_SIZE) };
  }

  /** The page at `<locator>-<offset>`, or undefined for an unknown, expired or foreign locator. */
  page(locatorWithOffset: string, user: string, queryUrl: string): Page | undefined {
    const m = /^([A-Za-z0-9_-]+)-(\d{1,9})$/.exec(locatorWithOffset);
    if (!m) return undefined;
    const [, locator = '', offsetText = ''] = m;
    const cursor = this.cursors.get(locator);
    const offset = Number(offsetText);
    if (!cursor || cursor.user !== user || offset <= 0 || offset >= cursor.records.length) return undefined;
    const end = offset + PAGE_SIZE;
    const records = cursor.records.slice(offset, end);
    if (end >= cursor.records.length) {
      this.cursors.delete(locator);
      return { totalSize: cursor.totalSize, done: true, records };
    }
    return { totalSize: cursor.totalSize, done: false, nextRecordsUrl: `${queryUrl}/${locator}-${end}`, records };
  }
}
