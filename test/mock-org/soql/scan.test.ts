import { loadFixturesOrThrow } from '../../../src/mock-org/fixtures/load';
import { SoqlEngine } from '../../../src/mock-org/soql/engine';
import { runSliced, ScanBudget } from '../../../src/mock-org/soql/scan';
import { isOrgError, OrgError } from '../../../src/core/org';
import { makeId } from '../../../src/salesforce/ids';

/** Long scans run in slices that yield to the event loop, and past the query timeout fail with QUERY_TIMEOUT. */

const NOW = Date.UTC(2026, 10, 3, 12);
const JOBS = 6000;

function engineWith(budget: ScanBudget) {
  const loaded = loadFixturesOrThrow(
    {
      users: { admin: { default: true } },
      records: {
        AsyncApexJob: Array.from({ length: JOBS }, (_, i) => ({
          Id: makeId('707', i + 1),
          Status: i % 3 === 0 ? 'Completed' : 'Queued',
          NumberOfErrors: i % 5,
          CreatedDate: new Date(NOW - i * 60_000).toISOString(),
        })),
      },
    },
    NOW,
  );
  const engine = new SoqlEngine(loaded.store, loaded.schema, '64.0', 100, budget);
  return { engine, user: loaded.users.users.get('admin')! };
}

/** A clock that moves 1 ms each time it is read: every look at it ends a 1 ms slice. */
function tickingClock(): () => number {
  let t = 0;
  return () => ++t;
}

describe('runSliced', () => {
  it('without a budget, or within one slice, it runs synchronously and returns where it stopped', () => {
    expect(runSliced(10, (i) => i < 4)).toBe(4);
    expect(runSliced(5000, () => true)).toBe(5000);
    expect(runSliced(100, () => true, { sliceMs: 1, timeoutMs: 10, now: tickingClock() })).toBe(100);
  });

  it('past a slice it yields: a macrotask queued before the loop runs before the loop ends', async () => {
    const seen: string[] = [];
    setImmediate(() => seen.push('other work'));
    const done = runSliced(5000, () => true, { sliceMs: 1, timeoutMs: 1e9, now: tickingClock() });
    expect(done).toBeInstanceOf(Promise);
    await expect(done).resolves.toBe(5000);
    seen.push('loop done');
    expect(seen).toEqual(['other work', 'loop done']);
  });
});

describe('SoqlEngine in slices', () => {
  it('gives the same records as the synchronous path (WHERE, ORDER BY, LIMIT, OFFSET, COUNT)', async () => {
    const { engine, user } = engineWith({ sliceMs: 1, timeoutMs: 1e9, now: tickingClock() });
    const texts = [
      'SELECT Id, Status FROM AsyncApexJob',
      "SELECT Id FROM AsyncApexJob WHERE Status = 'Queued' AND NumberOfErrors > 1",
      'SELECT Id, CreatedDate FROM AsyncApexJob ORDER BY CreatedDate LIMIT 50 OFFSET 100',
      "SELECT Id FROM AsyncApexJob WHERE Status LIKE 'comp%' LIMIT 1500 OFFSET 600",
      "SELECT COUNT() FROM AsyncApexJob WHERE Status = 'Completed'",
    ];
    for (const soql of texts) {
      const sync = engine.execute(soql, undefined, user, NOW, 0);
      expect(await engine.executeSliced(soql, undefined, user, NOW, 0)).toEqual(sync);
      const selection = await engine.selectAsync(soql, undefined, user, NOW, 0);
      expect(selection.totalSize).toBe(sync.totalSize);
      expect(selection.records(0, selection.length)).toEqual(sync.records);
    }
  });

  it('a scan past the query timeout fails with QUERY_TIMEOUT (400), on an injected clock', async () => {
    const { engine, user } = engineWith({ sliceMs: 1, timeoutMs: 3, now: tickingClock() });
    const err: unknown = await Promise.resolve()
      .then(() => engine.executeSliced("SELECT Id FROM AsyncApexJob WHERE Status LIKE '%x%'", undefined, user, NOW, 0))
      .catch((e: unknown) => e);
    expect(isOrgError(err)).toBe(true);
    expect(err as OrgError).toMatchObject({ errorCode: 'QUERY_TIMEOUT', message: 'Your query request was running for too long.', status: 400 });
    // An indexed query fits in one slice: it never looks at the clock, so it never times out.
    const byId = await engine.executeSliced('SELECT Id FROM AsyncApexJob WHERE Id = :id', { id: makeId('707', 9) }, user, NOW, 0);
    expect(byId.totalSize).toBe(1);
  });
});
