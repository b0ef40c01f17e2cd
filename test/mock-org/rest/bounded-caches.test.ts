import { MAX_TOKENS, TokenStore } from '../../../src/mock-org/rest/oauth';

/** The fake REST API's bounded stores are LRU caches (lru-cache): the least recently used entry goes first (cursors: cursors.test.ts). */

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
