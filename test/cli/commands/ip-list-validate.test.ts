import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runCli } from '../run-cli';
import { editedCopy, replaceIn, VLOCITY_IPS } from './ip-fixtures';

const DEMO_KEYS = ['InsPolicy_DemoTests', 'InsPolicy_JobStatusSummary', 'InsPolicy_StatusByReference'];

describe('ipemu ip list', () => {
  test('prints key, version, test and file per line for the embedded demo procedures', async () => {
    const r = await runCli(['ip', 'list']);
    expect(r.code).toBe(0);
    const [header, ...rows] = r.stdout.trim().split('\n');
    expect(header!.split(/\s+/)).toEqual(['PROCEDURE', 'VERSION', 'TEST', 'FILE']);
    expect(rows.map((row) => row.split(/\s+/)[0])).toEqual(DEMO_KEYS);
    expect(rows[0]!.split(/\s+/).slice(1, 3)).toEqual(['1', 'yes']);
    expect(rows[1]).toMatch(/^InsPolicy_JobStatusSummary\s+1\s+no\s+procedures\/demo\/.*InsPolicy_JobStatusSummary_DataPack\.json$/);
  });

  test('--json prints { status: 0, result: [procedure infos], warnings: [] }, with --procedures folders added', async () => {
    const r = await runCli(['ip', 'list', '--json', '--procedures', VLOCITY_IPS]);
    expect(r.code).toBe(0);
    const out = JSON.parse(r.stdout);
    expect(Object.keys(out)).toEqual(['status', 'result', 'warnings']);
    const keys = out.result.map((p: { key: string }) => p.key);
    expect(keys).toEqual(expect.arrayContaining([...DEMO_KEYS, 'DataPackTest_IPCondBlock1', 'DataPackTest_IPTest1']));
    expect(out.result.find((p: { key: string }) => p.key === 'DataPackTest_IPTest1')).toMatchObject({
      type: 'DataPackTest',
      subType: 'IPTest1',
      isTest: true,
      format: 'datapack-expanded',
      file: expect.stringContaining(VLOCITY_IPS),
    });
  });
});

describe('ipemu ip validate', () => {
  test('a folder that loads prints a one-line count and exits 0', async () => {
    const r = await runCli(['ip', 'validate', VLOCITY_IPS]);
    expect(r.code).toBe(0);
    expect(r.stdout.trim().split('\n')).toEqual([expect.stringMatching(/: 2 Integration Procedures and \d+ Data Mappers?, no problems\.$/)]);
  });

  test('prints every problem (file, element, property, message) and exits 2', async () => {
    const dir = editedCopy('ipemu-ip-validate-', (d) => {
      replaceIn(
        join(d, 'DataPackTest_IPCondBlock1', 'DataPackTest_IPCondBlock1_Element_CalculateTax.json'),
        '"=(%SalesTax% * 100)"',
        '"=(%SalesTax% * * 100)"',
      );
      replaceIn(join(d, 'DataPackTest_IPTest1', 'DataPackTest_IPTest1_Element_AssertTotal.json'), '{', '{{');
    });
    const r = await runCli(['ip', 'validate', dir]);
    expect(r.code).toBe(2);
    const lines = r.stdout.trim().split('\n');
    expect(lines).toHaveLength(2);
    expect(lines).toContainEqual(expect.stringMatching(/DataPackTest_IPCondBlock1.*CalculateTax: property elementValueMap: .*column 16/));
    expect(lines).toContainEqual(expect.stringMatching(/DataPackTest_IPTest1_Element_AssertTotal\.json: .*JSON/));
    expect(r.stderr).toBe('2 problems found.\n');
  });

  test('a folder that does not exist is a usage error (exit 2)', async () => {
    const r = await runCli(['ip', 'validate', join(mkdtempSync(join(tmpdir(), 'ipemu-ip-none-')), 'missing')]);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/no such file or folder/);
  });
});
