import { resolve } from 'node:path';
import type { Command } from 'commander';
import type { CliIo } from './output';
import { collect } from './parsers';

/** `--procedures <dir>`, repeatable: folders of Integration Procedure definitions (DESIGN.md §5). */
export interface ProcedureFlags {
  procedures: string[];
}

export function addProcedureFlags(cmd: Command): Command {
  return cmd.option(
    '--procedures <dir>',
    'also load the Integration Procedures under this folder (repeatable; ./procedures and the demo ones always load)',
    collect,
    [] as string[],
  );
}

/** The folders as the composition root takes them, resolved from the cwd. */
export function procedureDirs(flags: ProcedureFlags, io: CliIo): string[] {
  return flags.procedures.map((dir) => resolve(io.cwd, dir));
}
