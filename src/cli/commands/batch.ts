import { createWriteStream, openSync } from 'node:fs';
import { resolve } from 'node:path';
import type { Writable } from 'node:stream';
import { finished } from 'node:stream/promises';
import { exitCodeOf, ERROR_CODES } from '../../core/errors';
import { failure, OutputMap } from '../../core/envelope';
import { buildEmulator } from '../org-setup';
import type { OrgFlags } from '../org-flags';
import { BatchItem, openBatchSource } from '../batch-input';
import { runOrdered } from '../ordered-window';
import { CliIo, writeWithBackpressure } from '../output';
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
function openOutput(path: string, given: string): Writable {
  let fd: number;
  try {
    fd = openSync(path, 'w');
  } catch (err) {
    throw usageError(`Cannot write --output ${given}: ${(err as NodeJS.ErrnoException).code ?? 'unwritable'}.`);
  }
  return createWriteStream('', { fd });
}

export async function runBatch(key: string, flags: BatchFlags, io: CliIo, apiVersionGiven: boolean): Promise<number> {
  if (flags.inputFile === undefined) throw usageError('batch needs --input-file <path.jsonl|path.csv>.');
  if (flags.inputFile === '-') throw usageError('batch reads a file (.jsonl or .csv), not stdin.');
  const source = await openBatchSource(resolve(io.cwd, flags.inputFile));
  const emulator = await buildEmulator(flags, io, apiVersionGiven);
  const out: Writable = flags.output === undefined ? io.stdout : openOutput(resolve(io.cwd, flags.output), flags.output);
  const counts = new Map<string, number>();
  let lines = 0;
  const progress = await progressBar(io, source.bytesRead, source.totalBytes);
  try {
    await runOrdered(
      source.items,
      flags.concurrency,
      async (item: BatchItem): Promise<OutputMap> => ('malformed' in item ? { ...failure('INVALID_INPUT', item.malformed) } : emulator.invoke(key, item.input)),
      (output) => {
        lines += 1;
        counts.set(output.errorCode, (counts.get(output.errorCode) ?? 0) + 1);
        progress.tick(lines);
        return writeWithBackpressure(out, `${JSON.stringify(output)}\n`);
      },
    );
  } finally {
    progress.stop();
    await emulator.close();
    if (out !== io.stdout) {
      out.end();
      await finished(out);
    }
  }
  const blank = source.blankLines();
  const summary = lines === 0 ? 'no input lines' : summaryLine(counts);
  io.stderr.write(`${summary}\n${blank > 0 ? `(${blank} blank line${blank === 1 ? '' : 's'} skipped)\n` : ''}`);
  return batchExitCode(counts);
}
