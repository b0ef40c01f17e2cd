import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, symlinkSync, truncateSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { IpemuError } from '../../src/core/errors';
import { validateFixtures } from '../../src/mock-org/fixtures/load';
import { MockOrg } from '../../src/mock-org/mock-org';
import { CliResult, runCli } from '../cli/run-cli';

/**
 * Issue 7 item 6: a broken fixture is a clear error naming the file, the record and the field,
 * the same from `ipemu invoke --fixtures`, `ipemu batch --fixtures`, `ipemu serve --fixtures`,
 * `ipemu mock-org serve --fixtures` (exit 2, message on stderr, no stack) and `ipemu mock-org
 * validate`. Issue 12 item
 * 14 adds hostile paths: deep nesting, a FIFO, a link to /dev/zero, a file past the size cap, a
 * subfolder, an upper-case `.JSON` and years outside Salesforce's range.
 */

const JOB = '7075j00004uK6GjAAK';
const JOB2 = '7075j00004uK6GkAAK';
/** A stack trace line: `    at fn (file.js:1:2)`. */
const STACK_LINE = /^\s+at .+:\d+:\d+\)?$/m;

interface Expected {
  file: string;
  /**
   * The problem lines, exactly: MockOrg.fromFixtures's message, stderr after "ipemu: " of every
   * command that loads fixtures, and `ipemu mock-org validate`'s stdout (one formatter for all).
   */
  load: string[];
}

let dir: string;
const cases: Record<string, Expected> = {};

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'ipemu-bad-fixtures-'));
  writeFileSync(join(dir, 'input.jsonl'), `${JSON.stringify({ jobId: JOB })}\n`);
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
        InsurancePolicy: [
          { Id: '0YT5w000000Y8MNGA0', Name: 'P' },
          { Id: '0YTnot-an-id', Name: 'Q' },
        ],
        NoSuchObject: [{ Name: 'x' }],
      },
    }),
  );
  const picklist = '"Running" is not a valid picklist value (Holding, Queued, Preparing, Processing, Aborted, Completed, Failed)';
  cases.many = {
    file: many,
    load: [
      `${many}: AsyncApexJob[0] (${JOB}): field NumberOfErrors: "three" is not a number`,
      `${many}: AsyncApexJob[1] (${JOB2}): field Status: ${picklist}`,
      `${many}: AsyncApexJob[2] (${JOB}): field Bogus__c: no such field on AsyncApexJob`,
      `${many}: AsyncApexJob[2] (${JOB}): field Id: duplicate Id (first used by AsyncApexJob[0])`,
      `${many}: InsurancePolicy[1] (0YTnot-an-id): field Id: "0YTnot-an-id" is not a valid Salesforce Id`,
      `${many}: NoSuchObject: unknown object NoSuchObject (declare it in "schema")`,
    ],
  };
  const broken = join(dir, 'broken.json');
  writeFileSync(broken, `{"records": {"AsyncApexJob": [{"Id": "${JOB}",}]}}`);
  const malformed = `${broken}: not valid JSON: Expected double-quoted property name in JSON at position 58`;
  cases.malformed = { file: broken, load: [malformed] };

  const folder = join(dir, 'folder');
  mkdirSync(folder);
  writeFileSync(join(folder, 'AsyncApexJob.json'), JSON.stringify([{ Id: JOB, Status: 'Completed', CreatedDate: 'yesterday' }]));
  writeFileSync(join(folder, 'InsurancePolicy.json'), '[{"Id": "0YT5w000000Y8MNGA0"');
  const notJson = `${folder}/InsurancePolicy.json: not valid JSON: Expected ',' or '}' after property value in JSON at position 28`;
  const datetime = '"yesterday" is not an ISO 8601 datetime with a zone (e.g. 2026-11-01T10:00:00.000+0000 or 2026-11-01T10:00:00Z)';
  cases.folder = {
    file: folder,
    load: [notJson, `${folder}/AsyncApexJob.json: AsyncApexJob[0] (${JOB}): field CreatedDate: ${datetime}`],
  };

  // Issue 12 item 14. Deep nesting in a field value overflowed the stack in the error message.
  const deep = join(dir, 'deep.json');
  const depth = 100_000;
  writeFileSync(deep, `{"records": {"AsyncApexJob": [{"Id": "${JOB}", "Status": ${'['.repeat(depth)}${']'.repeat(depth)}}]}}`);
  cases.deep = { file: deep, load: [`${deep}: JSON nested deeper than 64 levels`] };

  const notRegular = (kind: string): string => `not a regular file (${kind}); fixtures are read only from regular files`;
  const fifo = join(dir, 'fifo.json');
  execFileSync('mkfifo', [fifo]);
  cases.fifo = { file: fifo, load: [`${fifo}: ${notRegular('a FIFO')}`] };
  const zero = join(dir, 'zero.json');
  symlinkSync('/dev/zero', zero);
  cases['dev-zero'] = { file: zero, load: [`${zero}: ${notRegular('a character device')}`] };

  // The same refusals inside a directory, beside a sparse file past the 256 MiB cap.
  const special = join(dir, 'special');
  mkdirSync(special);
  writeFileSync(join(special, 'Big.json'), '');
  truncateSync(join(special, 'Big.json'), 256 * 1024 * 1024 + 1);
  execFileSync('mkfifo', [join(special, 'Fifo.json')]);
  symlinkSync('/dev/zero', join(special, 'Zero.json'));
  cases.special = {
    file: special,
    load: [
      `${special}/Big.json: larger than 256 MiB, the most a fixture file may hold (split it into a directory of <SObject>.json files)`,
      `${special}/Fifo.json: ${notRegular('a FIFO')}`,
      `${special}/Zero.json: ${notRegular('a character device')}`,
    ],
  };

  // Directory rules: `.JSON` is read, a subfolder is named, dot-files and other files are skipped.
  const rules = join(dir, 'rules');
  mkdirSync(rules);
  mkdirSync(join(rules, 'jobs'));
  writeFileSync(join(rules, 'jobs', 'AsyncApexJob.json'), '[]');
  writeFileSync(join(rules, '.AsyncApexJob.json.swp'), '{');
  writeFileSync(join(rules, '.hidden.json'), '{');
  writeFileSync(join(rules, 'notes.txt'), '{');
  const job = (id: string, created: string) => ({ Id: id, Status: 'Completed', CreatedDate: created });
  writeFileSync(
    join(rules, 'AsyncApexJob.JSON'),
    JSON.stringify([
      job(JOB, '0000-01-01T00:00:00Z'),
      job(JOB2, '9999-12-31T00:00:00.000+0000'),
      job('7075j00004uK6GlAAK', '1700-01-01T00:30:00+01:00'),
      job('7075j00004uK6GmAAK', '1700-01-01T00:00:00Z'),
      job('7075j00004uK6GnAAK', '4000-12-31T23:59:59.999Z'),
    ]),
  );
  writeFileSync(join(rules, 'InsurancePolicy.json'), JSON.stringify([{ Id: '0YT5w000000Y8MNGA0', Name: 'P', EffectiveDate: '1699-12-31T23:59:59Z' }]));
  const range = "is outside Salesforce's valid range (1700-01-01 to 4000-12-31)";
  const jobs = `${rules}/AsyncApexJob.JSON: AsyncApexJob`;
  cases.rules = {
    file: rules,
    load: [
      `${rules}/jobs: a subfolder: fixture directories are flat, and only the .json files directly inside them are read`,
      `${jobs}[0] (${JOB}): field CreatedDate: "0000-01-01T00:00:00Z" ${range}`,
      `${jobs}[1] (${JOB2}): field CreatedDate: "9999-12-31T00:00:00.000+0000" ${range}`,
      `${jobs}[2] (7075j00004uK6GlAAK): field CreatedDate: "1700-01-01T00:30:00+01:00" ${range}`,
      `${rules}/InsurancePolicy.json: InsurancePolicy[0] (0YT5w000000Y8MNGA0): field EffectiveDate: "1699-12-31T23:59:59Z" ${range}`,
    ],
  };
});

/** Runs the bin, killing it after 15 s: a serve that wrongly starts listening would never exit. */
const run = (args: string[]): Promise<CliResult> => runCli(args, { killAfterMs: 15_000 });

/** The text, line by line, is exactly `lines`, and holds no stack trace. */
function expectLines(text: string, lines: string[]): void {
  expect(text).not.toMatch(STACK_LINE);
  expect(text.split('\n')).toEqual(lines);
}

const COMMANDS: Record<string, (file: string) => string[]> = {
  invoke: (file) => ['invoke', 'InsPolicyService:getPolicyAsyncJobStatus', '--input', JSON.stringify({ jobId: JOB }), '--fixtures', file],
  batch: (file) => ['batch', 'InsPolicyService:getPolicyAsyncJobStatus', '--input-file', join(dir, 'input.jsonl'), '--fixtures', file],
  serve: (file) => ['serve', '--port', '0', '--log-level', 'silent', '--fixtures', file],
  'mock-org serve': (file) => ['mock-org', 'serve', '--port', '0', '--fixtures', file],
};

const CASES = ['many', 'malformed', 'folder', 'deep', 'fifo', 'dev-zero', 'special', 'rules'];
/**
 * Checked only through child processes: a read that blocks (a FIFO) or never ends (/dev/zero) is
 * synchronous, so in-process it could not be bounded by a deadline, only by hanging the suite.
 */
const CHILD_ONLY = new Set(['fifo', 'dev-zero', 'special']);

describe.each(CASES)('fixture "%s"', (name) => {
  it('invoke, batch, serve and mock-org serve: exit 2, the problems on stderr naming file, record and field, no stack, nothing on stdout', async () => {
    const expected = cases[name]!;
    const results = await Promise.all(Object.values(COMMANDS).map((args) => run(args(expected.file))));
    Object.keys(COMMANDS).forEach((command, i) => {
      const r = results[i]!;
      expect({ command, code: r.code, killed: r.killed, stdout: r.stdout }).toEqual({ command, code: 2, killed: false, stdout: '' });
      expectLines(r.stderr, [`ipemu: ${expected.load[0]}`, ...expected.load.slice(1), '']);
    });
  });

  it('mock-org validate: non-zero exit listing the same problems, no stack', async () => {
    const expected = cases[name]!;
    const r = await run(['mock-org', 'validate', expected.file]);
    expect(r.code).toBe(2);
    expectLines(r.stdout, [...expected.load, '']);
    const n = expected.load.length;
    expectLines(r.stderr, [`${n} problem${n === 1 ? '' : 's'} found.`, '']);
  });
});

describe.each(CASES.filter((name) => !CHILD_ONLY.has(name)))('fixture "%s" in-process', (name) => {
  it('validateFixtures names them and MockOrg.fromFixtures rejects with INVALID_INPUT', async () => {
    const expected = cases[name]!;
    const problems = validateFixtures(expected.file);
    expect(problems).toHaveLength(expected.load.length);
    // Problem i is validate's line i: its file first, its message last.
    problems.forEach((p, i) => {
      expect(expected.load[i]!.startsWith(`${p.file}: `)).toBe(true);
      expect(expected.load[i]!.endsWith(p.message)).toBe(true);
    });
    const err = await MockOrg.fromFixtures(expected.file).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(IpemuError);
    expect((err as IpemuError).code).toBe('INVALID_INPUT');
    expectLines((err as IpemuError).message, expected.load);
  });
});

it('the stack check can fail: a stack trace line is caught', () => {
  expect(() => expectLines('x.json: AsyncApexJob[0]: bad\n    at load (/src/fixtures.ts:1:2)', ['x.json: AsyncApexJob[0]: bad'])).toThrow();
});
