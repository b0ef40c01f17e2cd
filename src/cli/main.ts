import { CommanderError } from 'commander';
import { ERROR_CODES, exitCodeOf, IpemuError } from '../core/errors';
import { scrubSecrets } from '../core/secrets';
import { CliIo, processIo, secretsFrom } from './output';
import { buildProgram } from './program';
import { guardUnhandledRejections } from './process-guards';

/** Exit code for an error that escaped a command: usage and IpemuErrors by the table, org errors 5. */
function exitCodeForError(err: unknown): number {
  if (err instanceof IpemuError) return exitCodeOf(ERROR_CODES[err.code].invoke);
  if (err instanceof Error && err.name === 'OrgError') return exitCodeOf(ERROR_CODES.ORG_ERROR.invoke);
  return exitCodeOf(ERROR_CODES.INTERNAL.invoke);
}

/** Runs `ipemu` with `argv` as in process.argv (node, script, args…) and answers the exit code. */
export async function main(argv: string[], io: CliIo = processIo()): Promise<number> {
  // Messages are redacted, never the data: a token must not reach stderr, even in a usage error.
  const secrets = secretsFrom(argv, io.env);
  const writeErr = (text: string): void => {
    io.stderr.write(scrubSecrets(text, secrets));
  };
  let exitCode = 0;
  const program = buildProgram({ io, writeErr, setExitCode: (code) => (exitCode = code) });
  try {
    await program.parseAsync(argv, { from: 'node' });
    return exitCode;
  } catch (err) {
    if (err instanceof CommanderError) return err.exitCode === 0 ? 0 : exitCodeOf(ERROR_CODES.INVALID_INPUT.invoke);
    const message = err instanceof Error ? err.message : String(err);
    writeErr(`ipemu: ${message}\n`);
    return exitCodeForError(err);
  }
}

/**
 * The bin's entry: `main` plus the process-wide guard, kept for the life of the process, since a
 * plugin's stray rejection may surface after the command's own answer is written.
 */
export function runAsProcess(argv: string[]): Promise<number> {
  const io = processIo();
  const secrets = secretsFrom(argv, io.env);
  guardUnhandledRejections((text) => io.stderr.write(scrubSecrets(text, secrets)));
  return main(argv, io);
}
