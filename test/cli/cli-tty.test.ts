import { execFile } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { BIN, cleanEnv, ROOT } from './run-cli';

const KEY = 'InsPolicyService:getPolicyAsyncJobStatus';
const dir = mkdtempSync(join(tmpdir(), 'ipemu-cli-tty-'));
const quote = (s: string) => `'${s.replace(/'/g, `'\\''`)}'`;

/** Runs the bin under util-linux `script`, so stdout and stderr are a terminal. */
function runInTty(args: string[]): Promise<{ code: number; output: string }> {
  const command = [process.execPath, BIN, ...args].map(quote).join(' ');
  return new Promise((resolve) => {
    execFile('script', ['-qec', command, '/dev/null'], { cwd: ROOT, env: cleanEnv() }, (err, stdout) => {
      resolve({ code: err ? Number((err as { code?: number }).code ?? 1) : 0, output: stdout });
    });
  });
}

const describeTty = existsSync('/usr/bin/script') ? describe : describe.skip;

describeTty('on a terminal', () => {
  it('batch draws a progress bar on stderr', async () => {
    const input = join(dir, 'in.jsonl');
    writeFileSync(input, `${JSON.stringify({ jobId: '7075j00004uK6GjAAK' })}\n`.repeat(20));
    const r = await runInTty(['batch', KEY, '--input-file', input, '--output', join(dir, 'out.jsonl')]);
    expect(r.code).toBe(0);
    expect(r.output).toMatch(/100% \| 20 lines/);
    expect(r.output).toMatch(/INVOKE-200: 20/);
    expect(readFileSync(join(dir, 'out.jsonl'), 'utf8').trim().split('\n')).toHaveLength(20);
  });

  it('invoke --wait writes a status line while the job is pending', async () => {
    const fixture = join(dir, 'org.json');
    writeFileSync(
      fixture,
      JSON.stringify({
        records: {
          AsyncApexJob: [
            {
              Id: '7075j00004uK6GjAAK',
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
    const r = await runInTty(['invoke', KEY, '--fixtures', fixture, '--wait', '--timeout', '1.2', '--input', '{"jobId":"7075j00004uK6GjAAK"}']);
    expect(r.code).toBe(6);
    expect(r.output).toMatch(/Job 7075j00004uK6GjAAK: InProgress \(checked 1×/);
  });
});
