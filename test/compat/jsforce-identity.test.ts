import { Connection } from 'jsforce';
import { checksumOf } from '../../src/salesforce/ids';
import { failureOf, startCompatServer, type CompatServer } from './compat-server';

/**
 * jsforce 3.10.16's identity doors against a real `mock-org serve`: `identity()`, SOAP `login()`
 * (no OAuth settings: what the jsforce CLI and most scripts do) and `userInfo` after it.
 */

const INVALID_LOGIN = 'INVALID_LOGIN: Invalid username, password, security token; or user locked out.';

let compat: CompatServer;
afterEach(async () => {
  await compat.close();
});

/** The 18-character org Id: Salesforce access tokens start with the 15-character one. */
function orgIdOfToken(token: string): string {
  const id15 = token.slice(0, 15);
  return id15 + checksumOf(id15);
}

async function usernameOf(conn: Connection, userId: string): Promise<unknown> {
  const result = await conn.query<{ Username: string }>(`SELECT Id, Username FROM User WHERE Id = '${userId}'`);
  expect(result.totalSize).toBe(1);
  return result.records[0]?.Username;
}

describe('jsforce identity() on a token connection', () => {
  beforeEach(async () => {
    compat = await startCompatServer();
  });

  it("names the token's user and org (the User record's Username) and fills conn.userInfo with them", async () => {
    const conn = compat.tokenConnection();
    const orgId = orgIdOfToken(compat.server.accessToken);
    const userId = compat.org.userId;
    const identity = await conn.identity();
    expect(identity).toMatchObject({
      id: `${compat.server.instanceUrl}/id/${orgId}/${userId}`,
      user_id: userId,
      organization_id: orgId,
      username: await usernameOf(conn, userId),
      active: true,
    });
    expect(typeof identity.display_name).toBe('string');
    expect(identity.urls.rest).toBe(`${compat.server.instanceUrl}/services/data/v{version}/`);
    expect(conn.userInfo).toEqual({ id: userId, organizationId: orgId, url: identity.id });
  });

  it("a second user's token gets that user's identity", async () => {
    const conn = new Connection({ instanceUrl: compat.server.instanceUrl, accessToken: await tokenOf('agent'), version: '64.0' });
    const identity = await conn.identity();
    expect(identity.user_id).toBe(compat.org.asUser('agent').userId);
    expect(identity.username).toBe(await usernameOf(conn, identity.user_id));
  });
});

/** A token for a fixture user from the token endpoint's password grant (the demo org checks no password). */
async function tokenOf(user: string): Promise<string> {
  const res = await fetch(`${compat.server.instanceUrl}/services/oauth2/token`, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({ grant_type: 'password', username: user, password: 'any' }).toString(),
  });
  expect(res.status).toBe(200);
  return ((await res.json()) as { access_token: string }).access_token;
}

describe('jsforce SOAP login() with no OAuth settings', () => {
  beforeEach(async () => {
    compat = await startCompatServer();
  });

  it('logs in as the named fixture user: userInfo, instanceUrl and a session that queries as that user', async () => {
    const conn = new Connection({ loginUrl: compat.server.instanceUrl, version: '64.0' });
    const orgId = orgIdOfToken(compat.server.accessToken);
    const agentId = compat.org.asUser('agent').userId;
    const info = await conn.login('agent', 'any password');
    expect(info).toEqual({ id: agentId, organizationId: orgId, url: `${compat.server.instanceUrl}/id/${orgId}/${agentId}` });
    expect(conn.userInfo).toEqual(info);
    expect(conn.instanceUrl).toBe(compat.server.instanceUrl);
    expect(conn.accessToken).toMatch(/^00D\w{12}!/);
    expect(conn.accessToken).not.toBe(compat.server.accessToken);
    // agent may not read ReferencePolicyNumber (fixtures/demo/org.json): the session is agent's.
    await expect(conn.query('SELECT Id FROM InsurancePolicy LIMIT 1')).resolves.toMatchObject({ totalSize: 1 });
    expect(await failureOf(conn.query('SELECT ReferencePolicyNumber FROM InsurancePolicy LIMIT 1'))).toMatchObject({ errorCode: 'INVALID_FIELD' });
  });

  it('identity() after login() reads the URL login named and answers for the logged-in user', async () => {
    const conn = new Connection({ loginUrl: compat.server.instanceUrl, version: '64.0' });
    const info = await conn.login('agent', 'any password');
    const identity = await conn.identity();
    expect(identity).toMatchObject({ id: info.url, user_id: info.id, organization_id: info.organizationId });
    expect(identity.username).toBe(await usernameOf(conn, info.id));
  });

  it("works at jsforce's default version (50.0, /services/Soap/u/50.0), and the session then queries at 50.0", async () => {
    const conn = new Connection({ loginUrl: compat.server.instanceUrl });
    expect(conn.version).toBe('50.0');
    await conn.login('admin', 'any password');
    const result = await conn.query<{ attributes: { type: string; url: string } }>('SELECT Id FROM InsurancePolicy LIMIT 1');
    expect(result.records[0]?.attributes.url).toMatch(/^\/services\/data\/v50\.0\/sobjects\/InsurancePolicy\//);
  });
});

describe('jsforce SOAP login() refusals', () => {
  beforeEach(async () => {
    compat = await startCompatServer({
      users: { admin: { default: true, password: 'right-pass' }, agent: { password: 'agent-pass' } },
      records: { InsurancePolicy: [{ Id: '0YT5w000000Y8MNGA0', Name: 'P-1' }] },
    });
  });

  it('a wrong password, or an unknown user, is refused with INVALID_LOGIN (jsforce throws the faultstring)', async () => {
    for (const [user, password] of [
      ['admin', 'wrong'],
      ['agent', 'right-pass'],
      ['nobody', 'right-pass'],
    ]) {
      const conn = new Connection({ loginUrl: compat.server.instanceUrl, version: '64.0' });
      expect(await failureOf(conn.login(user as string, password as string))).toMatchObject({ message: INVALID_LOGIN });
      expect(conn.accessToken).toBeFalsy();
    }
  });

  it('the right password logs in', async () => {
    const conn = new Connection({ loginUrl: compat.server.instanceUrl, version: '64.0' });
    await expect(conn.login('admin', 'right-pass')).resolves.toMatchObject({ id: compat.org.userId });
    await expect(conn.query('SELECT Id, Name FROM InsurancePolicy')).resolves.toMatchObject({ totalSize: 1 });
  });
});
