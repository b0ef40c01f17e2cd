import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runCli } from '../run-cli';

const KEY = 'InsPolicyService:getPolicyAsyncJobStatus';
const dir = mkdtempSync(join(tmpdir(), 'ipemu-cli-wait-'));
const MOVING = '7075j00004uK6GjAAK';
const STUCK = '7075j00004uK6GkAAK';

// Status moves with the org's clock, which starts when the CLI loads the fixture.
const FIXTURE = join(dir, 'timeline.json');
writeFileSync(
  FIXTURE,
  JSON.stringify({
    records: {
      AsyncApexJob: [
        {
          Id: MOVING,
          Status: 'Queued',
          JobType: 'Queueable',
          NumberOfErrors: 0,
          CreatedDate: '2026-11-01T10:00:00.000+0000',
          // Long enough that the first poll sees it pending even on a loaded machine.
          $timeline: [
            { after: '300ms', Status: 'Processing' },
            { after: '2500ms', Status: 'Completed', JobItemsProcessed: 1 },
          ],
        },
        {
          Id: STUCK,
          Status: 'Processing',
          JobType: 'Queueable',
          NumberOfErrors: 0,
          CreatedDate: '2026-11-01T10:00:00.000+0000',
          $timeline: [{ after: '1h', Status: 'Completed' }],
        },
      ],
    },
  }),
);

describe('ipemu invoke --wait', () => {
  it('without --wait answers the current (pending) status at once, exit 0', async () => {
    const r = await runCli(['invoke', KEY, '--fixtures', FIXTURE, '--input', JSON.stringify({ jobId: STUCK })]);
    expect(r.code).toBe(0);
    expect(JSON.parse(r.stdout).status).toBe('InProgress');
  });

  it('polls until the job is final and prints only the final output map (no status line: stderr is not a TTY)', async () => {
    const started = Date.now();
    const r = await runCli(['invoke', KEY, '--fixtures', FIXTURE, '--wait', '--input', JSON.stringify({ jobId: MOVING })]);
    expect(r.code).toBe(0);
    expect(JSON.parse(r.stdout)).toEqual({ status: 'Success', jobId: MOVING, errorCode: 'INVOKE-200', error: 'OK' });
    expect(r.stderr).toBe('');
    // The job completes only 2.5 s after the CLI loaded the org: a Success means it waited.
    expect(Date.now() - started).toBeGreaterThanOrEqual(2500);
  });

  it('past --timeout exits 6 with the last output map on stdout', async () => {
    const started = Date.now();
    const r = await runCli(['invoke', KEY, '--fixtures', FIXTURE, '--wait', '--timeout', '1.5', '--input', JSON.stringify({ jobId: STUCK })]);
    expect(r.code).toBe(6);
    expect(JSON.parse(r.stdout)).toEqual({ status: 'InProgress', jobId: STUCK, errorCode: 'INVOKE-200', error: 'OK' });
    expect(r.stderr).toMatch(/Stopped waiting after 1\.5 s/);
    expect(Date.now() - started).toBeGreaterThanOrEqual(1500);
    const json = await runCli(['invoke', KEY, '--fixtures', FIXTURE, '--wait', '--timeout', '0.5', '--json', '--input', JSON.stringify({ jobId: STUCK })]);
    expect(json.code).toBe(6);
    const out = JSON.parse(json.stdout);
    expect(out.status).toBe(6);
    expect(out.result.status).toBe('InProgress');
    expect(out.warnings).toEqual([expect.stringMatching(/still InProgress/)]);
  });

  it('a failed lookup returns at once with its own exit code', async () => {
    const started = Date.now();
    const r = await runCli(['invoke', KEY, '--fixtures', FIXTURE, '--wait', '--timeout', '30', '--input', '{"jobId":"nope"}']);
    expect(r.code).toBe(2);
    expect(JSON.parse(r.stdout).errorCode).toBe('INVOKE-400');
    expect(Date.now() - started).toBeLessThan(10_000);
  });
});
