import { exitCodeOf, ERROR_CODES } from '../../core/errors';
import { MAX_TIMEOUT_MS } from '../../core/emulator';
import type { InvokeOptions } from '../../core/define-service';
import type { OutputMap } from '../../core/envelope';
import { buildEmulator, closingEmulator } from '../org-setup';
import type { OrgFlags } from '../org-flags';
import { CliIo, envelope, printJson } from '../output';
import { readInvokeInput } from '../input';
import { usageError } from '../usage';
import { realSleep, waitForJob } from '../wait';

export interface InvokeFlags extends OrgFlags {
  input?: string;
  inputFile?: string;
  wait?: boolean;
  /** Milliseconds (the flag is in seconds). */
  timeout?: number;
  json?: boolean;
}

function statusLine(io: CliIo): ((output: OutputMap, attempt: number, elapsedMs: number) => void) | undefined {
  if (!io.stderr.isTTY) return undefined;
  return (output, attempt, elapsedMs) => {
    const seconds = Math.round(elapsedMs / 1000);
    io.stderr.write(`\r\x1b[KJob ${String(output.jobId ?? '')}: ${String(output.status)} (checked ${attempt}×, ${seconds}s)`);
  };
}

export async function runInvoke(key: string, flags: InvokeFlags, io: CliIo, apiVersionGiven: boolean): Promise<number> {
  if (!flags.wait && flags.timeout !== undefined && flags.timeout > MAX_TIMEOUT_MS) {
    throw usageError(`--timeout is at most ${MAX_TIMEOUT_MS / 1000} seconds for one invocation (with --wait it bounds the whole wait).`);
  }
  const input = await readInvokeInput(flags, io);
  return closingEmulator(buildEmulator(flags, io, apiVersionGiven), async (emulator) => {
    let output: OutputMap;
    let exit: number;
    const warnings: string[] = [];
    if (flags.wait) {
      const onStatus = statusLine(io);
      const result = await waitForJob(
        (remainingMs) => {
          const options: InvokeOptions = {};
          if (remainingMs !== undefined) options.timeout = Math.max(1, Math.min(Math.round(remainingMs), MAX_TIMEOUT_MS));
          return emulator.invoke(key, input, options);
        },
        { now: Date.now, sleep: realSleep, timeoutMs: flags.timeout, onStatus },
      );
      if (onStatus && result.attempts > 1) io.stderr.write('\n');
      output = result.output;
      exit = result.timedOut ? (ERROR_CODES.TIMEOUT.exit ?? 6) : exitCodeOf(output.errorCode);
      if (result.timedOut) {
        const warning = `Stopped waiting after ${(flags.timeout ?? 0) / 1000} s: the job is still ${String(output.status)}.`;
        warnings.push(warning);
        if (!flags.json) io.stderr.write(`ipemu: ${warning}\n`);
      }
    } else {
      output = await emulator.invoke(key, input, flags.timeout === undefined ? {} : { timeout: flags.timeout });
      exit = exitCodeOf(output.errorCode);
    }
    printJson(io, flags.json ? envelope(exit, output, warnings) : output);
    return exit;
  });
}
