import { writeFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import { CliIo } from '../output';
import { untilStopSignal } from '../signals';
import { usageError } from '../usage';

export interface MockServeFlags {
  fixtures?: string;
  host: string;
  port: number;
}

export async function runMockOrgServe(flags: MockServeFlags, io: CliIo): Promise<number> {
  const { MockOrg, DEMO_FIXTURES } = await import('../../mock-org/mock-org');
  const org = await MockOrg.fromFixtures(flags.fixtures === undefined ? DEMO_FIXTURES : resolve(io.cwd, flags.fixtures), {});
  const { startMockRestServer } = await import('../../mock-org/rest/server');
  const stopped = untilStopSignal();
  const server = await startMockRestServer({ org, host: flags.host, port: flags.port });
  io.stdout.write(`${JSON.stringify({ instanceUrl: server.instanceUrl, accessToken: server.accessToken })}\n`);
  await stopped;
  await server.close();
  return 0;
}

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
