import { createWriteStream, mkdtempSync, readFileSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { once } from 'node:events';
import { runCli } from '../run-cli';

const KEY = 'InsPolicyService:getPolicyAsyncJobStatus';
const LINES = 100_000;
// Each line carries an ignored 400-character field (OmniStudio sends whole data maps), so the
// input is ~45 MB: holding it, its parsed lines or all outputs at once would pass the bound.
const PAD = 'x'.repeat(400);
// Measured: ~100 MB for 1,000 lines, ~140 MB for 100,000 and ~150 MB for 300,000 (V8 lets the
// heap grow before collecting). Reading the file whole would hold 45 MB of text, 45 MB of lines
// and their parsed objects at once, well past this bound.
const PEAK_RSS_BOUND_MB = 200;

async function writeInput(path: string): Promise<void> {
  const out = createWriteStream(path);
  for (let i = 0; i < LINES; i += 1) {
    const line = `${JSON.stringify({ jobId: '7075j00004uK6GjAAK', row: i, note: PAD })}\n`;
    if (!out.write(line)) await once(out, 'drain');
  }
  out.end();
  await once(out, 'finish');
}

describe('ipemu batch in bounded memory', () => {
  it(`runs ${LINES} lines with peak RSS under ${PEAK_RSS_BOUND_MB} MB`, async () => {
    const dir = mkdtempSync(join(tmpdir(), 'ipemu-batch-mem-'));
    const input = join(dir, 'big.jsonl');
    const output = join(dir, 'big.out.jsonl');
    await writeInput(input);
    expect(statSync(input).size).toBeGreaterThan(40 * 1024 * 1024);
    // GNU time reports the child's peak RSS as the kernel measured it.
    const started = Date.now();
    const r = await runCli(['batch', KEY, '--input-file', input, '--output', output], { command: ['/usr/bin/time', '-v', process.execPath] });
    const seconds = (Date.now() - started) / 1000;
    expect(r.stderr).toMatch(new RegExp(`^INVOKE-200: ${LINES}$`, 'm'));
    expect(r.code).toBe(0);
    const peakKb = Number(/Maximum resident set size \(kbytes\): (\d+)/.exec(r.stderr)?.[1]);
    const outText = readFileSync(output, 'utf8');
    expect(outText.split('\n').length - 1).toBe(LINES);
    // eslint-disable-next-line no-console
    console.log(`batch of ${LINES} lines: ${seconds.toFixed(1)} s, peak RSS ${(peakKb / 1024).toFixed(0)} MB`);
    expect(peakKb).toBeGreaterThan(0);
    expect(peakKb / 1024).toBeLessThan(PEAK_RSS_BOUND_MB);
  }, 180_000);
});
