import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runCli } from '../run-cli';
import { COND_BLOCK, editedCopy, replaceIn, VLOCITY_IPS } from './ip-fixtures';

describe('ipemu ip list', () => {
  test('prints key, version, test and file per line, the files under the cwd as relative paths', async () => {
    const r = await runCli(['ip', 'list', '--procedures', VLOCITY_IPS]);
    expect(r.code).toBe(0);
    const [header, ...rows] = r.stdout.trim().split('\n');
    expect(header!.split(/\s+/)).toEqual(['PROCEDURE', 'VERSION', 'TEST', 'FILE']);
    expect(rows).toContainEqual(expect.stringMatching(/^DataPackTest_IPCondBlock1\s+1\s+no\s+test\/fixtures\/procedures\/vlocity-build\/.*_DataPack\.json$/));
    expect(rows).toContainEqual(expect.stringMatching(/^DataPackTest_IPTest1\s+1\s+yes\s+test\/fixtures\/procedures\/vlocity-build\/.*_DataPack\.json$/));
    const keys = rows.map((row) => row.split(/\s+/)[0]!);
    expect(keys).toEqual([...keys].sort());
  });

  test('lists the embedded demo procedures with no flag', async () => {
    const r = await runCli(['ip', 'list']);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/^InsPolicy_JobStatusSummary\s+\d+\s+no\s+\S+/m);
  });

  test('--json prints { status: 0, result: [procedure infos], warnings: [] }', async () => {
    const r = await runCli(['ip', 'list', '--json', '--procedures', VLOCITY_IPS]);
    expect(r.code).toBe(0);
    const out = JSON.parse(r.stdout);
    expect(Object.keys(out)).toEqual(['status', 'result', 'warnings']);
    expect(out.status).toBe(0);
    expect(out.result.find((p: { key: string }) => p.key === 'DataPackTest_IPTest1')).toEqual({
      key: 'DataPackTest_IPTest1',
      type: 'DataPackTest',
      subType: 'IPTest1',
      version: 1,
      isTest: true,
      // The export's own test data (CustomJavaScript__c is "{}" there): the OpenAPI example of the procedure.
      sampleInput: {},
      format: 'datapack-expanded',
      file: join(VLOCITY_IPS, 'DataPackTest_IPTest1', 'DataPackTest_IPTest1_DataPack.json'),
    });
  });
});

describe('ipemu ip validate', () => {
  test('a folder that loads prints a one-line count and exits 0', async () => {
    const r = await runCli(['ip', 'validate', VLOCITY_IPS]);
    expect(r.code).toBe(0);
    expect(r.stdout).toBe(`${VLOCITY_IPS}: 2 Integration Procedures loaded and compiled, no problems.\n`);
  });

  test('prints every problem (file, element, property, message) and exits 2', async () => {
    const dir = editedCopy('ipemu-ip-validate-', (d) => {
      replaceIn(join(d, COND_BLOCK, `${COND_BLOCK}_Element_CalculateTax.json`), '"=(%SalesTax% * 100)"', '"=(%SalesTax% * * 100)"');
      replaceIn(join(d, 'DataPackTest_IPTest1', 'DataPackTest_IPTest1_Element_AssertTotal.json'), '{', '{{');
    });
    const r = await runCli(['ip', 'validate', dir]);
    expect(r.code).toBe(2);
    const lines = r.stdout.trim().split('\n');
    expect(lines).toHaveLength(2);
    expect(lines).toContainEqual(expect.stringMatching(/DataPackTest_IPCondBlock1.*: element CalculateTax: property elementValueMap: .*column 16/));
    expect(lines).toContainEqual(expect.stringMatching(/DataPackTest_IPTest1_Element_AssertTotal\.json: .*JSON/));
    expect(r.stderr).toBe('2 problems found.\n');
  });

  test('a folder that does not exist is a usage error (exit 2)', async () => {
    const r = await runCli(['ip', 'validate', join(mkdtempSync(join(tmpdir(), 'ipemu-ip-none-')), 'missing')]);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/no such file or folder/);
  });
});
