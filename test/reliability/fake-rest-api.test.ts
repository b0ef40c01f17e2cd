import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startCli, RunningCli } from '../cli/spawn-server';
import { connectOrg } from '../../src/orgs/jsforce/connect';

/**
 * `ipemu mock-org serve` as a client or an attacker meets it (issue 12 items 9, 11, 13): the
 * built bin over loopback, so the CLI is held to what the library's server does.
 */

const APP = { clientId: 'cli-client-id', clientSecret: 'cli-client-secret' };
let dir: string;
beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'ipemu-fake-rest-'));
  const fixture = {
    users: { admin: { default: true, password: 'right-password' } },
    connectedApp: APP,
    limits: { DailyApiRequests: 4 },
    records: { InsurancePolicy: [{ Name: 'P-1', ReferencePolicyNumber: 'R-1' }] },
  };
  writeFileSync(join(dir, 'checked.json'), JSON.stringify(fixture));
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

async function stop(server: RunningCli): Promise<void> {
  server.child.kill('SIGTERM');
  expect(await server.exited).toBe(0);
}

const firstLineOf = (server: RunningCli) => JSON.parse(server.firstLine) as { instanceUrl: string; accessToken: string };

/** The stderr line that follows the first stdout line; it is written in the same tick, so a short wait for the pipe is enough. */
async function stderrSoon(server: RunningCli): Promise<string> {
  for (let i = 0; i < 50 && server.stderr() === ''; i++) await new Promise((r) => setTimeout(r, 20));
  return server.stderr();
}

it('without credentials in the fixture, stderr says right after start-up that the token endpoint accepts anything', async () => {
  const server = await startCli(['mock-org', 'serve', '--port', '0']);
  try {
    const stderr = await stderrSoon(server);
    expect(stderr).toMatch(
      /^ipemu: the fake token endpoint \(POST \/services\/oauth2\/token\) accepts any password, any refresh token, any client id and secret; set users\.<name>\.password/,
    );
    expect(stderr.split('\n')).toHaveLength(2); // one line
  } finally {
    await stop(server);
  }
});

it('with a fixture password and connected app, a wrong password or secret is refused, the right ones log in, no credential is echoed, and stderr names only the unchecked refresh tokens', async () => {
  const server = await startCli(['mock-org', 'serve', '--port', '0', '--fixtures', join(dir, 'checked.json')]);
  try {
    const { instanceUrl } = firstLineOf(server);
    const login = (password: string, clientSecret = APP.clientSecret) =>
      connectOrg({ loginUrl: instanceUrl, username: 'admin', password, clientId: APP.clientId, clientSecret, maxRetries: 0 });
    const refusal = async (p: Promise<unknown>) => {
      try {
        await p;
        return 'logged in';
      } catch (err) {
        return err instanceof Error ? err.message : String(err);
      }
    };
    expect(await refusal(login('wrong-password'))).toContain('authentication failure');
    expect(await refusal(login('right-password', 'wrong-secret'))).toContain('invalid client credentials');
    const org = await login('right-password');
    await expect(org.query('SELECT Name FROM InsurancePolicy')).resolves.toMatchObject({ totalSize: 1 });
    await org.close?.();
    for (const secret of ['wrong-password', 'right-password', 'wrong-secret', APP.clientSecret])
      expect(server.stdout() + server.stderr()).not.toContain(secret);
    // Passwords and the client are checked; the notice names only what is not.
    expect(server.stderr()).toBe(
      'ipemu: the fake token endpoint (POST /services/oauth2/token) accepts any refresh token; set users.<name>.refreshToken in the fixture (org.json) to check them.\n',
    );
  } finally {
    await stop(server);
  }
});

it('the CLI server checks the token before routing, answers in the error array, and enforces the fixture’s daily limit', async () => {
  const server = await startCli(['mock-org', 'serve', '--port', '0', '--fixtures', join(dir, 'checked.json')]);
  try {
    const { instanceUrl, accessToken } = firstLineOf(server);
    const get = (path: string, token?: string) => fetch(`${instanceUrl}${path}`, { headers: token ? { authorization: `Bearer ${token}` } : {} });
    const anonymous = await get('/services/data/v64.0/query/%ZZ');
    expect([anonymous.status, await anonymous.json()]).toEqual([401, [{ message: 'Session expired or invalid', errorCode: 'INVALID_SESSION_ID' }]]);
    const badUrl = await get('/services/data/v64.0/query/%ZZ', accessToken);
    expect([badUrl.status, await badUrl.json()]).toEqual([404, [{ message: 'The requested resource does not exist', errorCode: 'NOT_FOUND' }]]);
    const statuses: number[] = [];
    for (let i = 0; i < 5; i++) statuses.push((await get('/services/data/v64.0/sobjects', accessToken)).status);
    expect(statuses).toEqual([200, 200, 200, 200, 403]);
  } finally {
    await stop(server);
  }
});
