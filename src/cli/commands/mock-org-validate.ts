import { resolve } from 'node:path';
import type { CliIo } from '../output';

/** `ipemu mock-org validate`: every problem of a fixture file or directory, in the one format. */
export async function runMockOrgValidate(fixtures: string, io: CliIo): Promise<number> {
  const { validateFixtures } = await import('../../mock-org/fixtures/load');
  const { formatProblems } = await import('../../mock-org/fixtures/problems');
  const problems = validateFixtures(resolve(io.cwd, fixtures));
  for (const line of formatProblems(problems)) io.stdout.write(`${line}\n`);
  if (problems.length === 0) {
    io.stderr.write(`${fixtures}: no problems found.\n`);
    return 0;
  }
  io.stderr.write(`${problems.length} problem${problems.length === 1 ? '' : 's'} found.\n`);
  return 2;
}
