import type { FastifyInstance } from 'fastify';
import { request as httpRequest } from 'node:http';
import { MockOrg } from '../../../src/mock-org/mock-org';
import { buildMockRestServer, startMockRestServer } from '../../../src/mock-org/rest/server';
import { MAX_TOKENS } from '../../../src/mock-org/rest/oauth';
import { permissiveNotice } from '../../../src/mock-org/rest/token-grants';
import { validateFixtures } from '../../../src/mock-org/fixtures/load';
import { formatProblem } from '../../../src/mock-org/fixtures/problems';
import type { FixtureDocument } from '../../../src/mock-org/fixtures/types';
import { postTokenForm, restFixtures } from './rest-fixtures';

/** Item 9 of issue 12: the fake token endpoint checks the credentials a fixture sets, and never forgets its start-up token. */

const TOKEN = 'startup-token-for-admin';
const V = '/services/data/v64.0';
const APP = { clientId: 'mock-client-id', clientSecret: 'mock-client-secret' };

function checkedFixtures(): FixtureDocument {
  const base = restFixtures();
  return {
    ...base,
    users: {
      admin: { default: true, password: 'admin-pass', refreshToken: 'admin-refresh' },
      agent: { hiddenObjects: ['AsyncApexJob'], refreshToken: 'agent-refresh' },
    },
    connectedApp: APP,
  };
}

let app: FastifyInstance;
const form = (fields: Record<string, string>) => postTokenForm(app, fields);
const canDescribeJobs = async (token: string) =>
  (await app.inject({ method: 'GET', url: `${V}/sobjects/AsyncApexJob/describe`, headers: { authorization: `Bearer ${token}` } })).statusCode;

afterEach(async () => {
  await app?.close();
});

describe('credentials set in the fixture are checked', () => {
  const client = { client_id: APP.clientId, client_secret: APP.clientSecret };
  beforeEach(async () => {
    app = buildMockRestServer({ org: MockOrg.fromFixturesSync(checkedFixtures()), accessToken: TOKEN });
    await app.ready();
  });

  it('password grant: the right password logs in; a wrong one, none, or a user without a password is 400 invalid_grant "authentication failure"', async () => {
    const ok = await form({ grant_type: 'password', username: 'admin', password: 'admin-pass', ...client });
    expect(ok.statusCode).toBe(200);
    expect(await canDescribeJobs(ok.json().access_token)).toBe(200);
    const attempts: Record<string, string>[] = [
      { username: 'admin', password: 'wrong' },
      { username: 'admin', password: 'admin-pass ' },
      { username: 'admin' },
      { username: 'agent', password: 'anything' },
    ];
    for (const fields of attempts) {
      const res = await form({ grant_type: 'password', ...fields, ...client });
      expect({ status: res.statusCode, body: res.json() }).toEqual({
        status: 400,
        body: { error: 'invalid_grant', error_description: 'authentication failure' },
      });
    }
  });

  it('a wrong client secret is 400 invalid_client "invalid client credentials"; a wrong or missing client id is invalid_client_id', async () => {
    const wrongSecret = await form({ grant_type: 'password', username: 'admin', password: 'admin-pass', client_id: APP.clientId, client_secret: 'nope' });
    expect({ status: wrongSecret.statusCode, body: wrongSecret.json() }).toEqual({
      status: 400,
      body: { error: 'invalid_client', error_description: 'invalid client credentials' },
    });
    const noSecret = await form({ grant_type: 'client_credentials', client_id: APP.clientId });
    expect(noSecret.json()).toEqual({ error: 'invalid_client', error_description: 'invalid client credentials' });
    const wrongIds: Record<string, string>[] = [{ client_id: 'other', client_secret: APP.clientSecret }, { client_secret: APP.clientSecret }];
    for (const fields of wrongIds) {
      const res = await form({ grant_type: 'password', username: 'admin', password: 'admin-pass', ...fields });
      expect({ status: res.statusCode, body: res.json() }).toEqual({
        status: 400,
        body: { error: 'invalid_client_id', error_description: 'client identifier invalid' },
      });
    }
    expect((await form({ grant_type: 'client_credentials', ...client })).statusCode).toBe(200);
  });

  it('refresh_token grant: each configured token logs in as its own user; any other is invalid_grant "expired access/refresh token"', async () => {
    const agent = await form({ grant_type: 'refresh_token', refresh_token: 'agent-refresh', client_id: APP.clientId });
    expect(agent.statusCode).toBe(200);
    expect(await canDescribeJobs(agent.json().access_token)).toBe(404); // agent may not see AsyncApexJob
    const admin = await form({ grant_type: 'refresh_token', refresh_token: 'admin-refresh', ...client });
    expect(await canDescribeJobs(admin.json().access_token)).toBe(200);
    for (const refresh_token of ['r', 'admin-refresh-', '']) {
      const res = await form({ grant_type: 'refresh_token', refresh_token, ...client });
      expect({ status: res.statusCode, body: res.json() }).toEqual({
        status: 400,
        body: { error: 'invalid_grant', error_description: 'expired access/refresh token' },
      });
    }
  });

  it('with every credential set there is nothing to warn about', () => {
    expect(permissiveNotice(MockOrg.fromFixturesSync(checkedFixtures()).restSettings)).toBeUndefined();
  });
});

describe('without credentials in the fixture the endpoint stays permissive, and says so', () => {
  beforeEach(async () => {
    app = buildMockRestServer({ org: MockOrg.fromFixturesSync(restFixtures()), accessToken: TOKEN });
    await app.ready();
  });

  it('any password, refresh token and client secret is accepted', async () => {
    const grants: Record<string, string>[] = [
      { grant_type: 'password', username: 'agent', password: 'x', client_id: 'a', client_secret: 'b' },
      { grant_type: 'refresh_token', refresh_token: 'r' },
      { grant_type: 'client_credentials', client_id: 'a', client_secret: 'b' },
    ];
    for (const fields of grants) {
      expect((await form(fields)).statusCode).toBe(200);
    }
  });

  it('permissiveNotice names what is unchecked and which fixture keys check it', () => {
    const notice = permissiveNotice(MockOrg.fromFixturesSync(restFixtures()).restSettings);
    expect(notice).toContain('accepts any password, any refresh token, any client id and secret');
    expect(notice).toContain('users.<name>.password');
    expect(notice).toContain('connectedApp.clientId/clientSecret');
    const passwordsOnly = { ...restFixtures(), users: { admin: { password: 'p' } } };
    expect(permissiveNotice(MockOrg.fromFixturesSync(passwordsOnly).restSettings)).not.toContain('any password');
  });
});

describe('credentials in the fixture schema', () => {
  it('refuses an empty password or refresh token, a connectedApp without its secret, and unknown keys, naming each place', () => {
    const problems = validateFixtures({
      users: { admin: { password: '', refreshToken: 7 } },
      connectedApp: { clientId: 'id' },
      limits: { DailyApiRequests: -1, Other: 1 },
    } as never).map(formatProblem);
    expect(problems).toEqual(
      expect.arrayContaining([
        'users.admin: field password: must be a non-empty string',
        'users.admin: field refreshToken: must be a non-empty string',
        expect.stringMatching(/^connectedApp: .*clientSecret/),
        expect.stringMatching(/^limits\.DailyApiRequests: must be >= 0/),
        expect.stringMatching(/^limits: .*additional properties/),
      ]),
    );
  });
});

describe('the start-up token and issued tokens', () => {
  it(`the start-up token still works after ${MAX_TOKENS + 1} token requests, and issued tokens stay bounded`, async () => {
    app = buildMockRestServer({ org: MockOrg.fromFixturesSync(restFixtures()), accessToken: TOKEN });
    await app.ready();
    const first = (await form({ grant_type: 'client_credentials' })).json().access_token as string;
    for (let i = 0; i < MAX_TOKENS; i++) await form({ grant_type: 'client_credentials' });
    expect(await canDescribeJobs(TOKEN)).toBe(200);
    expect(await canDescribeJobs(first)).toBe(401); // the oldest issued one went: memory stays bounded
  }, 60_000);
});

describe('instance_url', () => {
  it('is the server’s own listening URL, whatever Host header the client sends', async () => {
    const server = await startMockRestServer({ org: MockOrg.fromFixturesSync(restFixtures()) });
    try {
      const url = new URL(server.instanceUrl);
      const body = await new Promise<{ instance_url: string; id: string }>((resolve, reject) => {
        const req = httpRequest(
          {
            host: url.hostname,
            port: url.port,
            method: 'POST',
            path: '/services/oauth2/token',
            headers: { host: 'evil.example:666', 'content-type': 'application/x-www-form-urlencoded' },
          },
          (res) => {
            let text = '';
            res.setEncoding('utf8').on('data', (d: string) => (text += d));
            res.on('end', () => resolve(JSON.parse(text) as { instance_url: string; id: string }));
          },
        );
        req.on('error', reject);
        req.end('grant_type=client_credentials');
      });
      expect(body.instance_url).toBe(server.instanceUrl);
      expect(body.id.startsWith(`${server.instanceUrl}/id/`)).toBe(true);
    } finally {
      await server.close();
    }
  });
});
