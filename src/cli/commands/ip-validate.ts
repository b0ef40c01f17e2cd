import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import { IpemuError } from '../../core/errors';
import { isPlainObject } from '../../core/plain-object';
import { loadProcedures, problemText } from '../../ipemu';
import type { CliIo } from '../output';
import { usageError } from '../usage';

type Problem = Parameters<typeof problemText>[0];

const plural = (n: number, word: string): string => `${n} ${word}${n === 1 ? '' : 's'}`;

/**
 * The folder loaded and compiled the way every emulator loads it (only that folder: not the demo,
 * not ./procedures): the procedures that run, or every problem. The start-up error carries them
 * all in its details; its message lists only the first ones.
 */
function check(path: string): { procedures: number; problems: readonly Problem[] } {
  try {
    return { procedures: loadProcedures([path]).list().length, problems: [] };
  } catch (err) {
    const details = err instanceof IpemuError && isPlainObject(err.details) ? err.details : undefined;
    if (details === undefined || !Array.isArray(details.problems)) throw err;
    return { procedures: 0, problems: details.problems as Problem[] };
  }
}

/** `ipemu ip validate <dir>`: every problem on stdout and exit 2, or a one-line count and exit 0. */
export async function runIpValidate(dir: string, io: CliIo): Promise<number> {
  const path = resolve(io.cwd, dir);
  if (!existsSync(path)) throw usageError(`Cannot read ${dir}: no such file or folder.`);
  const { procedures, problems } = check(path);
  for (const problem of problems) io.stdout.write(`${problemText(problem)}\n`);
  if (problems.length > 0) {
    io.stderr.write(`${plural(problems.length, 'problem')} found.\n`);
    return 2;
  }
  io.stdout.write(`${dir}: ${plural(procedures, 'Integration Procedure')} loaded and compiled, no problems.\n`);
  return 0;
}
