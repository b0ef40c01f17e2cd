import { runCli } from './run-cli';

describe('ipemu usage errors exit 2 with a message on stderr', () => {
  it.each([
    [['invoke', 'InsPolicyService:getPolicyAsyncJobStatus', '--bogus'], /unknown option '--bogus'/],
    [['frobnicate'], /unknown command 'frobnicate'/],
    [['invoke'], /missing required argument/],
    [['invoke', 'InsPolicyService:getPolicyAsyncJobStatus', '--input', '{not json'], /--input is not valid JSON/],
    [['invoke', 'InsPolicyService:getPolicyAsyncJobStatus', '--input', '{}', '--input-file', 'x.json'], /not both/],
    [
      ['invoke', 'InsPolicyService:getPolicyAsyncJobStatus', '--input-file', 'does/not/exist.json'],
      /Cannot read --input-file does\/not\/exist.json: no such file/,
    ],
    [['invoke', 'InsPolicyService:getPolicyAsyncJobStatus', '--timeout', 'soon'], /--timeout.*positive number of seconds/],
    [['invoke', 'InsPolicyService:getPolicyAsyncJobStatus', '--timeout', '500'], /at most 120 seconds/],
    [['batch', 'InsPolicyService:getPolicyAsyncJobStatus'], /--input-file/],
    [['batch', 'InsPolicyService:getPolicyAsyncJobStatus', '--input-file', 'x.jsonl', '--concurrency', '0'], /--concurrency.*whole number/],
    [['batch', 'InsPolicyService:getPolicyAsyncJobStatus', '--input-file', 'inputs.txt'], /\.jsonl.*\.csv/],
    [['serve', '--port', '70000'], /port number/],
    [['serve', '--log-level', 'loud'], /--log-level/],
    [['mock-org', 'generate', '--policies', '3', '--out', 'x.json'], /--jobs-per-policy/],
    [['mock-org', 'generate', '--policies', 'many', '--jobs-per-policy', '1', '--out', 'x.json'], /--policies/],
    [
      ['invoke', 'InsPolicyService:getPolicyAsyncJobStatus', '--fixtures', 'fixtures/demo', '--instance-url', 'https://x.my.salesforce.com'],
      /--fixtures.*cannot be combined/,
    ],
  ])('%j', async (args, message) => {
    const r = await runCli(args);
    expect(r.stderr).toMatch(message);
    expect(r.stdout).toBe('');
    expect(r.code).toBe(2);
    expect(r.stderr).not.toMatch(/\n\s+at /);
  });

  it('never echoes an --access-token value, even in a usage error', async () => {
    const token = '00D5w000004abcd!AQ8AQJ_secret_token_value';
    const r = await runCli(['invoke', 'InsPolicyService:getPolicyAsyncJobStatus', '--access-token', token, '--bogus', token]);
    expect(r.code).toBe(2);
    expect(r.stderr.length).toBeGreaterThan(0);
    expect(r.stderr + r.stdout).not.toContain(token);
    // Commander echoes an invalid option value; the token pasted into the wrong flag must not show.
    const misplaced = await runCli(['invoke', 'A:b', `--access-token=${token}`, '--timeout', token]);
    expect(misplaced.code).toBe(2);
    expect(misplaced.stderr).toMatch(/--timeout.*'\[redacted\]' is invalid/);
    expect(misplaced.stderr + misplaced.stdout).not.toContain(token);
    const fromEnv = await runCli(['invoke', 'A:b', '--timeout', token], { env: { SF_ACCESS_TOKEN: token } });
    expect(fromEnv.code).toBe(2);
    expect(fromEnv.stderr).not.toContain(token);
  });

  it('--help and --version exit 0', async () => {
    const help = await runCli(['--help']);
    expect(help.code).toBe(0);
    expect(help.stdout).toMatch(/invoke/);
    expect(help.stdout).toMatch(/mock-org/);
    const invokeHelp = await runCli(['invoke', '--help']);
    expect(invokeHelp.code).toBe(0);
    expect(invokeHelp.stdout).toMatch(/--input-file/);
    expect(invokeHelp.stdout).toMatch(/-o, --target-org/);
    const version = await runCli(['--version']);
    expect(version.code).toBe(0);
    expect(version.stdout.trim()).toMatch(/^\d+\.\d+\.\d+/);
  });
});

describe('ipemu services', () => {
  it('prints a table of keys and descriptions', async () => {
    const r = await runCli(['services']);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/^SERVICE\s+DESCRIPTION\n/);
    expect(r.stdout).toMatch(/^InsPolicyService:getPolicyAsyncJobStatus\s+\S/m);
  });

  it('--json wraps { key, description, inputSchema } the sf way', async () => {
    const r = await runCli(['services', '--json']);
    expect(r.code).toBe(0);
    const out = JSON.parse(r.stdout);
    expect(Object.keys(out)).toEqual(['status', 'result', 'warnings']);
    expect(out.status).toBe(0);
    expect(out.warnings).toEqual([]);
    const svc = out.result.find((s: { key: string }) => s.key === 'InsPolicyService:getPolicyAsyncJobStatus');
    expect(Object.keys(svc)).toEqual(['key', 'description', 'inputSchema']);
    expect(svc.inputSchema.properties).toHaveProperty('jobId');
  });
});
