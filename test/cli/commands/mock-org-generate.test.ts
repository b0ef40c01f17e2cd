import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { generateFixtures } from '../../../src/mock-org/fixtures/generate';
import { runCli } from '../run-cli';

/** Issue 12 item 15: the streamed file is the generated org, and a write that fails says why. */

const dir = mkdtempSync(join(tmpdir(), 'ipemu-cli-generate-'));

describe('ipemu mock-org generate --out', () => {
  it('writes the org generateFixtures builds, one record per line', async () => {
    const out = join(dir, 'org.json');
    const r = await runCli(['mock-org', 'generate', '--policies', '40', '--jobs-per-policy', '2', '--seed', '3', '--out', out], { killAfterMs: 15_000 });
    expect({ code: r.code, stderr: r.stderr }).toEqual({ code: 0, stderr: '' });
    const text = readFileSync(out, 'utf8');
    expect(JSON.parse(text)).toEqual(generateFixtures({ policies: 40, jobsPerPolicy: 2, seed: 3 }));
    expect(text.split('\n').filter((line) => line.startsWith('      {"Id":'))).toHaveLength(40 + 3 * 80 + 2);
  });

  it.each([['a missing folder', join(dir, 'none', 'org.json'), 'ENOENT'], ...(process.platform === 'linux' ? [['a full disk', '/dev/full', 'ENOSPC']] : [])])(
    'exits 2 naming --out and the cause when it is %s',
    async (_, out, cause) => {
      const r = await runCli(['mock-org', 'generate', '--policies', '40', '--jobs-per-policy', '2', '--out', out], { killAfterMs: 15_000 });
      expect({ code: r.code, stderr: r.stderr }).toEqual({ code: 2, stderr: `ipemu: Cannot write --out ${out}: ${cause}.\n` });
    },
  );
});
