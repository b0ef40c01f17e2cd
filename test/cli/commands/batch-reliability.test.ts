import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runCli } from '../run-cli';
import { startCli } from '../spawn-server';

// Issue 12, items 6 and 7: whatever the input, the plugin or the output does, batch writes one
// whole output line per input record, in order, or stops with a clear message.
const KEY = 'InsPolicyService:getPolicyAsyncJobStatus';
const SAMPLE_JOB = '7075j00004uK6GjAAK';
const BOM = '\ufeff';
const dir = mkdtempSync(join(tmpdir(), 'ipemu-batch-reliability-'));

function file(name: string, text: string): string {
  const path = join(dir, name);
  writeFileSync(path, text);
  return path;
}

/** Every output line, each checked to be whole JSON. */
function outputLines(stdout: string): { errorCode: string; error: string }[] {
  expect(stdout === '' || stdout.endsWith('\n')).toBe(true);
  return stdout
    .split('\n')
    .slice(0, -1)
    .map((l) => JSON.parse(l) as { errorCode: string; error: string });
}

const plugin = file(
  'hostile-plugin.js',
  `
  const { definePlugin, defineService } = require(${JSON.stringify(join(__dirname, '..', '..', '..', 'dist', 'index.js'))});
  exports.plugin = definePlugin({ name: 'hostile', services: [defineService('Hostile', {
    answer: { description: 'Answers what its input asks for.', input: { type: 'object' },
      handler: async (input) => {
        if (input.kind === 'bigint') return { value: 10n };
        if (input.kind === 'cycle') { const o = {}; o.self = o; return { o }; }
        if (input.kind === 'toJSON') return { toJSON() { throw new Error('no'); } };
        if (input.kind === 'hang') return new Promise(() => undefined);
        return { said: input.say ?? 'ok' };
      } },
  })] });
`,
);

describe('ipemu batch: one output line per input record (CSV, issue 12 item 6)', () => {
  it('3 records with stray quotes and "abc"def give 3 output lines in order, each malformed one a single INVOKE-400 naming its line', async () => {
    const input = file('stray.csv', ['jobId,note', `${SAMPLE_JOB},say "hi" to "them"`, '"abc"def,x', `${SAMPLE_JOB},fine`].join('\n'));
    const r = await runCli(['batch', KEY, '--input-file', input]);
    const out = outputLines(r.stdout);
    expect(out).toEqual([
      { errorCode: 'INVOKE-400', error: 'Line 2: not a valid CSV record (a quote inside an unquoted field at column 24).' },
      { errorCode: 'INVOKE-400', error: 'Line 3: not a valid CSV record (text after a closing quote at column 6).' },
      { status: 'Success', jobId: SAMPLE_JOB, errorCode: 'INVOKE-200', error: 'OK' },
    ]);
    expect(r.stderr).toMatch(/^INVOKE-200: 1, INVOKE-400: 2$/m);
  });

  it('a quote left open does not swallow the records after it: one INVOKE-400 for its line, the next lines answered', async () => {
    const input = file('open.csv', ['jobId', `"${SAMPLE_JOB}`, SAMPLE_JOB, SAMPLE_JOB].join('\n'));
    const r = await runCli(['batch', KEY, '--input-file', input]);
    expect(outputLines(r.stdout).map((o) => o.errorCode)).toEqual(['INVOKE-400', 'INVOKE-200', 'INVOKE-200']);
    expect(outputLines(r.stdout)[0]?.error).toMatch(/^Line 2: .*not closed/);
  });
});

describe('ipemu batch never loses a line (issue 12 item 7)', () => {
  it('an output map that cannot be serialised (BigInt, cycle, throwing toJSON) is one INVOKE-500 line and the batch goes on', async () => {
    const input = file('hostile.jsonl', ['{"kind":"bigint"}', '{"say":"a"}', '{"kind":"cycle"}', '{"kind":"toJSON"}', '{"say":"b"}'].join('\n'));
    const r = await runCli(['batch', 'Hostile:answer', '--plugin', plugin, '--input-file', input]);
    const out = outputLines(r.stdout);
    expect(out.map((o) => o.errorCode)).toEqual(['INVOKE-500', 'INVOKE-200', 'INVOKE-500', 'INVOKE-500', 'INVOKE-200']);
    // The emulator turns the value into an output map (core/settle.ts); batch writes it as given.
    expect(out[0]?.error).toBe('The answer of Hostile:answer is not a JSON output map: a BigInt at value.');
    expect(out[1]).toEqual({ said: 'a', errorCode: 'INVOKE-200', error: 'OK' });
    expect(r.stderr).toMatch(/^INVOKE-200: 2, INVOKE-500: 3$/m);
    expect(r.code).toBe(1);
  });

  it.each([
    ['SIGINT', 130],
    ['SIGTERM', 143],
  ] as const)(
    '%s: whole lines so far on stdout, the summary with what was done on stderr, exit %i',
    async (signal, exitCode) => {
      const input = file(`interrupted-${signal}.jsonl`, ['{"say":"a"}', '{"say":"b"}', '{"kind":"hang"}', '{"say":"never"}'].join('\n'));
      const cli = await startCli(['batch', 'Hostile:answer', '--plugin', plugin, '--input-file', input, '--concurrency', '1']);
      cli.child.kill(signal);
      // The hung invocation's 30 s deadline must not hold the process open (the jest timeout is 15 s).
      const code = await cli.exited;
      expect(code).toBe(exitCode);
      const out = outputLines(cli.stdout());
      expect(out.length).toBeGreaterThanOrEqual(1);
      expect(out.every((o) => o.errorCode === 'INVOKE-200')).toBe(true);
      expect(cli.stderr()).toMatch(new RegExp(`^INVOKE-200: ${out.length}$`, 'm'));
      expect(cli.stderr()).toMatch(new RegExp(`interrupted by ${signal}: ${out.length} of the [23] input records read so far were done and written`));
    },
    15_000,
  );

  it('a full disk (--output /dev/full) exits 1 with a clear message naming the output, no stack trace', async () => {
    const input = file('to-full.jsonl', `${JSON.stringify({ jobId: SAMPLE_JOB })}\n`.repeat(3));
    const r = await runCli(['batch', KEY, '--input-file', input, '--output', '/dev/full']);
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/^ipemu: cannot write --output \/dev\/full \(ENOSPC: no space left on device, write\); batch stopped after 0 whole lines\.$/m);
    expect(r.stderr).not.toMatch(/^\s+at /m);
  });

  it('a ~3 MiB JSONL line is one INVOKE-400 line and the lines around it are answered', async () => {
    const long = JSON.stringify({ jobId: SAMPLE_JOB, note: 'x'.repeat(3 * 1024 * 1024) });
    const input = file('long.jsonl', [JSON.stringify({ jobId: SAMPLE_JOB }), long, JSON.stringify({ jobId: SAMPLE_JOB })].join('\n'));
    const r = await runCli(['batch', KEY, '--input-file', input]);
    const out = outputLines(r.stdout);
    expect(out.map((o) => o.errorCode)).toEqual(['INVOKE-200', 'INVOKE-400', 'INVOKE-200']);
    expect(out[1]?.error).toBe('Line 2: longer than 1048576 bytes, skipped.');
    expect(r.stderr).not.toMatch(/^\s+at /m);
  });

  it('a ~3 MiB CSV line is one INVOKE-400 line too', async () => {
    const input = file('long.csv', ['jobId,note', `${SAMPLE_JOB},${'x'.repeat(3 * 1024 * 1024)}`, `${SAMPLE_JOB},short`].join('\n'));
    const r = await runCli(['batch', KEY, '--input-file', input]);
    expect(outputLines(r.stdout).map((o) => o.errorCode)).toEqual(['INVOKE-400', 'INVOKE-200']);
  });
});

describe('a UTF-8 BOM is accepted everywhere (issue 12 item 7)', () => {
  it('batch JSONL and CSV read the first record after a BOM', async () => {
    const jsonl = file('bom.jsonl', `${BOM}${JSON.stringify({ jobId: SAMPLE_JOB })}\n${JSON.stringify({ jobId: SAMPLE_JOB })}\n`);
    const csv = file('bom.csv', `${BOM}jobId\r\n${SAMPLE_JOB}\r\n`);
    for (const input of [jsonl, csv]) {
      const r = await runCli(['batch', KEY, '--input-file', input]);
      expect(r.code).toBe(0);
      expect(outputLines(r.stdout).every((o) => o.errorCode === 'INVOKE-200')).toBe(true);
    }
  });

  it('invoke --input-file reads a BOM-prefixed file and stdin (-)', async () => {
    const text = `${BOM}${JSON.stringify({ jobId: SAMPLE_JOB })}`;
    const fromFile = await runCli(['invoke', KEY, '--input-file', file('bom.json', text)]);
    const fromStdin = await runCli(['invoke', KEY, '--input-file', '-'], { stdin: text });
    for (const r of [fromFile, fromStdin]) {
      expect(r.code).toBe(0);
      expect(JSON.parse(r.stdout)).toMatchObject({ errorCode: 'INVOKE-200', jobId: SAMPLE_JOB });
    }
  });
});
