import fc from 'fast-check';
import { JobRow, latestJob } from '../../../src/services/ins-policy-service/job-status';

const job = (Id: string, CreatedDate: string | null): JobRow => ({ Id, Status: 'Completed', NumberOfErrors: 0, ExtendedStatus: null, CreatedDate });

/** The instant in one of the forms an org may return: Salesforce's `+0000`, `Z`, or another offset. */
function written(ms: number, form: number): string {
  const iso = new Date(ms).toISOString(); // …Z
  if (form === 0) return `${iso.slice(0, 23)}+0000`;
  if (form === 1) return iso;
  const shifted = new Date(ms + 90 * 60_000).toISOString();
  return `${shifted.slice(0, 23)}+01:30`;
}

describe('latestJob: the latest CreatedDate wins, ties go to the greater Id', () => {
  it('orders by instant whatever the form, including the ends of months', () => {
    const a = job('707000000000001AAA', '2026-01-31T23:59:59.999+0000');
    const b = job('707000000000002AAA', '2026-02-01T00:00:00.000Z');
    const c = job('707000000000003AAA', '2026-02-01T00:59:59.999+01:00'); // 23:59:59.999 on Jan 31, UTC
    expect(latestJob([a, b, c])).toBe(b);
    expect(latestJob([b, a])).toBe(b);
  });

  it('breaks a tie by the greater 15-character Id, and puts a missing or unreadable date last', () => {
    const early = job('707000000000009AAA', null);
    const x = job('707000000000001AAA', '2026-03-29T10:00:00.000+0000');
    const y = job('707000000000002AAA', '2026-03-29T10:00:00.000Z');
    const bad = job('70700000000000zAAA', '2026-13-01T10:00:00.000+0000');
    expect(latestJob([x, y, early, bad])).toBe(y);
    expect(latestJob([early, bad])).toBe(bad);
  });

  it('reads a date that is not a real one (Feb 30) as Date.parse reads it, not by its text', () => {
    const feb30 = job('707000000000001AAA', '2026-02-30T00:00:00.000+0000'); // Date.parse: March 2
    const mar1 = job('707000000000002AAA', '2026-03-01T00:00:00.000+0000');
    expect(latestJob([feb30, mar1])).toBe(feb30);
  });

  it('agrees with a reference order on generated instants and forms', () => {
    const instant = fc.integer({ min: Date.UTC(2000, 0, 1), max: Date.UTC(2099, 11, 31) });
    fc.assert(
      fc.property(fc.array(fc.tuple(instant, fc.integer({ min: 0, max: 2 })), { minLength: 1, maxLength: 6 }), (picks) => {
        const jobs = picks.map(([ms, form], i) => job(`7070000000000${String(i).padStart(2, '0')}AAA`, written(ms, form)));
        const expected = picks.reduce((best, [ms], i) => (ms > picks[best]![0] || (ms === picks[best]![0] && i > best) ? i : best), 0);
        expect(latestJob(jobs)).toBe(jobs[expected]);
      }),
      { numRuns: 300 },
    );
  });
});
