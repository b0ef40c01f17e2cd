import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { makeId } from '../../../src/salesforce/ids';
import { runCli } from '../run-cli';

const KEY = 'InsPolicyService:getPolicyAsyncJobStatus';
const SAMPLE_JOB = '7075j00004uK6GjAAK';
const dir = mkdtempSync(join(tmpdir(), 'ipemu-cli-batch-'));

function file(name: string, text: string): string {
  const path = join(dir, name);
  writeFileSync(path, text);
  return path;
}

const lines = (text: string) =>
  text
    .trim()
    .split('\n')
    .map((l) => JSON.parse(l));

describe('ipemu batch', () => {
  it('JSONL: one output map a line in input order, malformed lines as INVOKE-400, blank lines skipped, summary, exit', async () => {
    const missing = makeId('707', 4242);
    const input = file(
      'mixed.jsonl',
      [
        JSON.stringify({ jobId: SAMPLE_JOB }),
        '{"jobId": ',
        '',
        JSON.stringify({ jobId: missing }),
        '"just a string"',
        JSON.stringify({ jobId: SAMPLE_JOB }),
        JSON.stringify({ jobId: missing }),
      ].join('\n'),
    );
    const r = await runCli(['batch', KEY, '--input-file', input]);
    const out = lines(r.stdout);
    expect(out.map((o) => o.errorCode)).toEqual(['INVOKE-200', 'INVOKE-400', 'INVOKE-404', 'INVOKE-400', 'INVOKE-200', 'INVOKE-404']);
    expect(out[0]).toEqual({ status: 'Success', jobId: SAMPLE_JOB, errorCode: 'INVOKE-200', error: 'OK' });
    expect(out[1].error).toMatch(/^Line 2: not valid JSON/);
    expect(out[3].error).toMatch(/^Line 5: /);
    expect(r.stderr).toMatch(/^INVOKE-200: 2, INVOKE-400: 2, INVOKE-404: 2$/m);
    expect(r.stderr).toMatch(/1 blank line skipped/);
    // A tie between 400 and 404: the lower code's exit.
    expect(r.code).toBe(2);
  });

  it('exits with the exit code of the most frequent failure', async () => {
    const input = file(
      'mostly-404.jsonl',
      [{ jobId: makeId('707', 1) }, { jobId: makeId('707', 2) }, { jobId: 'bad' }, { jobId: SAMPLE_JOB }].map((l) => JSON.stringify(l)).join('\n'),
    );
    const r = await runCli(['batch', KEY, '--input-file', input]);
    expect(r.stderr).toMatch(/INVOKE-200: 1, INVOKE-400: 1, INVOKE-404: 2/);
    expect(r.code).toBe(4);
  });

  it('exits 0 when every line is INVOKE-200', async () => {
    const input = file('ok.jsonl', `${JSON.stringify({ jobId: SAMPLE_JOB })}\n${JSON.stringify({ jobId: SAMPLE_JOB.toUpperCase() })}\n`);
    const r = await runCli(['batch', KEY, '--input-file', input]);
    expect(r.code).toBe(0);
    expect(lines(r.stdout)).toHaveLength(2);
    expect(r.stderr.trim()).toBe('INVOKE-200: 2');
  });

  it('CSV: header = keys, quotes and commas, empty cells not passed', async () => {
    const input = file(
      'report.csv',
      ['jobId,policyId,referencePolicyNumber,Note', `${SAMPLE_JOB},,,"exported, with ""quotes"""`, ',,,"only a note"', `"${SAMPLE_JOB}","","",`, 'a,b'].join(
        '\n',
      ),
    );
    const r = await runCli(['batch', KEY, '--input-file', input]);
    const out = lines(r.stdout);
    expect(out).toHaveLength(4);
    expect(out[0]).toEqual({ status: 'Success', jobId: SAMPLE_JOB, errorCode: 'INVOKE-200', error: 'OK' });
    // Every key empty: nothing passed, the service's own INVOKE-400.
    expect(out[1]).toEqual({ errorCode: 'INVOKE-400', error: 'Specify one of jobId, policyId, or referencePolicyNumber.' });
    expect(out[2].errorCode).toBe('INVOKE-200');
    expect(out[3]).toEqual({ errorCode: 'INVOKE-400', error: 'Line 5: 2 cells where the header has 4.' });
    expect(r.code).toBe(2);
  });

  it('keeps input order with many lines in flight, and writes --output', async () => {
    const inputs = Array.from({ length: 300 }, (_, i) => (i % 3 === 0 ? { jobId: SAMPLE_JOB, n: i } : { jobId: makeId('707', 1000 + i), n: i }));
    const input = file('order.jsonl', inputs.map((l) => JSON.stringify(l)).join('\n'));
    const outPath = join(dir, 'order.out.jsonl');
    const r = await runCli(['batch', KEY, '--input-file', input, '--output', outPath, '--concurrency', '16']);
    expect(r.stdout).toBe('');
    const out = lines(readFileSync(outPath, 'utf8'));
    expect(out).toHaveLength(300);
    out.forEach((o, i) => {
      if (i % 3 === 0) expect(o).toMatchObject({ errorCode: 'INVOKE-200', jobId: SAMPLE_JOB });
      else expect(o).toMatchObject({ errorCode: 'INVOKE-404', error: expect.stringContaining(inputs[i]!.jobId) });
    });
    expect(r.stderr).toMatch(/INVOKE-200: 100, INVOKE-404: 200/);
    expect(r.code).toBe(4);
  });

  it('no progress bar when stderr is not a TTY: stderr holds only the summary', async () => {
    const input = file('one.jsonl', JSON.stringify({ jobId: SAMPLE_JOB }));
    const r = await runCli(['batch', KEY, '--input-file', input]);
    expect(r.stderr).toBe('INVOKE-200: 1\n');
  });

  it('a missing input file or unwritable --output is a usage error', async () => {
    const missing = await runCli(['batch', KEY, '--input-file', join(dir, 'nope.csv')]);
    expect(missing.code).toBe(2);
    expect(missing.stderr).toMatch(/no such file/);
    const input = file('two.jsonl', JSON.stringify({ jobId: SAMPLE_JOB }));
    const unwritable = await runCli(['batch', KEY, '--input-file', input, '--output', join(dir, 'no', 'such', 'dir.jsonl')]);
    expect(unwritable.code).toBe(2);
    expect(unwritable.stderr).toMatch(/Cannot write --output/);
  });
});
