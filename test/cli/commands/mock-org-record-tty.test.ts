import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { BIN, cleanEnv, ROOT } from '../run-cli';
import { removeDir, tempDir } from '../../recording/record-helpers';

/* `ipemu mock-org record` on a terminal draws cli-progress bars (object, rows, rows/s) instead of lines. */

const quote = (s: string): string => `'${s.replace(/'/g, `'\\''`)}'`;

function runInTty(args: string[]): Promise<{ code: number; output: string }> {
  const command = [process.execPath, BIN, ...args].map(quote).join(' ');
  return new Promise((resolve) => {
    execFile('script', ['-qec', command, '/dev/null'], { cwd: ROOT, env: cleanEnv() }, (err, stdout) => {
      resolve({ code: err ? Number((err as { code?: number }).code ?? 1) : 0, output: stdout });
    });
  });
}

const describeTty = existsSync('/usr/bin/script') ? describe : describe.skip;

describeTty('mock-org record on a terminal', () => {
  it('draws a bar per object with its rows, rate and REST/Bulk, then the summary; no progress lines', async () => {
    const dir = tempDir();
    try {
      const r = await runInTty(['mock-org', 'record', '--out', join(dir, 'rec')]);
      expect(r.code).toBe(0);
      expect(r.output).toMatch(/AsyncApexJob \[[^\]]*\] 32\/32 rows \| [\d,]+ rows\/s \| REST/);
      expect(r.output).toMatch(/InsuranceAsyncBulkRequestItem \[[^\]]*\] 30\/30 rows/);
      expect(r.output).toContain('Recorded 5 object(s) into');
      expect(r.output).not.toContain('AsyncApexJob: reading');
    } finally {
      removeDir(dir);
    }
  });
});
