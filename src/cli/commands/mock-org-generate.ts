import { closeSync, openSync, writeSync } from 'node:fs';
import { resolve } from 'node:path';
import type { CliIo } from '../output';
import { usageError } from '../usage';

/** `ipemu mock-org generate`: synthetic fixtures for load tests. */
export interface GenerateFlags {
  policies: number;
  jobsPerPolicy: number;
  seed?: number;
  out: string;
}

/** Every byte of `chunk`: writeSync may write less than it is given (a pipe, a full disk). */
function writeAll(fd: number, chunk: string): number {
  const bytes = Buffer.from(chunk, 'utf8');
  for (let done = 0; done < bytes.length;) done += writeSync(fd, bytes, done);
  return bytes.length;
}

export async function runMockOrgGenerate(flags: GenerateFlags, io: CliIo): Promise<number> {
  const { writeGeneratedFixtures } = await import('../../mock-org/fixtures/write-generated');
  const { MAX_FIXTURE_FILE_BYTES } = await import('../../mock-org/fixtures/read-json-file');
  const cannotWrite = (err: unknown): Error => usageError(`Cannot write --out ${flags.out}: ${(err as NodeJS.ErrnoException).code ?? 'unwritable'}.`);
  let fd: number;
  try {
    fd = openSync(resolve(io.cwd, flags.out), 'w');
  } catch (err) {
    throw cannotWrite(err);
  }
  let written = 0;
  /** Set when the file refused a write, so that error, and only it, is reported as one. */
  let writeError: unknown;
  const sink = (chunk: string): void => {
    try {
      written += writeAll(fd, chunk);
    } catch (err) {
      writeError = err;
      throw err;
    }
  };
  try {
    // Written as generated, chunk by chunk: the document as one string would pass V8's longest string.
    writeGeneratedFixtures({ policies: flags.policies, jobsPerPolicy: flags.jobsPerPolicy, seed: flags.seed ?? 1 }, sink);
  } catch (err) {
    throw writeError === undefined ? err : cannotWrite(writeError);
  } finally {
    closeSync(fd);
  }
  if (written > MAX_FIXTURE_FILE_BYTES) {
    const mib = (bytes: number): string => `${Math.ceil(bytes / 2 ** 20)} MiB`;
    io.stderr.write(`ipemu: warning: ${flags.out} holds ${mib(written)}; a fixture file loads only up to ${mib(MAX_FIXTURE_FILE_BYTES)}.\n`);
  }
  return 0;
}
