import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { FixtureDocument, FixtureRecord } from '../../../src/mock-org/fixtures/types';
import { CUSTOM_JOB_LINK, JOBS, POLICIES, suiteFixtures } from '../../services/ins-policy-service/suite-fixtures';
import { runCli, type CliResult } from '../run-cli';
import { startCli, type RunningCli } from '../spawn-server';

/*
 * `ipemu parity` with real processes: `ipemu mock-org serve` on the service suite's fixtures is the
 * "real org" (jsforce over loopback), and the same fixtures, or a copy with one record changed,
 * written to a temp dir, are the recording.
 */
const SUMMARY = /^parity: [\d,]+ inputs across 4 services, (\d[\d,]*) differences? \(org \d+\.\d s, mock \d+\.\d s\)$/;
const HOLDING = `InsPolicyService:getPolicyAsyncJobStatus {"jobId":"${JOBS.holding}"}`;
const HOLDING_DETAILS = [
  '  output status: org "WaitingToProcess", mock "Success"',
  '  query 1: SELECT Id, Status, NumberOfErrors, ExtendedStatus, CreatedDate FROM AsyncApexJob WHERE Id IN :jobIds (1 bind value)',
];

describe('ipemu parity', () => {
  let dir: string;
  let server: RunningCli;
  let instanceUrl: string;
  let accessToken: string;
  let same: string;
  let changed: string;
  let unlinked: string;
  let config: string;
  let org: string[];

  const noToken = (result: CliResult): void => {
    expect(result.stdout).not.toContain(accessToken);
    expect(result.stderr).not.toContain(accessToken);
  };

  /** The suite fixtures with every CreatedDate set: a missing one is the load time, which differs between two processes (a recording has them all). */
  const fixtures = (): FixtureDocument => {
    const doc = suiteFixtures();
    for (const record of doc.records!.InsuranceAsyncBulkRequest as FixtureRecord[]) record.CreatedDate ??= '2026-10-01T08:00:00.000+0000';
    return doc;
  };

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'ipemu-parity-'));
    same = join(dir, 'suite.json');
    changed = join(dir, 'changed.json');
    writeFileSync(same, JSON.stringify(fixtures()));
    const doc = fixtures();
    (doc.records!.AsyncApexJob as FixtureRecord[]).find((job) => job.Id === JOBS.holding)!.Status = 'Completed';
    writeFileSync(changed, JSON.stringify(doc));
    unlinked = join(dir, 'unlinked.json');
    const withoutCustomLinks = fixtures();
    withoutCustomLinks.records!.PolicyJobLink__c = [];
    writeFileSync(unlinked, JSON.stringify(withoutCustomLinks));
    config = join(dir, 'ipemu.config.json');
    writeFileSync(config, JSON.stringify({ jobLink: CUSTOM_JOB_LINK, outOfSequenceJobLink: CUSTOM_JOB_LINK }));
    server = await startCli(['mock-org', 'serve', '--fixtures', same, '--port', '0']);
    ({ instanceUrl, accessToken } = JSON.parse(server.firstLine) as { instanceUrl: string; accessToken: string });
    org = ['--instance-url', instanceUrl, '--access-token', accessToken];
  });
  afterAll(async () => {
    server.child.kill('SIGTERM');
    await server.exited;
    rmSync(dir, { recursive: true, force: true });
  });

  test('a recording equal to the org: only the summary line, 0 differences, exit 0, no token printed', async () => {
    const result = await runCli(['parity', ...org, '--fixtures', same]);
    expect(result.stderr).toBe('');
    expect(result.code).toBe(0);
    const lines = result.stdout.trimEnd().split('\n');
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatch(SUMMARY);
    expect(SUMMARY.exec(lines[0]!)![1]).toBe('0');
    noToken(result);
  });

  test('SF_INSTANCE_URL and SF_ACCESS_TOKEN name the org as well', async () => {
    const result = await runCli(['parity', '--fixtures', same, '--limit', '2'], { env: { SF_INSTANCE_URL: instanceUrl, SF_ACCESS_TOKEN: accessToken } });
    expect(result.code).toBe(0);
    expect(result.stdout.trimEnd()).toMatch(SUMMARY);
    noToken(result);
  });

  test("one job's Status changed in the recording: a block per difference (the input, then where outputs and queries part), the count in the summary, exit 1", async () => {
    const result = await runCli(['parity', ...org, '--fixtures', changed]);
    expect(result.code).toBe(1);
    const lines = result.stdout.trimEnd().split('\n');
    const summary = SUMMARY.exec(lines.at(-1)!);
    expect(summary).not.toBeNull();
    const heads = lines.slice(0, -1).filter((line) => !line.startsWith(' '));
    expect(Number(summary![1])).toBe(heads.length);
    for (const head of heads) expect(head.toLowerCase()).toContain(JOBS.holding.slice(0, 15).toLowerCase());
    const at = lines.indexOf(HOLDING);
    expect(at).toBeGreaterThanOrEqual(0);
    expect(lines.slice(at + 1, at + 3)).toEqual(HOLDING_DETAILS);
    expect(lines[at + 3]).toMatch(new RegExp(`^ {4}record ${JOBS.holding} Status: org "Holding", mock "Completed"$`));
    noToken(result);
  });

  test('--json: { status: 1, result: { compared, services, differences, differenceCount, … }, warnings: [] }', async () => {
    const result = await runCli(['parity', ...org, '--fixtures', changed, '--json', '--concurrency', '2']);
    expect(result.code).toBe(1);
    const body = JSON.parse(result.stdout);
    expect(Object.keys(body)).toEqual(['status', 'result', 'warnings']);
    expect(body.status).toBe(1);
    expect(body.warnings).toEqual([]);
    expect(body.result.services).toEqual([
      'InsPolicyService:getPolicyAsyncJobStatus',
      'InsPolicyService:getOutOfSequenceEndorsementStatus',
      'InsAsyncBulkService:getRequestStatusById',
      'InsAsyncBulkService:getRequestStatusByUser',
    ]);
    expect(body.result.compared).toBeGreaterThan(100);
    expect(body.result.differenceCount).toBe(body.result.differences.length);
    expect(body.result.differences).toContainEqual({
      service: 'InsPolicyService:getPolicyAsyncJobStatus',
      input: { jobId: JOBS.holding },
      org: { status: 'WaitingToProcess', jobId: JOBS.holding, errorCode: 'INVOKE-200', error: 'OK' },
      mock: { status: 'Success', jobId: JOBS.holding, errorCode: 'INVOKE-200', error: 'OK' },
      queries: expect.objectContaining({ index: 0 }),
    });
    noToken(result);
  });

  test('--config applies to both sides: with a custom job link they agree; a recording missing its custom link records then differs on the policy it linked', async () => {
    const agree = await runCli(['parity', ...org, '--fixtures', same, '--config', config]);
    expect(agree.code).toBe(0);
    expect(SUMMARY.exec(agree.stdout.trimEnd())?.[1]).toBe('0');
    // Without the config neither side reads PolicyJobLink__c: the missing links make no difference.
    expect((await runCli(['parity', ...org, '--fixtures', unlinked])).code).toBe(0);
    const differ = await runCli(['parity', ...org, '--fixtures', unlinked, '--config', config, '--json']);
    expect(differ.code).toBe(1);
    const { differences } = JSON.parse(differ.stdout).result as { differences: { input: unknown; org: { jobId?: string }; mock: { errorCode: string } }[] };
    const custom = differences.find((d) => JSON.stringify(d.input) === JSON.stringify({ policyId: POLICIES.custom }));
    expect(custom?.org.jobId).toBe(JOBS.custom);
    expect(custom?.mock.errorCode).toBe('INVOKE-404');
  }, 60_000);

  test.each([
    [
      'no real-org flag',
      ['--fixtures', 'fixtures/demo'],
      'parity compares a real org with a recorded mock: give --target-org, --instance-url with --access-token, or SF_* env.',
    ],
    ['no --fixtures', ['--instance-url', 'http://127.0.0.1:9', '--access-token', 'tok-not-printed'], 'parity needs --fixtures <dir>'],
    [
      '--fixtures that do not exist',
      ['--instance-url', 'http://127.0.0.1:9', '--access-token', 'tok-not-printed', '--fixtures', 'no/such/dir'],
      'no such file or directory',
    ],
    ['--limit 0', ['--fixtures', 'fixtures/demo', '--limit', '0'], "option '--limit <n>' argument '0' is invalid"],
    ['--plugin', ['--fixtures', 'fixtures/demo', '--plugin', './p.js'], 'parity runs the built-in read-only services only; --plugin does not apply.'],
  ])('usage: %s → exit 2 with a message on stderr, nothing on stdout', async (_why, args, message) => {
    const result = await runCli(['parity', ...args]);
    expect(result.code).toBe(2);
    expect(result.stdout).toBe('');
    expect(result.stderr).toContain(message);
    expect(result.stderr).not.toContain('tok-not-printed');
  });

  test('a token the org refuses → exit 5 naming the failure, the token never printed', async () => {
    const refused = '00D5w0000000001!refusedTokenValue';
    const result = await runCli(['parity', '--instance-url', instanceUrl, '--access-token', refused, '--fixtures', same]);
    expect(result.code).toBe(5);
    expect(result.stdout).toBe('');
    expect(result.stderr).toBe('ipemu: parity cannot read the org (INVALID_SESSION_ID): Session expired or invalid\n');
    expect(result.stderr).not.toContain(refused);
  });

  test('an unreachable org → exit 5: "parity cannot read the org (UNREACHABLE): The org could not be reached (ECONNREFUSED)."', async () => {
    // jsforce retries a refused connection with backoff (about 15 s) before it gives up.
    const result = await runCli(['parity', '--instance-url', 'http://127.0.0.1:9', '--access-token', 'tok-not-printed', '--fixtures', same]);
    expect(result.code).toBe(5);
    expect(result.stdout).toBe('');
    expect(result.stderr).toBe('ipemu: parity cannot read the org (UNREACHABLE): The org could not be reached (ECONNREFUSED).\n');
  }, 60_000);
});
