import { Connection } from 'jsforce';
import { MockOrg } from '../../../src/mock-org/mock-org';
import { startMockRestServer, type MockRestServer } from '../../../src/mock-org/rest/server';
import { MOCK_ORG_ID, mockUserId } from '../../../src/mock-org/schema/users';
import type { FixtureDocument } from '../../../src/mock-org/fixtures/types';

/* Issue 15 "Identity": userinfo, the identity URL the token reply names, and the records behind them, driven with jsforce 3.10.16. */

const ADMIN = mockUserId(0);
const AGENT = mockUserId(1);

function fixtures(): FixtureDocument {
  return {
    users: { admin: { default: true, password: 'admin-pass' }, agent: { password: 'agent-pass', hiddenObjects: ['User'] } },
    records: {
      User: [{ Id: AGENT, FirstName: 'Ada', LastName: 'Agent', Name: 'Ada Agent', Email: 'ada@corp.example', TimeZoneSidKey: 'Europe/Paris' }],
    },
  };
}

let server: MockRestServer;

beforeEach(async () => {
  server = await startMockRestServer({ org: MockOrg.fromFixturesSync(fixtures()) });
});
afterEach(async () => {
  await server.close();
});

/** A jsforce connection logged in through the OAuth password flow (the token reply's `id` becomes conn.userInfo.url). */
async function loggedIn(user: string, password: string): Promise<Connection> {
  const conn = new Connection({ oauth2: { loginUrl: server.instanceUrl, clientId: 'any', clientSecret: 'any' }, version: '64.0' });
  await conn.login(user, password);
  return conn;
}

const get = (path: string, headers: Record<string, string> = {}) => fetch(`${server.instanceUrl}${path}`, { headers });

describe('the token reply names a real User record', () => {
  it('its id is <instance>/id/<org>/<user>, and that user is a row of SELECT Id, Username FROM User', async () => {
    const conn = await loggedIn('admin', 'admin-pass');
    expect(conn.userInfo).toEqual({ id: ADMIN, organizationId: MOCK_ORG_ID, url: `${server.instanceUrl}/id/${MOCK_ORG_ID}/${ADMIN}` });
    const users = await conn.query<{ Id: string; Username: string }>('SELECT Id, Username FROM User ORDER BY Username');
    expect(users.records.map((r) => [r.Id, r.Username])).toEqual([
      [ADMIN, 'admin'],
      [AGENT, 'agent'],
    ]);
    const org = await conn.query<{ IsSandbox: boolean }>('SELECT IsSandbox FROM Organization');
    expect(org.records.map((r) => r.IsSandbox)).toEqual([false]);
  });
});

describe('jsforce identity()', () => {
  it("answers the identity URL's shape for the logged-in user: ids, names, urls with {version}, active, user_type", async () => {
    const conn = await loggedIn('agent', 'agent-pass');
    const identity: Record<string, unknown> & Awaited<ReturnType<Connection['identity']>> = await conn.identity();
    const base = server.instanceUrl;
    expect(identity).toMatchObject({
      id: `${base}/id/${MOCK_ORG_ID}/${AGENT}`,
      asserted_user: true,
      user_id: AGENT,
      organization_id: MOCK_ORG_ID,
      username: 'agent',
      nick_name: 'agent',
      display_name: 'Ada Agent',
      email: 'ada@corp.example',
      first_name: 'Ada',
      last_name: 'Agent',
      timezone: 'Europe/Paris',
      active: true,
      user_type: 'STANDARD',
      language: 'en_US',
      locale: 'en_US',
      is_app_installed: true,
    });
    expect(identity.urls).toMatchObject({
      enterprise: `${base}/services/Soap/c/{version}/${MOCK_ORG_ID}`,
      partner: `${base}/services/Soap/u/{version}/${MOCK_ORG_ID}`,
      rest: `${base}/services/data/v{version}/`,
      sobjects: `${base}/services/data/v{version}/sobjects/`,
      query: `${base}/services/data/v{version}/query/`,
      profile: `${base}/${AGENT}`,
    });
    // Europe/Paris is one or two hours ahead of UTC, depending on the date.
    expect([3_600_000, 7_200_000]).toContain(identity.utcOffset);
    expect(typeof identity.last_modified_date).toBe('string');
  });

  it("on a connection made from a token alone: the version root's identity names the token's user, and identity() follows it", async () => {
    const conn = new Connection({ instanceUrl: server.instanceUrl, accessToken: server.accessToken, version: '64.0' });
    const root = await conn.request<{ identity: string }>('/services/data/v64.0');
    expect(root.identity).toBe(`${server.instanceUrl}/id/${MOCK_ORG_ID}/${ADMIN}`);
    expect(await conn.identity()).toMatchObject({ user_id: ADMIN, username: 'admin', asserted_user: true });
    expect(conn.userInfo).toEqual({ id: ADMIN, organizationId: MOCK_ORG_ID, url: `${server.instanceUrl}/id/${MOCK_ORG_ID}/${ADMIN}` });
    const agent = await loggedIn('agent', 'agent-pass');
    const agentRoot = await new Connection({ instanceUrl: server.instanceUrl, accessToken: agent.accessToken!, version: '64.0' }).request<{ identity: string }>(
      '/services/data/v64.0',
    );
    expect(agentRoot.identity).toBe(`${server.instanceUrl}/id/${MOCK_ORG_ID}/${AGENT}`);
  });

  it('FLS on User does not hide the identity service (the agent cannot query User but reads its own identity)', async () => {
    const conn = await loggedIn('agent', 'agent-pass');
    await expect(conn.query('SELECT Id FROM User')).rejects.toMatchObject({ errorCode: 'INVALID_TYPE' });
    expect((await conn.identity()).user_id).toBe(AGENT);
  });
});

describe('GET /id/<org>/<user>', () => {
  it('takes the token as a Bearer header or as oauth_token; ?version= fills {version} (a number or latest)', async () => {
    const path = `/id/${MOCK_ORG_ID}/${ADMIN}`;
    const byHeader = await get(path, { authorization: `Bearer ${server.accessToken}` });
    expect(byHeader.status).toBe(200);
    const byParam = await get(`${path}?format=json&oauth_token=${encodeURIComponent(server.accessToken)}&version=62.0`);
    expect(((await byParam.json()) as { urls: Record<string, string> }).urls.rest).toBe(`${server.instanceUrl}/services/data/v62.0/`);
    const latest = await get(`${path}?version=latest`, { authorization: `Bearer ${server.accessToken}` });
    expect(((await latest.json()) as { urls: Record<string, string> }).urls.partner).toBe(`${server.instanceUrl}/services/Soap/u/64.0/${MOCK_ORG_ID}`);
  });

  it('(ipemu) another user of the same org is answered with asserted_user false; a 15-character Id names the same user', async () => {
    const res = await get(`/id/${MOCK_ORG_ID.slice(0, 15)}/${AGENT.slice(0, 15)}`, { authorization: `Bearer ${server.accessToken}` });
    expect(res.status).toBe(200);
    expect(await res.json()).toMatchObject({ user_id: AGENT, username: 'agent', asserted_user: false });
  });

  it('(ipemu) another org, an Id of no user, or no Id at all is 403 Bad_Id in plain text', async () => {
    const auth = { authorization: `Bearer ${server.accessToken}` };
    for (const path of [
      `/id/00D5w0000000002EAA/${ADMIN}`,
      `/id/${MOCK_ORG_ID}/0055w0000000099AAA`,
      `/id/${MOCK_ORG_ID}/7075j00004uK6GjAAK`,
      `/id/${MOCK_ORG_ID}/nope`,
    ]) {
      const res = await get(path, auth);
      expect({ path, status: res.status, body: await res.text(), type: res.headers.get('content-type') }).toEqual({
        path,
        status: 403,
        body: 'Bad_Id',
        type: 'text/plain; charset=utf-8',
      });
    }
  });
});

describe('GET /services/oauth2/userinfo', () => {
  it("answers the OpenID shape for the token's user", async () => {
    const res = await get('/services/oauth2/userinfo', { authorization: `Bearer ${server.accessToken}` });
    expect(res.status).toBe(200);
    const body = (await res.json()) as Record<string, unknown>;
    const base = server.instanceUrl;
    expect(body).toMatchObject({
      sub: `${base}/id/${MOCK_ORG_ID}/${ADMIN}`,
      user_id: ADMIN,
      organization_id: MOCK_ORG_ID,
      preferred_username: 'admin',
      nickname: 'admin',
      name: 'admin',
      email: 'admin@example.com',
      email_verified: true,
      given_name: null,
      family_name: 'admin',
      zoneinfo: 'GMT',
      profile: `${base}/${ADMIN}`,
      active: true,
      user_type: 'STANDARD',
      language: 'en_US',
      locale: 'en_US',
      utcOffset: 0,
      is_app_installed: true,
    });
    expect(body.updated_at).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$/);
    expect((body.urls as Record<string, string>).rest).toBe(`${base}/services/data/v{version}/`);
  });

  it('jsforce reaches it with its own token (conn.request), also by POST', async () => {
    const conn = await loggedIn('agent', 'agent-pass');
    expect(await conn.request<{ user_id: string }>('/services/oauth2/userinfo')).toMatchObject({ user_id: AGENT, preferred_username: 'agent' });
    expect(await conn.request<{ user_id: string }>({ method: 'POST', url: '/services/oauth2/userinfo', body: '' })).toMatchObject({ user_id: AGENT });
  });

  it('no token is 403 Missing_OAuth_Token (ipemu), an unknown token 403 Bad_OAuth_Token, both plain text, on both identity routes', async () => {
    for (const path of ['/services/oauth2/userinfo', `/id/${MOCK_ORG_ID}/${ADMIN}`]) {
      const none = await get(path);
      expect([none.status, await none.text()]).toEqual([403, 'Missing_OAuth_Token']);
      const bad = await get(path, { authorization: 'Bearer 00D5w0000000001!nope' });
      expect([bad.status, await bad.text()]).toEqual([403, 'Bad_OAuth_Token']);
      const badParam = await get(`${path}?oauth_token=nope`);
      expect([badParam.status, await badParam.text()]).toEqual([403, 'Bad_OAuth_Token']);
    }
  });

  it('(ipemu) identity requests are not counted against DailyApiRequests', async () => {
    const before = server.requestCount();
    await get('/services/oauth2/userinfo', { authorization: `Bearer ${server.accessToken}` });
    await get(`/id/${MOCK_ORG_ID}/${ADMIN}`, { authorization: `Bearer ${server.accessToken}` });
    expect(server.requestCount()).toBe(before);
  });
});
