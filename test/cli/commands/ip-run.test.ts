import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runCli } from '../run-cli';
import { COND_BLOCK_OUTPUT, DEMO_JOB, editedCopy, replaceIn, VLOCITY_IPS } from './ip-fixtures';

const KEY = 'InsPolicy_JobStatusSummary';
const SUMMARY = { jobId: DEMO_JOB, status: 'Success', done: true, succeeded: true, summary: `Job ${DEMO_JOB} finished successfully.` };

describe('ipemu ip run', () => {
  test("prints the IP's response (the IPResult, no envelope) as pretty JSON and exits 0", async () => {
    const r = await runCli(['ip', 'run', KEY, '--input', JSON.stringify({ jobId: DEMO_JOB })]);
    expect(r.code).toBe(0);
    expect(JSON.parse(r.stdout)).toEqual(SUMMARY);
    expect(r.stdout).toContain('\n  "jobId"');
  });

  test('--json wraps the whole envelope as { status, result, warnings }', async () => {
    const r = await runCli(['ip', 'run', KEY, '--input', JSON.stringify({ jobId: DEMO_JOB }), '--json']);
    expect(r.code).toBe(0);
    expect(JSON.parse(r.stdout)).toEqual({ status: 0, result: { IPResult: SUMMARY, errorCode: 'INVOKE-200', error: 'OK' }, warnings: [] });
  });

  test('--trace writes one line per element to stderr (ran with time and output, skipped with why); stdout stays the response', async () => {
    const r = await runCli(['ip', 'run', KEY, '--input', JSON.stringify({ jobId: DEMO_JOB }), '--trace']);
    expect(r.code).toBe(0);
    expect(JSON.parse(r.stdout)).toEqual(SUMMARY);
    const lines = r.stderr.trim().split('\n');
    expect(lines[0]).toMatch(/^ran {6}GetJobStatus \(Remote Action\) [\d.]+ ms → \{"status":"Success"/);
    expect(lines).toContainEqual(expect.stringMatching(/^skipped {2}IfLookupFailed \(Set Values\): \S/));
    expect(lines).toContainEqual(expect.stringMatching(/^ran {6}Respond \(Response Action\) [\d.]+ ms → \{"jobId"/));
  });

  test('reads the input from --input-file (a BOM is dropped) and from stdin (-)', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'ipemu-ip-run-'));
    const file = join(dir, 'input.json');
    writeFileSync(file, `\uFEFF${JSON.stringify({ jobId: DEMO_JOB })}`);
    const fromFile = await runCli(['ip', 'run', KEY, '--input-file', file]);
    expect(fromFile.code).toBe(0);
    expect(JSON.parse(fromFile.stdout)).toEqual(SUMMARY);
    const fromStdin = await runCli(['ip', 'run', KEY, '--input-file', '-'], { stdin: JSON.stringify({ jobId: DEMO_JOB }) });
    expect(fromStdin.code).toBe(0);
    expect(JSON.parse(fromStdin.stdout)).toEqual(SUMMARY);
  });

  test('--procedures adds a folder: vlocity_build IPCondBlock1 on its SampleInput (Price 250, State MI) answers its Output', async () => {
    const r = await runCli(['ip', 'run', 'DataPackTest_IPCondBlock1', '--procedures', VLOCITY_IPS, '--input', '{"Price":"250","State":"MI"}', '--json']);
    expect(r.code).toBe(0);
    expect(JSON.parse(r.stdout).result).toEqual({ IPResult: COND_BLOCK_OUTPUT, errorCode: 'INVOKE-200', error: 'OK' });
  });

  test('an unknown key exits 4 and prints the INVOKE-404 failure map', async () => {
    const r = await runCli(['ip', 'run', 'Nope_Missing']);
    expect(r.code).toBe(4);
    expect(JSON.parse(r.stdout)).toMatchObject({ errorCode: 'INVOKE-404' });
  });

  test('an input that is not a JSON object exits 2 with INVOKE-400', async () => {
    const r = await runCli(['ip', 'run', KEY, '--input', '[1,2]', '--json']);
    expect(r.code).toBe(2);
    expect(JSON.parse(r.stdout)).toMatchObject({ status: 2, result: { errorCode: 'INVOKE-400' } });
  });

  test('--input that is not JSON is a usage error: exit 2, a message on stderr, nothing on stdout', async () => {
    const r = await runCli(['ip', 'run', KEY, '--input', '{nope']);
    expect(r.code).toBe(2);
    expect(r.stdout).toBe('');
    expect(r.stderr).toMatch(/--input is not valid JSON/);
  });

  test('a folder with a broken definition exits 2 and names the file, the element, the property and the position on stderr', async () => {
    const dir = editedCopy('ipemu-ip-broken-', (d) =>
      replaceIn(
        join(d, 'DataPackTest_IPCondBlock1', 'DataPackTest_IPCondBlock1_Element_CalculateTax.json'),
        '"=(%SalesTax% * 100)"',
        '"=(%SalesTax% * * 100)"',
      ),
    );
    const r = await runCli(['ip', 'run', 'DataPackTest_IPCondBlock1', '--procedures', dir]);
    expect(r.code).toBe(2);
    expect(r.stdout).toBe('');
    expect(r.stderr).toContain(join(dir, 'DataPackTest_IPCondBlock1'));
    expect(r.stderr).toMatch(/CalculateTax: property elementValueMap: .*column 16/);
  });
});
