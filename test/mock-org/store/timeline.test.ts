import { MockOrg } from '../../../src/mock-org/mock-org';
import { JOB_A, JOB_C, smallOrg } from '../fixture-data';

// JOB_C: Queued; after 2s Processing (1 item); after 5s Completed (2 items, 0 errors).
describe('timelines move a job with the injected clock', () => {
  let now: number;
  let org: MockOrg;
  beforeEach(async () => {
    now = Date.UTC(2026, 10, 3, 12);
    org = await MockOrg.fromFixtures(smallOrg(), { clock: () => now });
  });
  const jobC = () => org.querySync('SELECT Status, JobItemsProcessed, NumberOfErrors FROM AsyncApexJob WHERE Id = :id', { id: JOB_C }).records[0];

  test('before, at and after each step (after ≤ elapsed applies)', () => {
    expect(jobC()).toMatchObject({ Status: 'Queued', JobItemsProcessed: 0, NumberOfErrors: null });
    now += 1999;
    expect(jobC()).toMatchObject({ Status: 'Queued' });
    now += 1;
    expect(jobC()).toMatchObject({ Status: 'Processing', JobItemsProcessed: 1, NumberOfErrors: null });
    now += 3000;
    expect(jobC()).toMatchObject({ Status: 'Completed', JobItemsProcessed: 2, NumberOfErrors: 0 });
    now += 3_600_000;
    expect(jobC()).toMatchObject({ Status: 'Completed', JobItemsProcessed: 2 });
  });

  test('WHERE, ORDER BY, parent paths, retrieve and other users see the same moment', () => {
    const queued = () => org.querySync("SELECT Id FROM AsyncApexJob WHERE Status = 'Queued'").totalSize;
    const viaItem = () => org.asUser('agent').querySync("SELECT Id FROM AsyncApexJob WHERE Status = 'Processing'").totalSize;
    expect(queued()).toBe(1);
    now += 2500;
    expect(queued()).toBe(0);
    expect(viaItem()).toBe(1);
    expect(org.retrieve('AsyncApexJob', JOB_C, ['Status'])).toMatchObject({ Status: 'Processing' });
    expect(org.querySync('SELECT Id FROM AsyncApexJob ORDER BY JobItemsProcessed DESC NULLS LAST').records[0]!.Id).toBe(JOB_C);
  });

  test("steps count from the org's start, not from the epoch or the record", async () => {
    now = Date.UTC(2030, 0, 1);
    const later = await MockOrg.fromFixtures(smallOrg(), { clock: () => now });
    expect(later.retrieve('AsyncApexJob', JOB_C, ['Status']).Status).toBe('Queued');
    now += 5000;
    expect(later.retrieve('AsyncApexJob', JOB_C, ['Status']).Status).toBe('Completed');
  });

  test('durations in ms, s, m and h; steps out of order are sorted', async () => {
    const t0 = now;
    const timed = await MockOrg.fromFixtures(
      {
        records: {
          AsyncApexJob: [
            {
              Id: JOB_A,
              Status: 'Holding',
              $timeline: [
                { after: '1h', Status: 'Completed' },
                { after: '500ms', Status: 'Queued' },
                { after: '1m', Status: 'Processing' },
              ],
            },
          ],
        },
      },
      { clock: () => now },
    );
    const status = () => timed.retrieve('AsyncApexJob', JOB_A, ['Status']).Status;
    const at = (ms: number) => {
      now = t0 + ms;
      return status();
    };
    expect([at(0), at(499), at(500), at(59_999), at(60_000), at(3_599_999), at(3_600_000)]).toEqual([
      'Holding',
      'Holding',
      'Queued',
      'Queued',
      'Processing',
      'Processing',
      'Completed',
    ]);
  });

  test('records without a timeline are returned as stored', () => {
    now += 10_000;
    expect(org.retrieve('AsyncApexJob', JOB_A, ['Status']).Status).toBe('Completed');
  });
});
