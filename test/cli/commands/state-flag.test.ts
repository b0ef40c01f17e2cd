import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { spawn } from 'node:child_process';
import { MockOrg } from '../../../src/mock-org/mock-org';
import { BIN, cleanEnv, ROOT, runCli } from '../run-cli';
import { startCli } from '../spawn-server';

/** `--state <file>` on the org-using commands and on `mock-org serve` (the built bin: `npm run build` first). */

const KEY = 'InsPolicyService:getPolicyAsyncJobStatus';
const POLICY = '0YT5w000000Y8MNGA0';
const FIXTURES = {
  users: { admin: { default: true } },
  records: { InsurancePolicy: [{ Id: POLICY, Name: 'P-0001', ReferencePolicyNumber: 'REF-0001' }] },
};

let dir: string;
let fixtures: string;
let state: string;

beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'ipemu-cli-state-'));
  fixtures = join(dir, 'org.json');
  state = join(dir, 'org.state');
  writeFileSync(fixtures, JSON.stringify(FIXTURES));
});

afterEach(() => {
  rmSync(dir, { recursive: true, force: true });
});

/** Through the library, as the emulated package will: a job linked to the fixture's policy, in the state file. */
function startJob(status: string): string {
  const org = MockOrg.fromFixturesSync(fixtures, { state });
  try {
    return org.asPlatform((platform) => {
      const jobId = platform.insert('AsyncApexJob', { Status: status, JobType: 'Queueable', NumberOfErrors: 0 });
      const request = platform.insert('InsuranceAsyncBulkRequest', { Name: 'R-1' });
      const item = platform.insert('InsuranceAsyncBulkRequestItem', {
        Name: 'I-1',
        InsuranceAsyncBulkRequestId: request,
        BatchJobId: jobId,
        ReferenceRecordId: POLICY,
      });
      platform.insert('InsuranceAsyncBulkRecordDetail', { Name: 'D-1', InsuranceAsyncBulkRequestItemId: item, ReferenceRecordId: POLICY });
      return jobId;
    });
  } finally {
    org.closeSync();
  }
}

describe('ipemu invoke --state', () => {
  it('sees what was written to the file before, run after run, and leaves no lock behind; without --state it does not', async () => {
    const jobId = startJob('Completed');
    const args = ['invoke', KEY, '--fixtures', fixtures, '--input', JSON.stringify({ policyId: POLICY })];
    for (let run = 0; run < 2; run++) {
      const r = await runCli([...args, '--state', state]);
      expect({ code: r.code, out: JSON.parse(r.stdout) }).toEqual({ code: 0, out: { status: 'Success', jobId, errorCode: 'INVOKE-200', error: 'OK' } });
      expect(existsSync(`${state}.lock`)).toBe(false);
    }
    const fresh = await runCli(args);
    expect(fresh.code).toBe(4);
  });

  it('a job started by one invoke (createMultiRootPolicy on the demo org) is found by the next, and a third --wait polls it to Success', async () => {
    const started = await runCli([
      'invoke',
      'InsPolicyService:createMultiRootPolicy',
      '--state',
      state,
      '--input',
      '{"quoteId":"0Q05w0000000001CAA","effectiveDate":"2026-01-01"}',
    ]);
    expect(started.code).toBe(0);
    const { jobId } = JSON.parse(started.stdout) as { jobId: string };
    expect(jobId).toMatch(/^707\w{15}$/);
    const polled = await runCli(['invoke', KEY, '--state', state, '--input', JSON.stringify({ jobId })]);
    expect({ code: polled.code, out: JSON.parse(polled.stdout) }).toEqual({ code: 0, out: expect.objectContaining({ jobId, errorCode: 'INVOKE-200' }) });
    const waited = await runCli(['invoke', KEY, '--state', state, '--wait', '--timeout', '20', '--input', JSON.stringify({ jobId })]);
    expect(JSON.parse(waited.stdout)).toEqual({ status: 'Success', jobId, errorCode: 'INVOKE-200', error: 'OK' });
    const fresh = await runCli(['invoke', KEY, '--input', JSON.stringify({ jobId })]);
    expect(fresh.code).toBe(4);
  });

  it('a relative --state is resolved from the working directory, and a new file starts with the header', async () => {
    const r = await runCli(['invoke', KEY, '--fixtures', fixtures, '--state', 'new.state', '--input', JSON.stringify({ policyId: POLICY })], { cwd: dir });
    expect(r.code).toBe(4);
    expect(JSON.parse(readFileSync(join(dir, 'new.state'), 'utf8').split('\n')[0]!)).toMatchObject({ ipemu: 'mock-org-state', version: 1 });
  });

  it('on the embedded demo org too', async () => {
    const r = await runCli(['invoke', KEY, '--state', state, '--input', '{"jobId":"7075j00004uK6GjAAK"}']);
    expect(r.code).toBe(0);
    expect(existsSync(state)).toBe(true);
  });

  it('with a real-org flag is a usage error (exit 2)', async () => {
    const r = await runCli(['invoke', KEY, '--state', state, '--instance-url', 'http://127.0.0.1:1', '--access-token', 'tok-123456', '--input', '{}']);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain("--state keeps a mock org's writes; it does not apply to a real org.");
    expect(existsSync(state)).toBe(false);
  });

  it('SIGINT during --wait closes the org (the lock is released) and exits 130', async () => {
    const jobId = startJob('Processing');
    const child = spawn(process.execPath, [BIN, 'invoke', KEY, '--fixtures', fixtures, '--state', state, '--wait', '--input', JSON.stringify({ jobId })], {
      cwd: ROOT,
      env: cleanEnv(),
    });
    const exited = new Promise<number | null>((resolve) => child.on('close', (code) => resolve(code)));
    // The handler is set before the org opens: once the lock exists, a SIGINT is handled.
    while (!existsSync(`${state}.lock`)) await new Promise((resolve) => setTimeout(resolve, 10));
    child.kill('SIGINT');
    expect(await exited).toBe(130);
    expect(existsSync(`${state}.lock`)).toBe(false);
  });
});

describe('two processes on one state file', () => {
  it('a second mock-org serve (or invoke) on a file in use is refused with exit 2 naming the holder; SIGTERM releases it', async () => {
    const server = await startCli(['mock-org', 'serve', '--port', '0', '--fixtures', fixtures, '--state', state]);
    try {
      const holder = JSON.parse(readFileSync(`${state}.lock`, 'utf8')) as { pid: number };
      expect(holder.pid).toBe(server.child.pid);
      const second = await runCli(['mock-org', 'serve', '--port', '0', '--fixtures', fixtures, '--state', state], { killAfterMs: 10_000 });
      expect(second.code).toBe(2);
      expect(second.stderr).toContain(`The state file ${state} is in use by process ${server.child.pid} (ipemu mock-org serve, since `);
      expect(second.stderr).toContain('stop it or use another --state file.');
      const invoke = await runCli(['invoke', KEY, '--fixtures', fixtures, '--state', state, '--input', '{}']);
      expect(invoke.code).toBe(2);
      expect(invoke.stderr).toContain(`is in use by process ${server.child.pid}`);
    } finally {
      server.child.kill('SIGTERM');
    }
    expect(await server.exited).toBe(0);
    expect(existsSync(`${state}.lock`)).toBe(false);
  });

  it('ipemu serve --state holds the lock while it runs and releases it on SIGTERM', async () => {
    const server = await startCli(['serve', '--port', '0', '--log-level', 'silent', '--fixtures', fixtures, '--state', state]);
    expect(JSON.parse(readFileSync(`${state}.lock`, 'utf8'))).toMatchObject({ pid: server.child.pid, command: 'ipemu serve' });
    server.child.kill('SIGTERM');
    expect(await server.exited).toBe(0);
    expect(existsSync(`${state}.lock`)).toBe(false);
  });
});
