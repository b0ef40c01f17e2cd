/**
 * What `ipemu ip test` learns from one test procedure's run, read from its envelope: the asserts
 * it checked and, when the run itself failed, its code and message. The console lines and the
 * JUnit XML are both written from this one shape.
 */
import type { OutputMap } from '../core/envelope';
import { isPlainObject } from '../core/plain-object';

export interface AssertResult {
  readonly name: string;
  readonly passed: boolean;
  readonly message: string;
}

export interface ProcedureTestResult {
  readonly key: string;
  readonly file: string;
  readonly ms: number;
  readonly asserts: readonly AssertResult[];
  /** The run failed outright (any INVOKE code but 200): a failed test case of its own. */
  readonly failure?: { readonly errorCode: string; readonly error: string };
}

function assertOf(value: unknown, index: number): AssertResult {
  if (!isPlainObject(value)) return { name: `assert ${index + 1}`, passed: false, message: 'The runner reported an assert that is not an object.' };
  return {
    name: typeof value.name === 'string' && value.name !== '' ? value.name : `assert ${index + 1}`,
    passed: value.passed === true,
    message: typeof value.message === 'string' ? value.message : '',
  };
}

export function testResultOf(key: string, file: string, ms: number, out: OutputMap): ProcedureTestResult {
  const asserts = Array.isArray(out.asserts) ? out.asserts.map(assertOf) : [];
  if (out.errorCode === 'INVOKE-200') return { key, file, ms, asserts };
  return { key, file, ms, asserts, failure: { errorCode: out.errorCode, error: out.error } };
}

export function passed(result: ProcedureTestResult): boolean {
  return result.failure === undefined && result.asserts.every((a) => a.passed);
}

export interface TestSummary {
  readonly procedures: number;
  readonly asserts: number;
  readonly failedAsserts: number;
  /** Procedures whose run failed outright. */
  readonly failedRuns: number;
}

export function summarize(results: readonly ProcedureTestResult[]): TestSummary {
  let asserts = 0;
  let failedAsserts = 0;
  let failedRuns = 0;
  for (const result of results) {
    asserts += result.asserts.length;
    failedAsserts += result.asserts.filter((a) => !a.passed).length;
    if (result.failure) failedRuns++;
  }
  return { procedures: results.length, asserts, failedAsserts, failedRuns };
}
