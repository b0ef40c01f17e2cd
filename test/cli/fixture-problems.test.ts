import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { IpemuError } from '../../src/core/errors';
import { MockOrg } from '../../src/mock-org/mock-org';
import { validateFixtures } from '../../src/mock-org/fixtures/load';
import { formatProblems } from '../../src/mock-org/fixtures/problems';
import { CliResult, runCli } from './run-cli';

/**
 * One fixture-problem formatter: the same broken directory gives the same problem lines from
 * `mock-org validate` (stdout), `invoke --fixtures`, `serve --fixtures`, `mock-org serve
 * --fixtures` (stderr, after `ipemu: `) and MockOrg.fromFixtures (the error message).
 */

const JOB = '7075j00004uK6GjAAK';
let dir: string;
let expected: string[];

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'ipemu-fixture-problems-'));
  writeFileSync(
    join(dir, 'AsyncApexJob.json'),
    JSON.stringify([
      { Id: JOB, Status: 'Running' },
      { Id: 'not-an-id', Status: 'Queued' },
    ]),
  );
  const file = join(dir, 'AsyncApexJob.json');
  expected = [
    `${file}: AsyncApexJob[0] (${JOB}): field Status: "Running" is not a valid picklist value (Holding, Queued, Preparing, Processing, Aborted, Completed, Failed)`,
    `${file}: AsyncApexJob[1] (not-an-id): field Id: "not-an-id" is not a valid Salesforce Id`,
  ];
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** Runs the bin, killing it after 15 s: a serve that wrongly starts listening would never exit. */
const run = (args: string[]): Promise<CliResult> => runCli(args, { killAfterMs: 15_000 });

/** The lines of a CLI error on stderr, without main's `ipemu: ` prefix. */
function errorLines(stderr: string): string[] {
  expect(stderr.startsWith('ipemu: ')).toBe(true);
  return stderr.slice('ipemu: '.length).trimEnd().split('\n');
}

it('the in-process formatter gives the expected lines', () => {
  expect(formatProblems(validateFixtures(dir))).toEqual(expected);
});

it('MockOrg.fromFixtures throws INVALID_INPUT whose message is those lines', async () => {
  const err = await MockOrg.fromFixtures(dir).catch((e: unknown) => e);
  expect(err).toBeInstanceOf(IpemuError);
  expect((err as IpemuError).code).toBe('INVALID_INPUT');
  expect((err as IpemuError).message.split('\n')).toEqual(expected);
});

it('mock-org validate prints those lines on stdout and exits 2', async () => {
  const r = await run(['mock-org', 'validate', dir]);
  expect(r.code).toBe(2);
  expect(r.stdout.trimEnd().split('\n')).toEqual(expected);
  expect(r.stderr).toBe('2 problems found.\n');
});

const COMMANDS: Record<string, string[]> = {
  'invoke --fixtures': ['invoke', 'InsPolicyService:getPolicyAsyncJobStatus', '--input', JSON.stringify({ jobId: JOB }), '--fixtures'],
  'serve --fixtures': ['serve', '--port', '0', '--fixtures'],
  'mock-org serve --fixtures': ['mock-org', 'serve', '--fixtures'],
};

it.each(Object.keys(COMMANDS))('%s prints the same lines on stderr, nothing on stdout, and exits 2 without listening', async (name) => {
  const r = await run([...COMMANDS[name]!, dir]);
  expect({ code: r.code, killed: r.killed, stdout: r.stdout }).toEqual({ code: 2, killed: false, stdout: '' });
  expect(errorLines(r.stderr)).toEqual(expected);
});
