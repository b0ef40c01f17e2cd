import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runCli } from '../run-cli';
import { COND_BLOCK, COND_BLOCK_INPUT, COND_BLOCK_OUTPUT, DEMO_JOB, editedCopy, replaceIn, VLOCITY_IPS } from './ip-fixtures';

const run = (args: string[], stdin?: string) => runCli(['ip', 'run', COND_BLOCK, '--procedures', VLOCITY_IPS, ...args], stdin === undefined ? {} : { stdin });

describe('ipemu ip run', () => {
  test("prints the IP's response (the IPResult, no envelope) as pretty JSON and exits 0: vlocity_build IPCondBlock1 on its SampleInput", async () => {
    const r = await run(['--input', JSON.stringify(COND_BLOCK_INPUT)]);
    expect(r.code).toBe(0);
    expect(JSON.parse(r.stdout)).toEqual(COND_BLOCK_OUTPUT);
    expect(r.stdout).toContain('\n  "Output"');
  });

  test('--json wraps the whole envelope as { status, result, warnings }', async () => {
    const r = await run(['--input', JSON.stringify(COND_BLOCK_INPUT), '--json']);
    expect(r.code).toBe(0);
    expect(JSON.parse(r.stdout)).toEqual({ status: 0, result: { IPResult: COND_BLOCK_OUTPUT, errorCode: 'INVOKE-200', error: 'OK' }, warnings: [] });
  });

  test('--trace writes one line per element to stderr (ran with time and output, skipped with why); stdout stays the response', async () => {
    const r = await run(['--input', JSON.stringify(COND_BLOCK_INPUT), '--trace']);
    expect(r.code).toBe(0);
    expect(JSON.parse(r.stdout)).toEqual(COND_BLOCK_OUTPUT);
    const lines = r.stderr.trim().split('\n');
    expect(lines[0]).toMatch(/^ran {6}StateSalesTaxes \(Conditional Block\) [\d.]+ ms/);
    // MI is none of the listed states: their branches are skipped, the last one runs.
    expect(lines).toContainEqual(expect.stringMatching(/^skipped {2}IfCA \(Set Values\): \S/));
    expect(lines).toContainEqual(expect.stringMatching(/^ran {6}CalculateTax \(Set Values\) [\d.]+ ms → \{.*"TaxRate":7/));
    expect(lines.at(-1)).toMatch(/^ran {6}Response \(Response Action\) [\d.]+ ms → \{"Output"/);
  });

  test('reads the input from --input-file (a BOM is dropped), from --input-file - and from a bare - (stdin)', async () => {
    const file = join(mkdtempSync(join(tmpdir(), 'ipemu-ip-run-')), 'input.json');
    writeFileSync(file, `\uFEFF${JSON.stringify(COND_BLOCK_INPUT)}`);
    const fromFile = await run(['--input-file', file]);
    expect(fromFile.code).toBe(0);
    expect(JSON.parse(fromFile.stdout)).toEqual(COND_BLOCK_OUTPUT);
    for (const stdinArgs of [['--input-file', '-'], ['-']]) {
      const fromStdin = await run(stdinArgs, JSON.stringify(COND_BLOCK_INPUT));
      expect(fromStdin.code).toBe(0);
      expect(JSON.parse(fromStdin.stdout)).toEqual(COND_BLOCK_OUTPUT);
    }
  });

  test('an operand other than -, or - with --input, is a usage error (exit 2)', async () => {
    const other = await run(['input.json']);
    expect(other.code).toBe(2);
    expect(other.stderr).toMatch(/Unexpected argument "input.json"/);
    const both = await run(['-', '--input', '{}'], '{}');
    expect(both.code).toBe(2);
    expect(both.stderr).toMatch(/not several/);
  });

  test("--test applies the tested IP's mockResponseMap: vlocity_build IPTest1 sees IPCondBlock1's mocked rate (Total 265, not 267.5)", async () => {
    const args = ['ip', 'run', 'DataPackTest_IPTest1', '--procedures', VLOCITY_IPS];
    const tested = await runCli([...args, '--test', '--json']);
    expect(tested.code).toBe(0);
    const result = JSON.parse(tested.stdout).result;
    expect(result.IPResult.TestIP.Output.Total).toBe(265);
    expect(result.asserts).toEqual([{ name: 'AssertTotal', passed: true, message: '' }]);
    const plain = await runCli(args);
    expect(plain.code).toBe(0);
    expect(JSON.parse(plain.stdout).TestIP.Output.Total).toBe(267.5);
  });

  test('the embedded demo InsPolicy_JobStatusSummary answers through its Remote Action to getPolicyAsyncJobStatus', async () => {
    const r = await runCli(['ip', 'run', 'InsPolicy_JobStatusSummary', '--input', JSON.stringify({ jobId: DEMO_JOB })]);
    expect(r.code).toBe(0);
    expect(JSON.parse(r.stdout)).toEqual({
      jobId: DEMO_JOB,
      status: 'Success',
      done: true,
      succeeded: true,
      summary: `Job ${DEMO_JOB} finished successfully.`,
    });
  });

  test('org flags apply: as --user agent (ReferencePolicyNumber hidden) the demo Data Mapper Extract fails INVALID_FIELD, exit 5', async () => {
    const r = await runCli(['ip', 'run', 'InsPolicy_StatusByReference', '--user', 'agent', '--input', '{"referencePolicyNumber":"AUTO-2026-000123"}']);
    expect(r.code).toBe(5);
    expect(JSON.parse(r.stdout)).toMatchObject({ errorCode: 'INVOKE-502', details: { errorCode: 'INVALID_FIELD', element: 'GetPolicies' } });
  });

  test('an unknown key exits 4 and prints the INVOKE-404 failure map', async () => {
    const r = await runCli(['ip', 'run', 'Nope_Missing']);
    expect(r.code).toBe(4);
    expect(JSON.parse(r.stdout)).toMatchObject({ errorCode: 'INVOKE-404' });
  });

  test('an input that is not a JSON object exits 2 with INVOKE-400', async () => {
    const r = await run(['--input', '[1,2]', '--json']);
    expect(r.code).toBe(2);
    expect(JSON.parse(r.stdout)).toMatchObject({ status: 2, result: { errorCode: 'INVOKE-400' } });
  });

  test('--input that is not JSON is a usage error: exit 2, a message on stderr, nothing on stdout', async () => {
    const r = await run(['--input', '{nope']);
    expect(r.code).toBe(2);
    expect(r.stdout).toBe('');
    expect(r.stderr).toMatch(/--input is not valid JSON/);
  });

  test('a folder with a broken definition exits 2 and names the file, the element, the property and the position on stderr', async () => {
    const dir = editedCopy('ipemu-ip-broken-', (d) =>
      replaceIn(join(d, COND_BLOCK, `${COND_BLOCK}_Element_CalculateTax.json`), '"=(%SalesTax% * 100)"', '"=(%SalesTax% * * 100)"'),
    );
    const r = await runCli(['ip', 'run', COND_BLOCK, '--procedures', dir]);
    expect(r.code).toBe(2);
    expect(r.stdout).toBe('');
    expect(r.stderr).toContain(join(dir, COND_BLOCK));
    expect(r.stderr).toMatch(/CalculateTax: property elementValueMap: .*column 16/);
  });
});
