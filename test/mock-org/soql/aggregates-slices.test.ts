import { loadFixturesOrThrow } from '../../../src/mock-org/fixtures/load';
import { SoqlEngine } from '../../../src/mock-org/soql/engine';
import type { ScanBudget } from '../../../src/mock-org/soql/scan';
import { makeId } from '../../../src/salesforce/ids';

/** Grouping a long scan runs in slices on the async paths, like the scan itself, and answers what the synchronous path answers. */

const NOW = Date.UTC(2026, 10, 3, 12);
const JOBS = 6000;

function engineWith(budget: ScanBudget) {
  const loaded = loadFixturesOrThrow(
    {
      users: { admin: { default: true } },
      records: {
        AsyncApexJob: Array.from({ length: JOBS }, (_, i) => ({
          Id: makeId('707', i + 1),
          Status: i % 3 === 0 ? 'Completed' : i % 3 === 1 ? 'Queued' : 'Failed',
          NumberOfErrors: i % 5,
          CreatedDate: new Date(NOW - i * 60_000).toISOString(),
        })),
      },
    },
    NOW,
  );
  return { engine: new SoqlEngine(loaded.store, loaded.schema, '64.0', 100, budget), user: loaded.users.users.get('admin')! };
}

/** A clock that moves 1 ms each time it is read, counting the reads. */
function countingClock(): { now: () => number; reads: () => number } {
  let t = 0;
  return { now: () => ++t, reads: () => t };
}

describe('aggregates in slices', () => {
  it('executeSliced and selectAsync give the records execute gives (2,000 / 2,000 / 2,000 jobs per status)', async () => {
    const { engine, user } = engineWith({ sliceMs: 1, timeoutMs: 1e9, now: countingClock().now });
    const soql = 'SELECT Status, COUNT(Id), SUM(NumberOfErrors) FROM AsyncApexJob GROUP BY Status ORDER BY Status';
    const sync = engine.execute(soql, undefined, user, NOW, 0);
    expect(sync.records.map((r) => [r.Status, r.expr0, r.expr1])).toEqual([
      ['Queued', 2000, 4000],
      ['Completed', 2000, 4000],
      ['Failed', 2000, 4000],
    ]);
    expect(await engine.executeSliced(soql, undefined, user, NOW, 0)).toEqual(sync);
    const selection = await engine.selectAsync(soql, undefined, user, NOW, 0);
    expect({ totalSize: selection.totalSize, records: selection.records(0, selection.length) }).toEqual({ totalSize: 3, records: sync.records });
  });

  it('the grouping loop looks at the clock between slices, beyond the looks of the scan (COUNT(), which only scans)', async () => {
    const plainClock = countingClock();
    const plain = engineWith({ sliceMs: 1, timeoutMs: 1e9, now: plainClock.now });
    await plain.engine.executeSliced('SELECT COUNT() FROM AsyncApexJob', undefined, plain.user, NOW, 0);
    const groupedClock = countingClock();
    const grouped = engineWith({ sliceMs: 1, timeoutMs: 1e9, now: groupedClock.now });
    const answer = grouped.engine.executeSliced('SELECT Status, COUNT(Id) FROM AsyncApexJob GROUP BY Status', undefined, grouped.user, NOW, 0);
    expect(answer).toBeInstanceOf(Promise);
    await answer;
    expect(groupedClock.reads()).toBeGreaterThan(plainClock.reads());
  });
});
