import { spawn } from 'node:child_process';
import { cpSync, existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { BIN, cleanEnv, ROOT, runCli } from '../run-cli';
import { startCli, type RunningCli } from '../spawn-server';
import { allText, DEMO, DEMO_OBJECTS, removeDir, tempDir } from '../../recording/record-helpers';

/* `ipemu mock-org record` (issue 17) as a user runs it: the built bin, against the embedded demo org and a spawned `mock-org serve`. */

let dir: string;
const servers: RunningCli[] = [];
beforeEach(() => {
  dir = tempDir();
});
afterEach(async () => {
  for (const server of servers.splice(0)) {
    server.child.kill('SIGINT');
    await server.exited;
  }
  removeDir(dir);
});

async function serveCli(fixtures: string = DEMO): Promise<{ instanceUrl: string; accessToken: string }> {
  const server = await startCli(['mock-org', 'serve', '--fixtures', fixtures]);
  servers.push(server);
  return JSON.parse(server.firstLine) as { instanceUrl: string; accessToken: string };
}

describe('ipemu mock-org record', () => {
  test('no org flag records the embedded demo org: exit 0, a line per object started and finished, the summary with /limits on stderr, --json on stdout; the folder loads with --fixtures', async () => {
    const out = join(dir, 'rec');
    const run = await runCli(['mock-org', 'record', '--out', out, '--json']);
    expect(run.stderr).toContain('AsyncApexJob: reading 32 rows through REST\n');
    expect(run.stderr).toMatch(/AsyncApexJob: 32 rows in \d+\.\d s \(REST\)\n/);
    expect(run.stderr).toContain('Org limits (/limits):\n  DailyApiRequests: ');
    expect(run.stderr).toContain(`Fixture user: admin. Load it with --fixtures ${out}`);
    expect(run.code).toBe(0);
    const json = JSON.parse(run.stdout) as {
      status: number;
      result: { objects: { object: string; via: string }[]; limits: { dailyApiRequestsUsed: number } };
      warnings: string[];
    };
    expect(json.status).toBe(0);
    expect(json.warnings).toEqual([]);
    expect(json.result.objects.map((o) => o.object)).toEqual(DEMO_OBJECTS);
    expect(json.result.limits.dailyApiRequestsUsed).toBeGreaterThan(0);
    const invoked = await runCli(['invoke', 'InsPolicyService:getPolicyAsyncJobStatus', '--input', '{"jobId":"7075j00004uK6GjAAK"}', '--fixtures', out]);
    expect(invoked.code).toBe(0);
    expect(JSON.parse(invoked.stdout)).toMatchObject({ status: 'Success', jobId: '7075j00004uK6GjAAK', errorCode: 'INVOKE-200' });
  });

  test('a real-org recording (mock-org serve through --instance-url and --access-token), anonymized, through Bulk API 2.0: exit 0, and the token is in no file of the recording and not on stdout or stderr', async () => {
    const { instanceUrl, accessToken } = await serveCli();
    const out = join(dir, 'rec');
    const run = await runCli([
      'mock-org',
      'record',
      '--instance-url',
      instanceUrl,
      '--access-token',
      accessToken,
      '--out',
      out,
      '--anonymize',
      '--bulk-threshold',
      '1',
      '--json',
    ]);
    expect(run.stderr).toContain('through Bulk API 2.0');
    expect(run.code).toBe(0);
    expect(JSON.parse(run.stdout).result.anonymized).toBe(true);
    for (const text of [allText(out), run.stdout, run.stderr]) expect(text).not.toContain(accessToken);
  });

  test('the org fails on the second object: exit 5 naming the org error and --resume (--json: status 5, errorCode, resumable); the same command is then refused (exit 2); with --resume it finishes (exit 0) without reading the first object again', async () => {
    const limited = join(dir, 'limited');
    cpSync(DEMO, limited, { recursive: true });
    const orgJson = JSON.parse(readFileSync(join(limited, 'org.json'), 'utf8')) as Record<string, unknown>;
    writeFileSync(join(limited, 'org.json'), JSON.stringify({ ...orgJson, limits: { DailyApiRequests: 7 } }));
    const first = await serveCli(limited);
    const out = join(dir, 'rec');
    const args = (org: { instanceUrl: string; accessToken: string }, ...more: string[]): string[] => [
      'mock-org',
      'record',
      '--instance-url',
      org.instanceUrl,
      '--access-token',
      org.accessToken,
      '--out',
      out,
      ...more,
    ];
    const failed = await runCli(args(first, '--json'));
    expect(failed.code).toBe(5);
    expect(JSON.parse(failed.stdout)).toEqual({
      status: 5,
      result: { error: expect.any(String), errorCode: 'REQUEST_LIMIT_EXCEEDED', out, resumable: true },
      warnings: [],
    });
    expect(failed.stderr).toContain('ipemu: the org failed (REQUEST_LIMIT_EXCEEDED)');
    expect(failed.stderr).toContain('run the same command with --resume');
    const second = await serveCli();
    const refused = await runCli(args(second, '--json'));
    expect(refused.code).toBe(2);
    expect(refused.stderr).toContain('pass --resume');
    const resumed = await runCli(args(second, '--json', '--resume'));
    expect(resumed.stderr).toContain('AsyncApexJob: finished earlier (32 rows), not read again');
    expect(resumed.stderr).not.toContain('AsyncApexJob: reading');
    expect(resumed.code).toBe(0);
    expect(existsSync(join(out, 'org.json'))).toBe(true);
  });

  test('SIGINT during a pull stops cleanly (exit 130, "interrupted", the recording unfinished); --resume finishes it', async () => {
    const { instanceUrl, accessToken } = await serveCli();
    const out = join(dir, 'rec');
    const args = ['mock-org', 'record', '--instance-url', instanceUrl, '--access-token', accessToken, '--out', out, '--bulk-threshold', '1'];
    const child = spawn(process.execPath, [BIN, ...args], { cwd: ROOT, env: cleanEnv() });
    let stderr = '';
    let sent = false;
    child.stderr.setEncoding('utf8').on('data', (d: string) => {
      stderr += d;
      if (!sent && stderr.includes('InsurancePolicy: reading')) sent = child.kill('SIGINT');
    });
    const code = await new Promise<number | null>((resolve) => child.on('close', resolve));
    expect(stderr).toContain('the recording was interrupted (SIGINT); run the same command with --resume');
    expect(code).toBe(130);
    expect((JSON.parse(readFileSync(join(out, '.ipemu-recording.json'), 'utf8')) as { status: string }).status).toBe('unfinished');
    const resumed = await runCli([...args, '--resume']);
    expect(resumed.stderr).toContain('AsyncApexJob: finished earlier');
    expect(resumed.code).toBe(0);
  });

  test.each([
    [['--objects', '../etc/passwd'], 'not an object API name'],
    [['--where', 'AsyncApexJob:Id != null) OR (Id != null'], 'closes a parenthesis it did not open'],
    [['--where', "AsyncApexJob:Name = 'x"], 'a quoted value is not closed'],
    [['--where', 'AsyncApexJob'], 'expected <Object>:<SOQL condition>'],
    [['--where', 'Product2:Id != null'], '--where Product2: it is not among the recorded objects'],
    [['--where', 'AsyncApexJob:NoSuch__c = 1'], '--where AsyncApexJob: the org refused the condition (INVALID_FIELD'],
    [['--limit', '0'], 'Expected a whole number from 1'],
  ])('usage error %j: exit 2 with a clear message', async (flags, message) => {
    const run = await runCli(['mock-org', 'record', '--out', join(dir, 'rec'), ...flags]);
    expect(run.stderr).toContain(message);
    expect(run.code).toBe(2);
  });
});
