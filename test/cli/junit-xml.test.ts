import { XMLParser } from 'fast-xml-parser';
import { junitXml } from '../../src/cli/junit-xml';
import { passed, summarize, testResultOf } from '../../src/cli/test-results';

const parse = (xml: string) =>
  new XMLParser({ ignoreAttributes: false, attributeNamePrefix: '', isArray: (name) => ['testsuite', 'testcase'].includes(name) }).parse(xml) as {
    testsuites: {
      name: string;
      tests: string;
      failures: string;
      testsuite: {
        name: string;
        tests: string;
        failures: string;
        file: string;
        testcase?: { name: string; classname: string; failure?: { message: string; type: string; '#text': string } }[];
      }[];
    };
  };

const ok = { errorCode: 'INVOKE-200', error: 'OK', IPResult: {} };
const passing = testResultOf('Test_Pass', '/defs/Test_Pass.json', 12, {
  ...ok,
  asserts: [
    { name: 'status is Completed', passed: true, message: '' },
    { name: 'count is 2', passed: true, message: '' },
  ],
});
const failing = testResultOf('Test_Fail', '/defs/Test_Fail.json', 5, {
  ...ok,
  asserts: [{ name: 'premium <b>&"total"\'', passed: false, message: 'expected 7 & got 7.000000000000001 <oops>' }],
});
const crashed = testResultOf('Test_Crash', '/defs/Test_Crash.json', 1, { errorCode: 'INVOKE-502', error: 'The org returned an error: INVALID_FIELD\u0000' });

describe('ip test --junit XML (parsed back)', () => {
  test('one testsuite per test procedure, one testcase per assert, with the totals', () => {
    const doc = parse(junitXml([passing, failing, crashed]));
    expect(doc.testsuites).toMatchObject({ name: 'ipemu ip test', tests: '4', failures: '2' });
    expect(doc.testsuites.testsuite.map((s) => [s.name, s.tests, s.failures])).toEqual([
      ['Test_Pass', '2', '0'],
      ['Test_Fail', '1', '1'],
      ['Test_Crash', '1', '1'],
    ]);
    expect(doc.testsuites.testsuite[0]!.testcase!.map((c) => c.name)).toEqual(['status is Completed', 'count is 2']);
    expect(doc.testsuites.testsuite[0]!.file).toBe('/defs/Test_Pass.json');
  });

  test('a failed assert carries its message; names and messages with XML characters survive the round trip', () => {
    const xml = junitXml([failing]);
    const testcase = parse(xml).testsuites.testsuite[0]!.testcase![0]!;
    expect(testcase.name).toBe('premium <b>&"total"\'');
    expect(testcase.classname).toBe('Test_Fail');
    expect(testcase.failure).toEqual({
      message: 'expected 7 & got 7.000000000000001 <oops>',
      type: 'AssertionFailed',
      '#text': 'expected 7 & got 7.000000000000001 <oops>',
    });
    expect(xml).not.toContain('<oops>');
  });

  test('a run that failed outright is a failed testcase named after the procedure, typed by its INVOKE code; characters XML cannot hold are replaced', () => {
    const xml = junitXml([crashed]);
    expect(xml).not.toContain('\u0000');
    const testcase = parse(xml).testsuites.testsuite[0]!.testcase![0]!;
    expect(testcase.name).toBe('Test_Crash');
    expect(testcase.failure!.type).toBe('INVOKE-502');
    expect(testcase.failure!.message).toBe('INVOKE-502: The org returned an error: INVALID_FIELD\uFFFD');
  });

  test('passed() and summarize() count asserts and outright failures', () => {
    expect([passing, failing, crashed].map(passed)).toEqual([true, false, false]);
    expect(summarize([passing, failing, crashed])).toEqual({ procedures: 3, asserts: 3, failedAsserts: 1, failedRuns: 1 });
  });

  test('asserts the runner reports badly are failures, never silent passes', () => {
    const result = testResultOf('T_X', 'f', 0, { ...ok, asserts: ['nonsense', { passed: 'yes' }] });
    expect(result.asserts.map((a) => [a.name, a.passed])).toEqual([
      ['assert 1', false],
      ['assert 2', false],
    ]);
  });
});
