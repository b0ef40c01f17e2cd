import { CURSOR_IDLE_MS, CursorStore, MAX_CURSORS_PER_USER, PagedResult } from '../../../src/mock-org/rest/cursors';

/**
 * Query cursors (issue 12 item 1): bounded per user (Salesforce's 10, the 11th releases the
 * oldest), by count and bytes overall, expiring 15 minutes after last use, and paging lazily.
 */

/** A result of n rows that counts how many records it was asked to project. */
function result(n: number): PagedResult & { projected: number } {
  const out = {
    totalSize: n,
    length: n,
    projected: 0,
    records(start: number, end: number) {
      const to = Math.min(end, n);
      out.projected += to - start;
      return Array.from({ length: to - start }, (_, i) => ({ attributes: { type: 'X', url: `/${start + i}` }, Id: String(start + i) }));
    },
  };
  return out;
}
const locatorOf = (url: string | undefined): string => (url as string).split('/').pop() as string;

describe('CursorStore', () => {
  it('pages every row once, in order, projecting only the page asked for', () => {
    const store = new CursorStore();
    const rows = result(4500);
    const first = store.firstPage(rows, 'u', '/q');
    expect(rows.projected).toBe(2000);
    const second = store.page(locatorOf(first.nextRecordsUrl), 'u', '/q')!;
    const third = store.page(locatorOf(second.nextRecordsUrl), 'u', '/q')!;
    expect(rows.projected).toBe(4500);
    expect([first.done, second.done, third.done]).toEqual([false, false, true]);
    const ids = [...first.records, ...second.records, ...third.records].map((r) => Number(r.Id));
    expect(ids).toEqual(Array.from({ length: 4500 }, (_, i) => i));
    expect(store.size).toBe(0); // the last page closes the cursor
  });

  it(`a user's ${MAX_CURSORS_PER_USER + 1}th cursor releases that user's oldest; other users keep theirs`, () => {
    const store = new CursorStore();
    const other = store.firstPage(result(2001), 'v', '/q').nextRecordsUrl;
    const urls = Array.from({ length: MAX_CURSORS_PER_USER + 1 }, () => store.firstPage(result(2001), 'u', '/q').nextRecordsUrl);
    expect(store.openFor('u')).toBe(MAX_CURSORS_PER_USER);
    expect(store.page(locatorOf(urls[0]), 'u', '/q')).toBeUndefined(); // released
    expect(store.page(locatorOf(urls[1]), 'u', '/q')?.records).toHaveLength(1);
    expect(store.page(locatorOf(other), 'v', '/q')?.records).toHaveLength(1);
  });

  it('keeps at most maxCursors overall, dropping the least recently read', () => {
    const store = new CursorStore({ maxCursors: 2 });
    const a = store.firstPage(result(4500), 'u', '/q').nextRecordsUrl;
    const b = store.firstPage(result(4500), 'v', '/q').nextRecordsUrl;
    const next = store.page(locatorOf(a), 'u', '/q'); // a is now the most recently read
    store.firstPage(result(4500), 'w', '/q'); // drops b
    expect(store.size).toBe(2);
    expect(store.page(locatorOf(b), 'v', '/q')).toBeUndefined();
    expect(store.page(locatorOf(next!.nextRecordsUrl), 'u', '/q')?.done).toBe(true);
  });

  it('keeps at most maxBytes (8 bytes a row), dropping the least recently read; a result too big alone still gets its first page', () => {
    const store = new CursorStore({ maxBytes: 100_000 });
    const a = store.firstPage(result(6000), 'u', '/q').nextRecordsUrl; // ~48 KB
    const b = store.firstPage(result(6000), 'v', '/q').nextRecordsUrl;
    store.firstPage(result(6000), 'w', '/q'); // drops a
    expect(store.page(locatorOf(a), 'u', '/q')).toBeUndefined();
    expect(store.page(locatorOf(b), 'v', '/q')?.done).toBe(false);
    const huge = store.firstPage(result(20_000), 'x', '/q');
    expect(huge.records).toHaveLength(2000);
    expect(store.page(locatorOf(huge.nextRecordsUrl), 'x', '/q')).toBeUndefined();
    expect(store.openFor('x')).toBe(0);
  });

  it('expires 15 minutes after last use: each read renews it', () => {
    let now = 0;
    const store = new CursorStore({ now: () => now });
    const url = store.firstPage(result(8500), 'u', '/q').nextRecordsUrl;
    now += CURSOR_IDLE_MS - 1;
    const second = store.page(locatorOf(url), 'u', '/q');
    expect(second?.done).toBe(false);
    now += CURSOR_IDLE_MS - 1; // 30 minutes after opening, under 15 after the last read
    const third = store.page(locatorOf(second!.nextRecordsUrl), 'u', '/q');
    expect(third?.done).toBe(false);
    now += CURSOR_IDLE_MS + 1;
    expect(store.page(locatorOf(third!.nextRecordsUrl), 'u', '/q')).toBeUndefined();
    expect(store.size).toBe(0);
    expect(store.openFor('u')).toBe(0);
  });

  it('a foreign user cannot read a cursor, and a malformed or out-of-range locator is refused', () => {
    const store = new CursorStore();
    const url = store.firstPage(result(2001), 'u', '/q').nextRecordsUrl!;
    const locator = locatorOf(url).split('-')[0]!;
    expect(store.page(locatorOf(url), 'other', '/q')).toBeUndefined();
    for (const bad of [`${locator}-0`, `${locator}-2001`, `${locator}`, `${locator}-x`, '../etc-2000']) expect(store.page(bad, 'u', '/q')).toBeUndefined();
    expect(store.page(locatorOf(url), 'u', '/q')?.records).toHaveLength(1);
  });
});
