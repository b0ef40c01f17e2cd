import type { StoreChange } from '../../../src/mock-org/writes/changes';
import { JOB, START, writeOrg } from './write-fixture';

/** Issue 14 item 1: writes and timelines. An update's values win over a row's steps; inserted steps fire at absolute instants. */
describe('timelines and writes', () => {
  const jobAt = (org: ReturnType<typeof writeOrg>['org'], id = JOB) =>
    org.querySync('SELECT Status, JobItemsProcessed FROM AsyncApexJob WHERE Id = :id', { id }).records[0];

  test("an update's fields win over the row's timeline from then on; the steps' other fields still fire", () => {
    const { org, clock } = writeOrg();
    org.asPlatform((p) => p.update(JOB, { Status: 'Aborted' }));
    expect(jobAt(org)).toMatchObject({ Status: 'Aborted', JobItemsProcessed: null });
    clock.now = START + 2000;
    expect(jobAt(org)).toMatchObject({ Status: 'Aborted', JobItemsProcessed: 1 });
    clock.now = START + 6000;
    expect(jobAt(org)).toMatchObject({ Status: 'Aborted', JobItemsProcessed: 2 });
  });

  test('an update after a step fired replaces its value, and the overlay cached before the update is not served', () => {
    const { org, clock } = writeOrg();
    clock.now = START + 3000;
    expect(jobAt(org)).toMatchObject({ Status: 'Processing', JobItemsProcessed: 1 });
    org.asPlatform((p) => p.update(JOB, { JobItemsProcessed: 7 }));
    expect(jobAt(org)).toMatchObject({ Status: 'Processing', JobItemsProcessed: 7 });
    clock.now = START + 6000;
    expect(jobAt(org)).toMatchObject({ Status: 'Completed', JobItemsProcessed: 7 });
  });

  test('an update may add steps at absolute instants, which fire on the injected clock', () => {
    const { org, clock } = writeOrg();
    clock.now = START + 10_000;
    org.asPlatform((p) => p.update(JOB, { Status: 'Queued' }, [{ at: START + 12_000, values: { Status: 'Failed', ExtendedStatus: 'First error: boom' } }]));
    expect(jobAt(org)).toMatchObject({ Status: 'Queued' });
    clock.now = START + 12_000;
    expect(org.querySync('SELECT Status, ExtendedStatus FROM AsyncApexJob WHERE Id = :id', { id: JOB }).records[0]).toMatchObject({
      Status: 'Failed',
      ExtendedStatus: 'First error: boom',
    });
  });

  test('an inserted row carries steps at absolute instants: stored relative to the org start, recorded absolute', () => {
    const { org, clock } = writeOrg();
    const journal: StoreChange[] = [];
    org.setCommitHook((changes) => void journal.push(...changes));
    clock.now = START + 60_000;
    const id = org.asPlatform((p) =>
      p.insert('AsyncApexJob', { Status: 'Queued', JobType: 'Queueable' }, [
        { at: clock.now + 4000, values: { Status: 'Completed', CompletedDate: '2026-11-05T10:01:04Z' } },
        { at: clock.now + 1000, values: { Status: 'Processing' } },
      ]),
    );
    expect(jobAt(org, id)).toMatchObject({ Status: 'Queued' });
    clock.now = START + 61_000;
    expect(jobAt(org, id)).toMatchObject({ Status: 'Processing' });
    clock.now = START + 64_000;
    expect(org.querySync('SELECT Status, CompletedDate FROM AsyncApexJob WHERE Id = :id', { id }).records[0]).toMatchObject({
      Status: 'Completed',
      CompletedDate: '2026-11-05T10:01:04.000+0000',
    });
    expect(journal[0]).toMatchObject({ op: 'insert', timeline: [{ at: START + 64_000 }, { at: START + 61_000 }] });
  });

  test('a step at an instant before the org started is already due (after may be negative)', () => {
    const { org } = writeOrg();
    const id = org.asPlatform((p) => p.insert('AsyncApexJob', { Status: 'Queued' }, [{ at: START - 60_000, values: { Status: 'Completed' } }]));
    expect(jobAt(org, id)).toMatchObject({ Status: 'Completed' });
  });

  test("a step's values are checked like the record's, and a step may not move a reference or idLookup field", () => {
    const { org } = writeOrg();
    expect(() => org.asPlatform((p) => p.insert('AsyncApexJob', { Status: 'Queued' }, [{ at: START, values: { Status: 'Later' } }]))).toThrow(
      'Status: bad value for restricted picklist field: Later',
    );
    expect(() => org.asPlatform((p) => p.insert('AsyncApexJob', { Status: 'Queued' }, [{ at: START, values: { ParentJobId: JOB } }]))).toThrow(
      /may not change AsyncApexJob.ParentJobId/,
    );
    expect(org.querySync('SELECT COUNT() FROM AsyncApexJob').totalSize).toBe(1);
  });
});
