import { CursorStore } from '../../../src/mock-org/rest/cursors';
import { MAX_TOKENS, TokenStore } from '../../../src/mock-org/rest/oauth';

/** The fake REST API's bounded stores are LRU caches (lru-cache): the least recently used entry goes first. */

const rows = (n: number) => Array.from({ length: n }, (_, i) => ({ attributes: { type: 'X', url: `/${i}` }, Id: String(i) }));
const locatorOf = (url: string | undefined): string => (url as string).split('/').pop() as string;

describe('CursorStore (lru-cache, by count and by age)', () => {
  it('a cursor read recently survives; the least recently read one is dropped', () => {
    const store = new CursorStore({ maxCursors: 2 });
    const a = store.firstPage(rows(4500), 4500, 'u', '/q').nextRecordsUrl;
    const b = store.firstPage(rows(4500), 4500, 'u', '/q').nextRecordsUrl;
    const next = store.page(locatorOf(a), 'u', '/q'); // a is now the most recently read
    expect(next?.done).toBe(false);
    store.firstPage(rows(4500), 4500, 'u', '/q'); // drops b
    expect(store.size).toBe(2);
    expect(store.page(locatorOf(b), 'u', '/q')).toBeUndefined();
    expect(store.page(locatorOf(next!.nextRecordsUrl), 'u', '/q')?.done).toBe(true);
  });

  it('age counts from opening: reading a page does not renew a cursor', () => {
    let now = 0;
    const store = new CursorStore({ ttlMs: 1000, now: () => now });
    const url = store.firstPage(rows(6500), 6500, 'u', '/q').nextRecordsUrl;
    now = 600;
    const second = store.page(locatorOf(url), 'u', '/q');
    expect(second?.done).toBe(false);
    now = 1200;
    expect(store.page(locatorOf(second!.nextRecordsUrl), 'u', '/q')).toBeUndefined();
    expect(store.size).toBe(0);
  });

  it('a foreign user cannot read a cursor', () => {
    const store = new CursorStore();
    const url = store.firstPage(rows(2001), 2001, 'u', '/q').nextRecordsUrl;
    expect(store.page(locatorOf(url), 'other', '/q')).toBeUndefined();
    expect(store.page(locatorOf(url), 'u', '/q')?.records).toHaveLength(1);
  });
});

describe('TokenStore (lru-cache)', () => {
  it(`keeps at most ${MAX_TOKENS} tokens; one in use survives, the least recently used goes`, () => {
    const store = new TokenStore();
    const startup = store.issue('admin', 'startup-token');
    const idle = store.issue('agent', 'idle-token');
    for (let i = 0; i < MAX_TOKENS - 2; i++) store.issue('admin');
    expect(store.userOf(startup)).toBe('admin'); // used: now the most recent
    store.issue('admin'); // one past the bound
    expect(store.userOf(startup)).toBe('admin');
    expect(store.userOf(idle)).toBeUndefined();
  });
});

describe('TokenStore: the pinned start-up token', () => {
  it(`is never evicted, even unused through ${MAX_TOKENS + 1} issued tokens, while the issued ones stay at ${MAX_TOKENS}`, () => {
    const store = new TokenStore();
    store.pin('admin', 'startup-token');
    const firstIssued = store.issue('agent');
    for (let i = 0; i < MAX_TOKENS; i++) store.issue('admin');
    expect(store.size).toBe(MAX_TOKENS);
    expect(store.userOf(firstIssued)).toBeUndefined();
    expect(store.userOf('startup-token')).toBe('admin');
  });
});
