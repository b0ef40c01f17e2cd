import { resolve } from 'node:path';
import { inspectProcedureFolder } from '../../ipemu';
import type { CliIo } from '../output';
import { usageError } from '../usage';
import { existsSync } from 'node:fs';

/** One problem's line: `file: element E: property P: message`, leaving out the parts it does not have. */
export function problemLine(problem: { file: string; element?: string; property?: string; message: string }): string {
  const parts = [
    problem.file,
    problem.element === undefined ? undefined : `element ${problem.element}`,
    problem.property === undefined ? undefined : `property ${problem.property}`,
    problem.message,
  ];
  return parts.filter((part) => part !== undefined && part !== '').join(': ');
}

const plural = (n: number, word: string): string => `${n} ${word}${n === 1 ? '' : 's'}`;

/** `ipemu ip validate <dir>`: every problem on stdout and exit 2, or a one-line count and exit 0. */
export async function runIpValidate(dir: string, io: CliIo): Promise<number> {
  const path = resolve(io.cwd, dir);
  if (!existsSync(path)) throw usageError(`Cannot read ${dir}: no such file or folder.`);
  const report = await inspectProcedureFolder(path);
  for (const problem of report.problems) io.stdout.write(`${problemLine(problem)}\n`);
  if (report.problems.length > 0) {
    io.stderr.write(`${plural(report.problems.length, 'problem')} found.\n`);
    return 2;
  }
  io.stdout.write(`${dir}: ${plural(report.procedures, 'Integration Procedure')} and ${plural(report.dataMappers, 'Data Mapper')}, no problems.\n`);
  return 0;
}
