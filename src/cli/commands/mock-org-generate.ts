import { writeFile } from 'node:fs/promises';
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

export async function runMockOrgGenerate(flags: GenerateFlags, io: CliIo): Promise<number> {
  const { generateFixtures } = await import('../../mock-org/fixtures/generate');
  const doc = generateFixtures({ policies: flags.policies, jobsPerPolicy: flags.jobsPerPolicy, seed: flags.seed ?? 1 });
  try {
    await writeFile(resolve(io.cwd, flags.out), `${JSON.stringify(doc, null, 2)}\n`);
  } catch (err) {
    throw usageError(`Cannot write --out ${flags.out}: ${(err as NodeJS.ErrnoException).code ?? 'unwritable'}.`);
  }
  return 0;
}
