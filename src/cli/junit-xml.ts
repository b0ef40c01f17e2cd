/**
 * `ipemu ip test --junit`: JUnit XML as CI servers read it (Jenkins, GitLab, GitHub reporters):
 * one <testsuite> per test procedure, one <testcase> per assert, and a run that failed outright
 * as a failed <testcase> named after the procedure. fast-xml-parser's builder escapes the five
 * XML entities; characters XML 1.0 cannot hold at all are replaced first.
 */
import { XMLBuilder } from 'fast-xml-parser';
import type { ProcedureTestResult } from './test-results';
import { summarize } from './test-results';

// Everything XML 1.0 allows is tab, LF, CR and the printable planes; the rest cannot even be escaped.
const NOT_XML = /[^\t\n\r\u0020-\uD7FF\uE000-\uFFFD\u{10000}-\u{10FFFF}]/gu;

function text(value: string): string {
  return value.replace(NOT_XML, '\uFFFD');
}

const seconds = (ms: number): string => (Math.max(0, ms) / 1000).toFixed(3);

type XmlNode = Record<string, unknown>;

function testcases(result: ProcedureTestResult): XmlNode[] {
  const cases: XmlNode[] = result.asserts.map((a) => {
    const node: XmlNode = { '@_name': text(a.name), '@_classname': text(result.key), '@_time': '0.000' };
    if (!a.passed) node.failure = { '@_message': text(a.message), '@_type': 'AssertionFailed', '#text': text(a.message) };
    return node;
  });
  if (result.failure) {
    const message = `${result.failure.errorCode}: ${result.failure.error}`;
    cases.push({
      '@_name': text(result.key),
      '@_classname': text(result.key),
      '@_time': seconds(result.ms),
      failure: { '@_message': text(message), '@_type': text(result.failure.errorCode), '#text': text(message) },
    });
  }
  return cases;
}

export function junitXml(results: readonly ProcedureTestResult[]): string {
  const total = summarize(results);
  const suites = results.map((result) => {
    const cases = testcases(result);
    return {
      '@_name': text(result.key),
      '@_tests': String(cases.length),
      '@_failures': String(cases.filter((c) => c.failure !== undefined).length),
      '@_errors': '0',
      '@_skipped': '0',
      '@_time': seconds(result.ms),
      '@_file': text(result.file),
      testcase: cases,
    };
  });
  const builder = new XMLBuilder({ ignoreAttributes: false, attributeNamePrefix: '@_', format: true, suppressEmptyNode: true });
  const xml: string = builder.build({
    '?xml': { '@_version': '1.0', '@_encoding': 'UTF-8' },
    testsuites: {
      '@_name': 'ipemu ip test',
      '@_tests': String(total.asserts + total.failedRuns),
      '@_failures': String(total.failedAsserts + total.failedRuns),
      '@_errors': '0',
      '@_time': seconds(results.reduce((sum, r) => sum + r.ms, 0)),
      testsuite: suites,
    },
  });
  return xml.endsWith('\n') ? xml : `${xml}\n`;
}
