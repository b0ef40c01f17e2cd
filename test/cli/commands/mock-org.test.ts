import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runCli } from '../run-cli';

const dir = mkdtempSync(join(tmpdir(), 'ipemu-cli-mock-org-'));

describe('ipemu mock-org generate', () => {
  it('writes a fixture that the same seed reproduces and validate accepts', async () => {
    const a = join(dir, 'a.json');
    const b = join(dir, 'b.json');
    const ra = await runCli(['mock-org', 'generate', '--policies', '20', '--jobs-per-policy', '2', '--seed', '7', '--out', a]);
    expect(ra.code).toBe(0);
    await runCli(['mock-org', 'generate', '--policies', '20', '--jobs-per-policy', '2', '--seed', '7', '--out', b]);
    const doc = JSON.parse(readFileSync(a, 'utf8'));
    expect(doc.records.InsurancePolicy).toHaveLength(20);
    expect(doc.records.AsyncApexJob.length).toBeGreaterThanOrEqual(20);
    expect(readFileSync(b, 'utf8')).toBe(readFileSync(a, 'utf8'));
    const valid = await runCli(['mock-org', 'validate', a]);
    expect(valid.code).toBe(0);
    expect(valid.stdout).toBe('');
  });
});

describe('ipemu mock-org validate', () => {
  it('prints every problem with its place and exits 2', async () => {
    const bad = join(dir, 'bad.json');
    writeFileSync(
      bad,
      JSON.stringify({
        records: {
          AsyncApexJob: [
            { Id: '7075j00004uK6GjAAK', Status: 'Completed', NumberOfErrors: 'many' },
            { Id: 'not-an-id', Status: 'Queued' },
          ],
          NoSuchObject: [{ Name: 'x' }],
        },
      }),
    );
    const r = await runCli(['mock-org', 'validate', bad]);
    expect(r.code).toBe(2);
    const problems = r.stdout.trim().split('\n');
    expect(problems.length).toBeGreaterThanOrEqual(3);
    expect(problems.some((p) => /^\S*bad\.json: AsyncApexJob\[0\] \(7075j00004uK6GjAAK\): field NumberOfErrors: "many" is not a number$/.test(p))).toBe(true);
    expect(problems.some((p) => /^\S*bad\.json: AsyncApexJob\[1\] \(not-an-id\): field Id: "not-an-id" is not a valid Salesforce Id$/.test(p))).toBe(true);
    expect(problems.some((p) => /^\S*bad\.json: NoSuchObject: unknown object NoSuchObject/.test(p))).toBe(true);
    expect(r.stderr).toMatch(/problems? found/);
  });

  it('exits 0 on the demo org', async () => {
    const r = await runCli(['mock-org', 'validate', 'fixtures/demo']);
    expect(r.stdout).toBe('');
    expect(r.code).toBe(0);
  });
});
