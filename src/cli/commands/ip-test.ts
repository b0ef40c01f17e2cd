import { writeFile } from 'node:fs/promises';
import { resolve, sep } from 'node:path';
import type { ProcedureInfo } from '../../core/procedure-port';
import { DEMO_PROCEDURES } from '../../ipemu';
import { junitXml } from '../junit-xml';
import { buildEmulator, closingEmulator } from '../org-setup';
import type { OrgFlags } from '../org-flags';
import type { CliIo } from '../output';
import { ProcedureFlags, procedureDirs } from '../procedure-flags';
import { passed, ProcedureTestResult, summarize, testResultOf } from '../test-results';
import { usageError } from '../usage';
import { oneLine } from '../one-line';

export interface IpTestFlags extends OrgFlags, ProcedureFlags {
  junit?: string;
}

const plural = (n: number, word: string): string => `${n} ${word}${n === 1 ? '' : 's'}`;

/** `PASS key › assert`, `FAIL key › assert: message`; a run that failed outright is `FAIL key: INVOKE-xxx message`. */
export function resultLines(result: ProcedureTestResult): string[] {
  const lines = result.asserts.map((a) =>
    a.passed ? `PASS ${result.key} › ${oneLine(a.name)}` : `FAIL ${result.key} › ${oneLine(a.name)}${a.message ? `: ${oneLine(a.message)}` : ''}`,
  );
  if (result.failure) lines.push(`FAIL ${result.key}: ${result.failure.errorCode} ${oneLine(result.failure.error)}`);
  else if (result.asserts.length === 0) lines.push(`PASS ${result.key} (no asserts)`);
  return lines;
}

export function summaryLine(results: readonly ProcedureTestResult[]): string {
  const s = summarize(results);
  const outright = s.failedRuns > 0 ? `; ${plural(s.failedRuns, 'procedure')} failed outright` : '';
  return `${plural(s.procedures, 'test procedure')}, ${plural(s.asserts, 'assert')}: ${s.asserts - s.failedAsserts} passed, ${s.failedAsserts} failed${outright}.`;
}

/**
 * The test procedures to run: the team's own (from `--procedures` and `./procedures`), or, when it
 * has none, the embedded demo's, so that a team's CI never runs the demo's tests against its org.
 */
export function testProcedures(procedures: readonly ProcedureInfo[]): ProcedureInfo[] {
  const tests = procedures.filter((p) => p.isTest);
  const own = tests.filter((p) => !p.file.startsWith(DEMO_PROCEDURES + sep));
  return own.length > 0 ? own : tests;
}

/**
 * `ipemu ip test`: every test procedure (see testProcedures) runs once, in key order, on `{}` with `{ test: true }`.
 * Exit 0 only when every assert passed and no run failed; 1 otherwise, and when there is no
 * test procedure at all (a CI job that tests nothing should not pass).
 */
export async function runIpTest(flags: IpTestFlags, io: CliIo, apiVersionGiven: boolean): Promise<number> {
  const results: ProcedureTestResult[] = [];
  await closingEmulator(buildEmulator(flags, io, apiVersionGiven, procedureDirs(flags, io)), async (emulator) => {
    for (const procedure of testProcedures(emulator.describeProcedures())) {
      const started = performance.now();
      const out = await emulator.runProcedure(procedure.key, {}, { test: true });
      const result = testResultOf(procedure.key, procedure.file, performance.now() - started, out);
      results.push(result);
      for (const line of resultLines(result)) io.stdout.write(`${line}\n`);
    }
  });
  if (flags.junit !== undefined) {
    try {
      await writeFile(resolve(io.cwd, flags.junit), junitXml(results), 'utf8');
    } catch (err) {
      throw usageError(`Cannot write --junit ${flags.junit}: ${(err as NodeJS.ErrnoException).code ?? 'unwritable'}.`);
    }
  }
  if (results.length === 0) {
    io.stderr.write('No test procedures found (isTestProcedure): nothing was tested.\n');
    return 1;
  }
  io.stdout.write(`${summaryLine(results)}\n`);
  return results.every(passed) ? 0 : 1;
}
