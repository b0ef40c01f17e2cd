import { MockOrg } from '../../../src/mock-org/mock-org';
import { startMockRestServer, type MockRestServer } from '../../../src/mock-org/rest/server';
import { connectOrg, connectOptionsFromEnv } from '../../../src/orgs/jsforce/connect';
import { OrgError } from '../../../src/core/org';
import { createCoalescingOrg } from '../../../src/orgs/coalescing/coalescing-org';
import { IpemuError } from '../../../src/core/errors';
import { restFixtures, BULK_JOBS, POLICY_ID } from '../../mock-org/rest/rest-fixtures';

let server: MockRestServer;

beforeAll(async () => {
  const org = await MockOrg.fromFixtures(restFixtures());
  server = await startMockRestServer({ org });
});
afterAll(async () => {
  await server.close();
});

const connect = (extra = {}) => connectOrg({ instanceUrl: server.instanceUrl, accessToken: server.accessToken, maxRetries: 0, ...extra });

describe('JsforceOrg against the fake REST API over loopback', () => {
  it('queries with binds rendered as escaped literals', async () => {
    const org = await connect();
    const result = await org.query('SELECT Id, ReferencePolicyNumber FROM InsurancePolicy WHERE ReferencePolicyNumber = :ref', { ref: "REF-O'1" });
    expect(result.totalSize).toBe(1);
    expect(result.records[0]).toMatchObject({ Id: POLICY_ID, attributes: { type: 'InsurancePolicy' } });
    const none = await org.query('SELECT Id FROM InsurancePolicy WHERE Id IN :ids', { ids: [] });
    expect(none.totalSize).toBe(0);
  });

  it('reads every page with autoFetch: 4,500 rows in 3 requests', async () => {
    const org = await connect();
    const before = server.requestCount();
    const result = await org.query('SELECT Id FROM AsyncApexJob');
    expect(result).toMatchObject({ totalSize: BULK_JOBS, done: true });
    expect(result.records).toHaveLength(BULK_JOBS);
    expect(new Set(result.records.map((r) => r.Id)).size).toBe(BULK_JOBS);
    expect(server.requestCount() - before).toBe(3);
  });

  it('describes once per call itself; the one describe cache above it (coalescing) shares in-flight describes per connection', async () => {
    const org = await connect();
    let before = server.requestCount();
    await org.describe('AsyncApexJob');
    await org.describe('AsyncApexJob');
    expect(server.requestCount() - before).toBe(2);
    const cached = createCoalescingOrg(org);
    before = server.requestCount();
    const all = await Promise.all(Array.from({ length: 5 }, () => cached.describe('AsyncApexJob')));
    expect(all[0]!.name).toBe('AsyncApexJob');
    expect(server.requestCount() - before).toBe(1);
    await cached.describe('AsyncApexJob');
    expect(server.requestCount() - before).toBe(1);
    await createCoalescingOrg(await connect()).describe('AsyncApexJob'); // another connection has its own cache
    expect(server.requestCount() - before).toBe(2);
  });

  it('answers a describe of an unknown object NOT_FOUND (404), asking the org on every call', async () => {
    const org = await connect();
    const before = server.requestCount();
    for (let i = 0; i < 2; i++) {
      await expect(org.describe('NoSuchThing')).rejects.toMatchObject({ errorCode: 'NOT_FOUND', status: 404 });
    }
    expect(server.requestCount() - before).toBe(2);
  });

  it('maps REST errors to OrgError with errorCode and status', async () => {
    const org = await connect();
    const err = await org.query('SELECT Bogus FROM AsyncApexJob').catch((e: unknown) => e);
    expect(err).toBeInstanceOf(OrgError);
    expect(err).toMatchObject({ errorCode: 'INVALID_FIELD', status: 400 });
    const bad = await connect({ accessToken: 'not-a-valid-token' });
    await expect(bad.query('SELECT Id FROM AsyncApexJob')).rejects.toMatchObject({ errorCode: 'INVALID_SESSION_ID', status: 401 });
  });

  it('sends the API version: 64.0 by default, and an unknown version is refused by the server', async () => {
    const org = await connect();
    expect(org.apiVersion).toBe('64.0');
    const old = await connect({ apiVersion: '63.0' });
    await expect(old.query('SELECT Id FROM InsurancePolicy')).resolves.toMatchObject({ totalSize: 1 });
    const future = await connect({ apiVersion: '99.0' });
    await expect(future.query('SELECT Id FROM InsurancePolicy')).rejects.toMatchObject({ errorCode: 'NOT_FOUND' });
    await expect(connect({ apiVersion: 'latest' })).rejects.toBeInstanceOf(IpemuError);
  });

  it('stops waiting when the signal aborts', async () => {
    const org = await connect();
    const controller = new AbortController();
    controller.abort();
    await expect(org.query('SELECT Id FROM AsyncApexJob', {}, { signal: controller.signal })).rejects.toMatchObject({ name: 'AbortError' });
  });

  it('connection refused → OrgError UNREACHABLE', async () => {
    const other = await startMockRestServer({ org: await MockOrg.fromFixtures(restFixtures()) });
    const { instanceUrl, accessToken } = other;
    await other.close();
    const org = await connectOrg({ instanceUrl, accessToken, maxRetries: 0 });
    await expect(org.query('SELECT Id FROM AsyncApexJob')).rejects.toMatchObject({ errorCode: 'UNREACHABLE' });
  });

  it('cacheKey names the instance and the user, never the token', async () => {
    const org = await connect();
    expect(org.cacheKey).toContain(server.instanceUrl);
    expect(org.cacheKey).not.toContain(server.accessToken);
    // With only a token, the user is known by a hash of it; a username names it.
    expect(org.cacheKey).toMatch(new RegExp(`^jsforce:${server.instanceUrl.replace(/[.]/g, '\\.')}#token:[0-9a-f]{16}$`));
    expect((await connect()).cacheKey).toBe(org.cacheKey);
    expect((await connect({ username: 'ops@example.com' })).cacheKey).toBe(`jsforce:${server.instanceUrl}#ops@example.com`);
  });
});

describe('connectOrg auth modes against the fake token endpoint', () => {
  it('username-password: the username picks the fixture user', async () => {
    const org = await connectOrg({ loginUrl: server.instanceUrl, username: 'agent', password: 'pw' });
    const describe = await org.describe('InsurancePolicy');
    expect(describe.fields.map((f) => f.name)).not.toContain('ReferencePolicyNumber');
    const admin = await connectOrg({ loginUrl: server.instanceUrl, username: 'admin', password: 'pw' });
    expect(admin.cacheKey).not.toBe(org.cacheKey);
  });

  it('a rejected username is ORG_ERROR naming invalid_grant, without the password', async () => {
    const err = await connectOrg({ loginUrl: server.instanceUrl, username: 'nobody', password: 'sup3r-secret' }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(IpemuError);
    expect(err).toMatchObject({ code: 'ORG_ERROR', details: { errorCode: 'invalid_grant' } });
    expect(JSON.stringify({ m: (err as Error).message, d: (err as IpemuError).details })).not.toContain('sup3r-secret');
  });

  it('refresh token with a client id', async () => {
    const org = await connectOrg({ loginUrl: server.instanceUrl, refreshToken: 'refresh-me', clientId: 'cid' });
    await expect(org.query('SELECT Id FROM InsurancePolicy')).resolves.toMatchObject({ totalSize: 1 });
    await expect(connectOrg({ refreshToken: 'refresh-me' })).rejects.toMatchObject({ code: 'INVALID_INPUT' });
  });

  it('missing or incomplete credentials are INVALID_INPUT', async () => {
    await expect(connectOrg({})).rejects.toMatchObject({ code: 'INVALID_INPUT' });
    await expect(connectOrg({ accessToken: 'x' })).rejects.toMatchObject({ code: 'INVALID_INPUT' });
    await expect(connectOrg({ instanceUrl: 'ftp://x', accessToken: 'x' })).rejects.toMatchObject({ code: 'INVALID_INPUT' });
  });
});

describe('connectOptionsFromEnv', () => {
  it('reads each credential set and returns undefined when none is set', () => {
    expect(connectOptionsFromEnv({})).toBeUndefined();
    expect(connectOptionsFromEnv({ SF_INSTANCE_URL: 'https://x' })).toBeUndefined();
    expect(connectOptionsFromEnv({ SF_INSTANCE_URL: 'https://x', SF_ACCESS_TOKEN: 't' })).toEqual({ instanceUrl: 'https://x', accessToken: 't' });
    expect(connectOptionsFromEnv({ SF_LOGIN_URL: 'https://l', SF_USERNAME: 'u', SF_PASSWORD: 'p', SF_CLIENT_ID: 'c', SF_CLIENT_SECRET: 's' })).toEqual({
      loginUrl: 'https://l',
      username: 'u',
      password: 'p',
      clientId: 'c',
      clientSecret: 's',
    });
    expect(connectOptionsFromEnv({ SF_REFRESH_TOKEN: 'r', SF_CLIENT_ID: 'c' })).toEqual({ refreshToken: 'r', clientId: 'c' });
  });
});
