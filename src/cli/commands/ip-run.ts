import { exitCodeOf } from '../../core/errors';
import type { OutputMap } from '../../core/envelope';
import type { ProcedureRunOptions } from '../../core/procedure-port';
import { readInvokeInput } from '../input';
import { buildEmulator, closingEmulator } from '../org-setup';
import type { OrgFlags } from '../org-flags';
import { CliIo, envelope, printJson } from '../output';
import { ProcedureFlags, procedureDirs } from '../procedure-flags';
import { traceLines } from '../trace-lines';
import { usageError } from '../usage';

export interface IpRunFlags extends OrgFlags, ProcedureFlags {
  input?: string;
  inputFile?: string;
  trace?: boolean;
  test?: boolean;
  json?: boolean;
  /** The optional operand after the key: only `-` (stdin, as `--input-file -`). */
  stdinDash?: string;
}

/** `ip run <key> -` is `--input-file -`; any other operand, or `-` with another input, is a usage error. */
function inputFlags(flags: IpRunFlags): { input?: string; inputFile?: string } {
  if (flags.stdinDash === undefined) return flags;
  if (flags.stdinDash !== '-') throw usageError(`Unexpected argument "${flags.stdinDash}": give the input with --input, --input-file or - (stdin).`);
  if (flags.input !== undefined || flags.inputFile !== undefined) throw usageError('Give the input with --input, --input-file or - (stdin), not several.');
  return { inputFile: '-' };
}

/** What plain `ip run` prints: the IP's response on success, else the failure map (as `invoke` prints one). */
function printed(out: OutputMap): unknown {
  if (out.errorCode === 'INVOKE-200') return out.IPResult ?? null;
  const failure: OutputMap = { errorCode: out.errorCode, error: out.error };
  if (out.details !== undefined) failure.details = out.details;
  return failure;
}

/** `ipemu ip run <Type_SubType>`: one run, its exit code from the one error table. */
export async function runIpRun(key: string, flags: IpRunFlags, io: CliIo, apiVersionGiven: boolean): Promise<number> {
  const input = await readInvokeInput(inputFlags(flags), io);
  return closingEmulator(buildEmulator(flags, io, apiVersionGiven, procedureDirs(flags, io)), async (emulator) => {
    const options: ProcedureRunOptions = {};
    if (flags.trace) options.trace = true;
    if (flags.test) options.test = true;
    const out = await emulator.runProcedure(key, input, options);
    const exit = exitCodeOf(out.errorCode);
    if (flags.trace) for (const line of traceLines(out.trace)) io.stderr.write(`${line}\n`);
    printJson(io, flags.json ? envelope(exit, out) : printed(out));
    return exit;
  });
}
