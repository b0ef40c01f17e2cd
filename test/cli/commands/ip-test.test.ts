import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { XMLParser } from 'fast-xml-parser';
import { runCli } from '../run-cli';
import { editedCopy, replaceIn, VLOCITY_IPS } from './ip-fixtures';

interface JunitCase {
  name: string;
  classname: string;
  failure?: { message: string };
}
interface Junit {
  testsuites: { tests: string; failures: string; testsuite: { name: string; tests: string; failures: string; testcase?: JunitCase[] }[] };
}

const readJunit = (path: string): Junit =>
  new XMLParser({ ignoreAttributes: false, attributeNamePrefix: '', isArray: (name) => ['testsuite', 'testcase'].includes(name) }).parse(
    readFileSync(path, 'utf8'),
  ) as Junit;

/** vlocity_build's IPTest1 with its assert expecting a total the IP does not give. */
const failingCopy = (): string =>
  editedCopy('ipemu-ip-test-fail-', (d) =>
    replaceIn(join(d, 'DataPackTest_IPTest1', 'DataPackTest_IPTest1_Element_AssertTotal.json'), 'TestIP:Output:Total == 265', 'TestIP:Output:Total == 266'),
  );

describe('ipemu ip test', () => {
  test("runs every test procedure, vlocity_build's IPTest1 among them: one PASS line per assert, a summary, exit 0", async () => {
    const r = await runCli(['ip', 'test', '--procedures', VLOCITY_IPS]);
    expect(r.code).toBe(0);
    const lines = r.stdout.trim().split('\n');
    expect(lines).toContain('PASS DataPackTest_IPTest1 › AssertTotal');
    expect(lines.slice(0, -1).every((l) => l.startsWith('PASS '))).toBe(true);
    expect(lines.at(-1)).toMatch(/^\d+ test procedures?, (\d+) asserts?: \1 passed, 0 failed\.$/);
    // The team's folder has a test procedure: the embedded demo's are not run against its org.
    expect(r.stdout).not.toContain('InsPolicy_DemoTests');
  });

  test("runs the embedded demo's test procedure when no folder brings one", async () => {
    const r = await runCli(['ip', 'test'], { cwd: mkdtempSync(join(tmpdir(), 'ipemu-ip-test-empty-')) });
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('PASS InsPolicy_DemoTests › ');
    expect(r.stdout).toMatch(/^1 test procedure, (\d+) asserts: \1 passed, 0 failed\.$/m);
  });

  test('a failing assert prints FAIL with its message and exits 1', async () => {
    const r = await runCli(['ip', 'test', '--procedures', failingCopy()]);
    expect(r.code).toBe(1);
    expect(r.stdout).toContain('FAIL DataPackTest_IPTest1 › AssertTotal: Calculation is incorrect.');
    expect(r.stdout).toMatch(/, 1 failed\.\n$/);
  });

  test('--junit writes one testsuite per test procedure and one testcase per assert, failures with their message (parsed back)', async () => {
    const path = join(mkdtempSync(join(tmpdir(), 'ipemu-junit-')), 'results.xml');
    const r = await runCli(['ip', 'test', '--procedures', failingCopy(), '--junit', path]);
    expect(r.code).toBe(1);
    const doc = readJunit(path);
    const suites = doc.testsuites.testsuite;
    const ipTest1 = suites.find((s) => s.name === 'DataPackTest_IPTest1')!;
    expect(ipTest1).toMatchObject({ tests: '1', failures: '1' });
    expect(ipTest1.testcase).toEqual([
      expect.objectContaining({
        name: 'AssertTotal',
        classname: 'DataPackTest_IPTest1',
        failure: expect.objectContaining({ message: 'Calculation is incorrect.' }),
      }),
    ]);
    // Every other suite passed; the totals add up over all of them.
    expect(suites.filter((s) => s !== ipTest1).every((s) => s.failures === '0')).toBe(true);
    expect(Number(doc.testsuites.tests)).toBe(suites.reduce((sum, s) => sum + (s.testcase?.length ?? 0), 0));
    expect(doc.testsuites.failures).toBe('1');
  });

  test('a test procedure whose run fails outright is a failed test case (FAIL with its INVOKE code), exit 1', async () => {
    // IPTest1 calls IPCondBlock1 through an Integration Procedure Action; without it, the run fails.
    const dir = editedCopy('ipemu-ip-test-outright-', (d) =>
      replaceIn(join(d, 'DataPackTest_IPTest1', 'DataPackTest_IPTest1_Element_TestIP.json'), 'DataPackTest_IPCondBlock1', 'DataPackTest_Missing'),
    );
    const path = join(dir, 'results.xml');
    const r = await runCli(['ip', 'test', '--procedures', dir, '--junit', path]);
    expect(r.code).toBe(1);
    expect(r.stdout).toMatch(/^FAIL DataPackTest_IPTest1: INVOKE-\d{3} /m);
    const suite = readJunit(path).testsuites.testsuite.find((s) => s.name === 'DataPackTest_IPTest1')!;
    expect(suite.testcase!.at(-1)).toMatchObject({ name: 'DataPackTest_IPTest1', failure: { message: expect.stringMatching(/^INVOKE-\d{3}: /) } });
  });
});
