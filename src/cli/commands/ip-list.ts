import { isAbsolute, relative } from 'node:path';
import type { ProcedureInfo } from '../../core/procedure-port';
import { createEmulator } from '../../ipemu';
import { CliIo, envelope, printJson } from '../output';
import { ProcedureFlags, procedureDirs } from '../procedure-flags';

export type IpListFlags = ProcedureFlags & { json?: boolean };

/** A file under the cwd as a relative path (shorter to read); anything else as it is. */
function shownFile(file: string, cwd: string): string {
  const rel = relative(cwd, file);
  return rel !== '' && !rel.startsWith('..') && !isAbsolute(rel) ? rel : file;
}

/** Four columns: key, version, whether it is a test procedure, the file it was read from. */
export function proceduresTable(rows: readonly ProcedureInfo[], cwd: string): string {
  const cells = rows.map((p) => [p.key, String(p.version), p.isTest ? 'yes' : 'no', shownFile(p.file, cwd)] as const);
  const header = ['PROCEDURE', 'VERSION', 'TEST', 'FILE'] as const;
  const widths = [0, 1, 2].map((i) => Math.max(header[i]!.length, ...cells.map((c) => c[i]!.length)));
  const line = (c: readonly string[]): string => [c[0]!.padEnd(widths[0]!), c[1]!.padEnd(widths[1]!), c[2]!.padEnd(widths[2]!), c[3]].join('  ');
  return [line(header), ...cells.map(line)].join('\n');
}

/** `ipemu ip list`: no org is opened, since listing never runs a procedure. */
export async function runIpList(flags: IpListFlags, io: CliIo): Promise<number> {
  const emulator = createEmulator({ procedures: procedureDirs(flags, io) });
  const procedures = emulator.describeProcedures();
  if (flags.json) printJson(io, envelope(0, procedures));
  else io.stdout.write(`${proceduresTable(procedures, io.cwd)}\n`);
  return 0;
}
