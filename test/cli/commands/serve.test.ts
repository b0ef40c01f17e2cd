import { runCli } from '../run-cli';
import { startCli } from '../spawn-server';

describe('ipemu serve', () => {
  it('prints {"url"} first once listening, serves invoke, and stops on SIGTERM with exit 0', async () => {
    const server = await startCli(['serve', '--port', '0', '--token', 'test-token-123', '--log-level', 'silent']);
    const first = JSON.parse(server.firstLine);
    expect(Object.keys(first)).toEqual(['url']);
    expect(first.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    const health = await fetch(`${first.url}/healthz`);
    expect(await health.json()).toEqual({ status: 'ok' });
    const denied = await fetch(`${first.url}/services`);
    expect(denied.status).toBe(401);
    const res = await fetch(`${first.url}/invoke/InsPolicyService:getPolicyAsyncJobStatus`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: 'Bearer test-token-123' },
      body: JSON.stringify({ input: { jobId: '7075j00004uK6GjAAK' } }),
    });
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ status: 'Success', jobId: '7075j00004uK6GjAAK', errorCode: 'INVOKE-200', error: 'OK' });
    server.child.kill('SIGTERM');
    expect(await server.exited).toBe(0);
    expect(server.stderr()).not.toContain('test-token-123');
  });

  it('takes the token from env IPEMU_TOKEN and stops on SIGINT with exit 0', async () => {
    const server = await startCli(['serve', '--port', '0', '--log-level', 'silent'], { IPEMU_TOKEN: 'env-token-456' });
    const { url } = JSON.parse(server.firstLine);
    expect((await fetch(`${url}/services`)).status).toBe(401);
    expect((await fetch(`${url}/services`, { headers: { authorization: 'Bearer env-token-456' } })).status).toBe(200);
    server.child.kill('SIGINT');
    expect(await server.exited).toBe(0);
  });
});

describe('ipemu mock-org serve', () => {
  it('prints {"instanceUrl","accessToken"} first, answers the REST API, and stops on SIGTERM with exit 0', async () => {
    const server = await startCli(['mock-org', 'serve', '--port', '0']);
    const first = JSON.parse(server.firstLine);
    expect(Object.keys(first)).toEqual(['instanceUrl', 'accessToken']);
    expect(first.instanceUrl).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    expect(typeof first.accessToken).toBe('string');
    const q = encodeURIComponent("SELECT Id, Status FROM AsyncApexJob WHERE Id = '7075j00004uK6GjAAK'");
    const res = await fetch(`${first.instanceUrl}/services/data/v64.0/query?q=${q}`, { headers: { authorization: `Bearer ${first.accessToken}` } });
    expect(res.status).toBe(200);
    expect(await res.json()).toMatchObject({ totalSize: 1, done: true, records: [{ Id: '7075j00004uK6GjAAK', Status: 'Completed' }] });
    const wrong = await fetch(`${first.instanceUrl}/services/data/v64.0/limits`, { headers: { authorization: 'Bearer nope' } });
    expect(wrong.status).toBe(401);
    server.child.kill('SIGTERM');
    expect(await server.exited).toBe(0);
  });
});

describe('ipemu invoke against a real-org REST API (the mock org served over HTTP, through jsforce)', () => {
  const args = ['invoke', 'InsPolicyService:getPolicyAsyncJobStatus', '--input', '{"jobId":"7075j00004uK6GjAAK"}'];
  const sample = { status: 'Success', jobId: '7075j00004uK6GjAAK', errorCode: 'INVOKE-200', error: 'OK' };

  it('with --instance-url/--access-token, with SF_* env, and a wrong token exits 5 without echoing it', async () => {
    const server = await startCli(['mock-org', 'serve', '--port', '0']);
    try {
      const { instanceUrl, accessToken } = JSON.parse(server.firstLine);
      const flags = await runCli([...args, '--instance-url', instanceUrl, '--access-token', accessToken]);
      expect(flags.stderr).toBe('');
      expect(flags.code).toBe(0);
      expect(JSON.parse(flags.stdout)).toEqual(sample);
      const env = await runCli(args, { env: { SF_INSTANCE_URL: instanceUrl, SF_ACCESS_TOKEN: accessToken } });
      expect(env.code).toBe(0);
      expect(JSON.parse(env.stdout)).toEqual(sample);
      // Explicit --fixtures beats the env: the demo org answers even with a dead instance URL in env.
      const fixtures = await runCli([...args, '--fixtures', 'fixtures/demo'], {
        env: { SF_INSTANCE_URL: 'http://127.0.0.1:9', SF_ACCESS_TOKEN: 'x'.repeat(20) },
      });
      expect(fixtures.code).toBe(0);
      const badToken = 'wrong-token-0123456789';
      const wrong = await runCli([...args, '--instance-url', instanceUrl, '--access-token', badToken]);
      expect(wrong.code).toBe(5);
      expect(JSON.parse(wrong.stdout).errorCode).toBe('INVOKE-502');
      expect(wrong.stdout + wrong.stderr).not.toContain(badToken);
    } finally {
      server.child.kill('SIGTERM');
      await server.exited;
    }
  });

  it('--user applies only to a mock org', async () => {
    const r = await runCli([...args, '--instance-url', 'http://127.0.0.1:9', '--access-token', 'some-token-value', '--user', 'admin']);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/--user/);
  });
});
