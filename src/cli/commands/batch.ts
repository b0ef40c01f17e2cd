import { createWriteStream, openSync } from 'node:fs';
import { resolve } from 'node:path';
import { exitCodeOf, ERROR_CODES } from '../../core/errors';
import { failure, isOutputMap } from '../../core/envelope';
import { buildEmulator } from '../org-setup';
import type { OrgFlags } from '../org-flags';
import { BatchItem, openBatchSource } from '../batch-input';
import { runOrdered } from '../ordered-window';
import type { CliIo } from '../output';
import { LineWriter, OutputWriteError } from '../line-writer';
import { exitSoonAfterStop, SIGNAL_EXIT_CODES, stopSignal } from '../signals';
import { usageError } from '../usage';

export const DEFAULT_CONCURRENCY = 8;

export interface BatchFlags extends OrgFlags {
  inputFile?: string;
  output?: string;
  concurrency: number;
}

/** `INVOKE-200: 95, INVOKE-404: 5`, codes in order. */
export function summaryLine(counts: ReadonlyMap<string, number>): string {
  return [...counts.entries()]
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([code, n]) => `${code}: ${n}`)
    .join(', ');
}

/** 0 when every line is INVOKE-200, else the exit code of the most frequent failure (ties: lower code). */
export function batchExitCode(counts: ReadonlyMap<string, number>): number {
  let worst: [string, number] | undefined;
  for (const [code, n] of [...counts.entries()].sort(([a], [b]) => a.localeCompare(b))) {
    if (code === ERROR_CODES.OK.invoke) continue;
    if (!worst || n > worst[1]) worst = [code, n];
  }
  return worst ? exitCodeOf(worst[0]) : 0;
}

interface Progress {
  tick(lines: number): void;
  stop(): void;
}

async function progressBar(io: CliIo, bytesRead: () => number, totalBytes: number): Promise<Progress> {
  if (!io.stderr.isTTY) return { tick: () => undefined, stop: () => undefined };
  const { SingleBar, Presets } = await import('cli-progress');
  const bar = new SingleBar({ stream: io.stderr, format: '{bar} {percentage}% | {lines} lines', hideCursor: true, etaBuffer: 50 }, Presets.shades_classic);
  bar.start(Math.max(totalBytes, 1), 0, { lines: 0 });
  return {
    tick: (lines) => bar.update(Math.min(bytesRead(), totalBytes), { lines }),
    stop: () => {
      bar.update(totalBytes);
      bar.stop();
    },
  };
}

/** Opened up front so that an unwritable --output is a usage error before any work. */
function openOutput(path: string, given: string): LineWriter {
  let fd: number;
  try {
    fd = openSync(path, 'w');
  } catch (err) {
    throw usageError(`Cannot write --output ${given}: ${(err as NodeJS.ErrnoException).code ?? 'unwritable'}.`);
  }
  // The writer keeps the descriptor open after a failed write, to cut the file back to whole lines.
  return LineWriter.toFile(fd, createWriteStream('', { fd, autoClose: false }));
}

/** One output line. What cannot be one (a BigInt, a cycle, a throwing getter, not an output map) is INVOKE-500. */
export function outputLine(output: unknown, line: number): { errorCode: string; text: string } {
  try {
    if (isOutputMap(output)) {
      const errorCode = output.errorCode;
      const text = JSON.stringify(output);
      if (typeof text === 'string') return { errorCode, text: `${text}\n` };
    }
  } catch {
    // Whatever it threw is the plugin's; the line says what batch could not do.
  }
  const fallback = failure('INTERNAL', `Line ${line}: the service's answer cannot be written as a JSON output map.`);
  return { errorCode: fallback.errorCode, text: `${JSON.stringify(fallback)}\n` };
}

function plural(n: number, word: string): string {
  return `${n} ${word}${n === 1 ? '' : 's'}`;
}

export async function runBatch(key: string, flags: BatchFlags, io: CliIo, apiVersionGiven: boolean): Promise<number> {
  if (flags.inputFile === undefined) throw usageError('batch needs --input-file <path.jsonl|path.csv>.');
  if (flags.inputFile === '-') throw usageError('batch reads a file (.jsonl or .csv), not stdin.');
  const source = await openBatchSource(resolve(io.cwd, flags.inputFile));
  const emulator = await buildEmulator(flags, io, apiVersionGiven);
  let out: LineWriter;
  try {
    out = flags.output === undefined ? LineWriter.toStream(io.stdout) : openOutput(resolve(io.cwd, flags.output), flags.output);
  } catch (err) {
    // An unwritable --output: the org's state file must still be flushed and unlocked.
    await emulator.close();
    throw err;
  }
  const counts = new Map<string, number>();
  let read = 0;
  let lines = 0;
  let writeError: OutputWriteError | undefined;
  const stop = stopSignal();
  const progress = await progressBar(io, source.bytesRead, source.totalBytes);
  try {
    await runOrdered(
      source.items,
      flags.concurrency,
      async (item: BatchItem): Promise<{ line: number; output: unknown }> => {
        read += 1;
        if ('malformed' in item) return { line: item.line, output: failure('INVALID_INPUT', item.malformed) };
        try {
          return { line: item.line, output: await emulator.invoke(key, item.input) };
        } catch {
          return { line: item.line, output: undefined };
        }
      },
      ({ line, output }) => {
        const { errorCode, text } = outputLine(output, line);
        lines += 1;
        counts.set(errorCode, (counts.get(errorCode) ?? 0) + 1);
        progress.tick(lines);
        return out.write(text);
      },
      stop.signal,
    );
  } catch (err) {
    if (!(err instanceof OutputWriteError)) throw err;
    writeError = err;
  } finally {
    stop.dispose();
    progress.stop();
    await emulator.close();
    writeError ??= await out.end();
  }
  const blank = source.blankLines();
  const summary = lines === 0 ? 'no input lines' : summaryLine(counts);
  io.stderr.write(`${summary}\n${blank > 0 ? `(${plural(blank, 'blank line')} skipped)\n` : ''}`);
  if (writeError) {
    const target = flags.output === undefined ? 'stdout' : `--output ${flags.output}`;
    io.stderr.write(`ipemu: cannot write ${target} (${writeError.message}); batch stopped after ${plural(writeError.linesWritten, 'whole line')}.\n`);
    return ERROR_CODES.INTERNAL.exit ?? 1;
  }
  const signal = stop.signal.aborted ? String(stop.signal.reason) : undefined;
  if (signal !== undefined) {
    io.stderr.write(
      `ipemu: interrupted by ${signal}: ${lines} of the ${plural(read, 'input record')} read so far were done and written; batch stopped there.\n`,
    );
    exitSoonAfterStop();
    return SIGNAL_EXIT_CODES[signal] ?? 130;
  }
  return batchExitCode(counts);
}
