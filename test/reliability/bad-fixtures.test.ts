import { spawn } from 'node:child_process';
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { IpemuError } from '../../src/core/errors';
import { validateFixtures } from '../../src/mock-org/fixtures/load';
import { formatProblems } from '../../src/mock-org/fixtures/problems';
import { MockOrg } from '../../src/mock-org/mock-org';
import { BIN, cleanEnv, CliResult, ROOT } from '../cli/run-cli';

/**
 * Issue 7 item 6: a broken fixture is a clear error naming the file, the record and the field,
 * the same from `ipemu invoke --fixtures`, `ipemu serve --fixtures`, `ipemu mock-org serve
 * --fixtures` (exit 2, message on stderr, no stack) and `ipemu mock-org validate`.
 */

const JOB = '7075j00004uK6GjAAK';
const JOB2 = '7075j00004uK6GkAAK';
/** A stack trace line: `    at fn (file.js:1:2)`. */
const STACK_LINE = /^\s+at .+:\d+:\d+\)?$/m;

interface Expected {
  file: string;
  /** Fragments that must appear on one line of the message: record, field, what is wrong. */
  lines: string[][];
}

let dir: string;
const cases: Record<string, Expected> = {};

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'ipemu-bad-fixtures-'));
  const many = join(dir, 'many-problems.json');
  writeFileSync(
    many,
    JSON.stringify({
      users: { admin: { default: true } },
      records: {
        AsyncApexJob: [
          { Id: JOB, Status: 'Completed', NumberOfErrors: 'three', CreatedDate: '2026-11-01T10:00:00Z' },
          { Id: JOB2, Status: 'Running', CreatedDate: '2026-11-01T10:00:00Z' },
          { Id: JOB, Status: 'Queued', Bogus__c: 1 },
        ],
        InsurancePolicy: [{ Id: '0YT5w000000Y8MNGA0', Name: 'P' }, { Id: '0YTnot-an-id', Name: 'Q' }],
        NoSuchObject: [{ Name: 'x' }],
      },
    }),
  );
  cases.many = {
    file: many,
    lines: [
      ['AsyncApexJob[0]', 'NumberOfErrors', '"three"'],
      ['AsyncApexJob[1]', 'Status', '"Running"', 'picklist'],
      ['AsyncApexJob[2]', 'Id', 'duplicate'],
      ['AsyncApexJob[2]', 'Bogus__c', 'no such field'],
      ['InsurancePolicy[1]', 'Id', '0YTnot-an-id'],
      ['NoSuchObject', 'unknown object'],
    ],
  };
  const broken = join(dir, 'broken.json');
  writeFileSync(broken, `{"records": {"AsyncApexJob": [{"Id": "${JOB}",}]}}`);
  cases.malformed = { file: broken, lines: [['not valid JSON', 'position']] };

  const folder = join(dir, 'folder');
  mkdirSync(folder);
  writeFileSync(join(folder, 'AsyncApexJob.json'), JSON.stringify([{ Id: JOB, Status: 'Completed', CreatedDate: 'yesterday' }]));
  writeFileSync(join(folder, 'InsurancePolicy.json'), '[{"Id": "0YT5w000000Y8MNGA0"');
  cases.folder = {
    file: folder,
    lines: [
      ['AsyncApexJob.json', 'AsyncApexJob[0]', 'CreatedDate', 'yesterday'],
      ['InsurancePolicy.json', 'not valid JSON'],
    ],
  };
});

/** Runs the bin, killing it after `ms` (a serve that wrongly starts would otherwise never exit). */
function run(args: string[], ms = 15_000): Promise<CliResult & { killed: boolean }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [BIN, ...args], { cwd: ROOT, env: cleanEnv() });
    let stdout = '';
    let stderr = '';
    let killed = false;
    const timer = setTimeout(() => {
      killed = true;
      child.kill('SIGKILL');
    }, ms);
    child.stdout.setEncoding('utf8').on('data', (d: string) => (stdout += d));
    child.stderr.setEncoding('utf8').on('data', (d: string) => (stderr += d));
    child.on('error', reject);
    child.on('close', (code) => {
      clearTimeout(timer);
      resolve({ code, stdout, stderr, killed });
    });
    child.stdin.end();
  });
}

function expectNamed(text: string, expected: Expected): void {
  const lines = text.split('\n');
  for (const fragments of expected.lines) {
    const hit = lines.find((line) => line.includes(expected.file.split('/').pop()!) && fragments.every((f) => line.includes(f)));
    expect({ fragments, hit: hit !== undefined }).toEqual({ fragments, hit: true });
  }
  expect(text).not.toMatch(STACK_LINE);
}

const COMMANDS: Record<string, (file: string) => string[]> = {
  invoke: (file) => ['invoke', 'InsPolicyService:getPolicyAsyncJobStatus', '--input', JSON.stringify({ jobId: JOB }), '--fixtures', file],
  serve: (file) => ['serve', '--port', '0', '--log-level', 'silent', '--fixtures', file],
  'mock-org serve': (file) => ['mock-org', 'serve', '--port', '0', '--fixtures', file],
};

describe.each(['many', 'malformed', 'folder'])('fixture "%s"', (name) => {
  it('invoke, serve and mock-org serve: exit 2, the problems on stderr naming file, record and field, no stack, nothing on stdout', async () => {
    const expected = cases[name];
    const results = await Promise.all(Object.values(COMMANDS).map((args) => run(args(expected.file))));
    Object.keys(COMMANDS).forEach((command, i) => {
      const r = results[i];
      expect({ command, code: r.code, killed: r.killed, stdout: r.stdout }).toEqual({ command, code: 2, killed: false, stdout: '' });
      expectNamed(r.stderr, expected);
      // The one formatter: the same lines as the problems formatted in-process.
      expect({ command, lines: r.stderr.replace(/^ipemu: /, '').trimEnd().split('\n') }).toEqual({ command, lines: formatProblems(validateFixtures(expected.file), 20) });
    });
  });

  it('mock-org validate: non-zero exit listing the same problems, no stack', async () => {
    const expected = cases[name];
    const r = await run(['mock-org', 'validate', expected.file]);
    expect(r.code).toBe(2);
    expectNamed(`${r.stdout}\n${r.stderr}`, expected);
    expect(r.stdout.trimEnd().split('\n')).toEqual(formatProblems(validateFixtures(expected.file)));
  });

  it('in-process: validateFixtures names them and MockOrg.fromFixtures rejects with INVALID_INPUT', async () => {
    const expected = cases[name];
    const problems = validateFixtures(expected.file);
    expect(problems.length).toBeGreaterThanOrEqual(expected.lines.length);
    for (const p of problems) expect(p.file).toContain(expected.file);
    const err = await MockOrg.fromFixtures(expected.file).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(IpemuError);
    expect((err as IpemuError).code).toBe('INVALID_INPUT');
    expectNamed((err as IpemuError).message, expected);
  });
});

it('the checks can fail: a stack trace and a missing field name are caught', () => {
  expect(() => expectNamed('x.json: AsyncApexJob[0]: bad\n    at load (/src/fixtures.ts:1:2)', { file: 'x.json', lines: [['AsyncApexJob[0]']] })).toThrow();
  expect(() => expectNamed('x.json: AsyncApexJob[0]: bad', { file: 'x.json', lines: [['AsyncApexJob[0]', 'Status']] })).toThrow();
});
