import type { FastifyInstance } from 'fastify';
import { MockOrg } from '../../../src/mock-org/mock-org';
import { buildMockRestServer, issueTokenFor, requestCountOf } from '../../../src/mock-org/rest/server';
import { restFixtures, BULK_JOBS, POLICY_ID, FIRST_JOB_ID, postTokenForm } from './rest-fixtures';

const TOKEN = 'startup-token-for-admin';
const V = '/services/data/v64.0';
const SESSION_INVALID = [{ message: 'Session expired or invalid', errorCode: 'INVALID_SESSION_ID' }];
const NOT_FOUND = [{ errorCode: 'NOT_FOUND', message: 'The requested resource does not exist' }];

let org: MockOrg;
let app: FastifyInstance;
const auth = (token = TOKEN) => ({ authorization: `Bearer ${token}` });
const get = (url: string, token = TOKEN) => app.inject({ method: 'GET', url, headers: auth(token) });
const form = (fields: Record<string, string>) => postTokenForm(app, fields);

beforeAll(async () => {
  org = await MockOrg.fromFixtures(restFixtures());
});
beforeEach(async () => {
  app = buildMockRestServer({ org, accessToken: TOKEN });
  await app.ready();
});
afterEach(async () => {
  await app.close();
});

describe('fake REST API: auth', () => {
  it('401 INVALID_SESSION_ID for a wrong or missing bearer token', async () => {
    for (const headers of [auth('wrong'), {}]) {
      const res = await app.inject({ method: 'GET', url: `${V}/sobjects`, headers });
      expect(res.statusCode).toBe(401);
      expect(res.json()).toEqual(SESSION_INVALID);
    }
  });

  it('password grant: username picks the fixture user, whose token sees as that user', async () => {
    const res = await form({ grant_type: 'password', username: 'agent', password: 'x' });
    expect(res.statusCode).toBe(200);
    const body = res.json();
    expect(body).toMatchObject({ token_type: 'Bearer', instance_url: expect.stringMatching(/^http:\/\//), id: expect.stringContaining('/id/00D') });
    expect(typeof body.issued_at).toBe('string');
    expect(typeof body.signature).toBe('string');
    const describe = await get(`${V}/sobjects/AsyncApexJob/describe`, body.access_token);
    expect(describe.statusCode).toBe(404); // agent cannot see AsyncApexJob
    expect((await get(`${V}/sobjects/AsyncApexJob/describe`)).statusCode).toBe(200);
  });

  it('password grant with an unknown username → 400 invalid_grant', async () => {
    const res = await form({ grant_type: 'password', username: 'nobody', password: 'x' });
    expect(res.statusCode).toBe(400);
    expect(res.json()).toEqual({ error: 'invalid_grant', error_description: 'authentication failure' });
  });

  it('refresh_token and client_credentials grants give the default user', async () => {
    const grants: Record<string, string>[] = [{ grant_type: 'refresh_token', refresh_token: 'r' }, { grant_type: 'client_credentials' }];
    for (const fields of grants) {
      const res = await form(fields);
      expect(res.statusCode).toBe(200);
      expect((await get(`${V}/sobjects/AsyncApexJob/describe`, res.json().access_token)).statusCode).toBe(200);
    }
    expect((await form({ grant_type: 'authorization_code', code: 'c' })).statusCode).toBe(400);
  });
});

describe('fake REST API: routes', () => {
  it('GET /services/data lists versions up to 64.0', async () => {
    const res = await app.inject({ method: 'GET', url: '/services/data' });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toEqual(expect.arrayContaining([{ label: "Summer '25", url: '/services/data/v64.0', version: '64.0' }]));
  });

  it('query returns the REST shape', async () => {
    const q = encodeURIComponent(`SELECT Id, Status FROM AsyncApexJob WHERE Id = '${FIRST_JOB_ID}'`);
    const res = await get(`${V}/query?q=${q}`);
    expect(res.statusCode).toBe(200);
    expect(res.json()).toEqual({
      totalSize: 1,
      done: true,
      records: [{ attributes: { type: 'AsyncApexJob', url: `${V}/sobjects/AsyncApexJob/${FIRST_JOB_ID}` }, Id: FIRST_JOB_ID, Status: 'Completed' }],
    });
  });

  it('pages over 2,000 rows with nextRecordsUrl and /query/<locator>', async () => {
    const first = (await get(`${V}/query?q=${encodeURIComponent('SELECT Id FROM AsyncApexJob')}`)).json();
    expect(first).toMatchObject({ totalSize: BULK_JOBS, done: false });
    expect(first.records).toHaveLength(2000);
    expect(first.nextRecordsUrl).toMatch(/^\/services\/data\/v64\.0\/query\/[A-Za-z0-9_-]+-2000$/);
    const second = (await get(first.nextRecordsUrl)).json();
    expect(second).toMatchObject({ totalSize: BULK_JOBS, done: false });
    expect(second.records).toHaveLength(2000);
    expect(second.nextRecordsUrl).toMatch(/-4000$/);
    const third = (await get(second.nextRecordsUrl)).json();
    expect(third).toMatchObject({ totalSize: BULK_JOBS, done: true });
    expect(third.records).toHaveLength(500);
    expect(third.nextRecordsUrl).toBeUndefined();
    const ids = new Set([...first.records, ...second.records, ...third.records].map((r: { Id: string }) => r.Id));
    expect(ids.size).toBe(BULK_JOBS);
  });

  it('a locator belongs to the user who opened it, and bad locators are INVALID_QUERY_LOCATOR', async () => {
    const first = (await get(`${V}/query?q=${encodeURIComponent('SELECT Id FROM AsyncApexJob')}`)).json();
    const other = issueTokenFor(app, 'agent');
    const res = await get(first.nextRecordsUrl, other);
    expect(res.statusCode).toBe(400);
    expect(res.json()[0].errorCode).toBe('INVALID_QUERY_LOCATOR');
    expect((await get(`${V}/query/0r8nothing-2000`)).json()[0].errorCode).toBe('INVALID_QUERY_LOCATOR');
  });

  it('query errors keep the mock org status and errorCode', async () => {
    const res = await get(`${V}/query?q=${encodeURIComponent('SELECT Bogus FROM AsyncApexJob')}`);
    expect(res.statusCode).toBe(400);
    expect(res.json()[0].errorCode).toBe('INVALID_FIELD');
    const hidden = await get(`${V}/query?q=${encodeURIComponent('SELECT ReferencePolicyNumber FROM InsurancePolicy')}`, issueTokenFor(app, 'agent'));
    expect(hidden.statusCode).toBe(400);
    expect(hidden.json()[0].errorCode).toBe('INVALID_FIELD');
    expect((await get(`${V}/query`)).json()[0].errorCode).toBe('MALFORMED_QUERY');
  });

  it('accepts a query URL of nearly 16,384 bytes and refuses a longer one', async () => {
    const ids = Array.from({ length: 580 }, () => `'${FIRST_JOB_ID}'`).join(',');
    const q = encodeURIComponent(`SELECT Id FROM AsyncApexJob WHERE Id IN (${ids})`).replace(/'/g, '%27');
    const url = `${V}/query?q=${q}`;
    expect(Buffer.byteLength(url)).toBeGreaterThan(15_000);
    expect(Buffer.byteLength(url)).toBeLessThan(16_384);
    const ok = await get(url);
    expect(ok.statusCode).toBe(200);
    expect(ok.json().totalSize).toBe(1);
    expect((await get(`${url}${'%20'.repeat(500)}`)).statusCode).toBe(414);
  });

  it('describeGlobal lists objects the user may see', async () => {
    const admin = (await get(`${V}/sobjects`)).json();
    const names = admin.sobjects.map((s: { name: string }) => s.name);
    expect(names).toEqual(expect.arrayContaining(['AsyncApexJob', 'InsurancePolicy']));
    const agent = (await get(`${V}/sobjects`, issueTokenFor(app, 'agent'))).json();
    expect(agent.sobjects.map((s: { name: string }) => s.name)).not.toContain('AsyncApexJob');
  });

  it('describe leaves out the fields a user may not see', async () => {
    const fieldsOf = async (token: string) =>
      ((await get(`${V}/sobjects/InsurancePolicy/describe`, token)).json().fields as { name: string }[]).map((f) => f.name);
    expect(await fieldsOf(TOKEN)).toContain('ReferencePolicyNumber');
    const agentFields = await fieldsOf(issueTokenFor(app, 'agent'));
    expect(agentFields).toContain('Name');
    expect(agentFields).not.toContain('ReferencePolicyNumber');
  });

  it('retrieve by Id, and 404 for an unknown record or object', async () => {
    const res = await get(`${V}/sobjects/InsurancePolicy/${POLICY_ID}`);
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({ Id: POLICY_ID, ReferencePolicyNumber: "REF-O'1", attributes: { type: 'InsurancePolicy' } });
    expect((await get(`${V}/sobjects/InsurancePolicy/${FIRST_JOB_ID}`)).statusCode).toBe(404);
    expect((await get(`${V}/sobjects/NoSuchThing/describe`)).json()).toEqual(NOT_FOUND);
  });

  it('unknown routes and versions → 404 NOT_FOUND in the array shape', async () => {
    for (const url of ['/nope', `${V}/nope/x/y/z`, '/services/data/v99.0/sobjects']) {
      const res = await get(url);
      expect(res.statusCode).toBe(404);
      expect(res.json()).toEqual(NOT_FOUND);
    }
  });

  it('/limits: Remaining drops by one per REST request other than /limits', async () => {
    const limits = async () => (await get(`${V}/limits`)).json().DailyApiRequests as { Max: number; Remaining: number };
    const before = await limits();
    expect(before.Max).toBeGreaterThan(0);
    expect(before.Remaining).toBe(before.Max);
    await get(`${V}/sobjects/AsyncApexJob/describe`);
    await get(`${V}/query?q=${encodeURIComponent('SELECT Id FROM InsurancePolicy')}`);
    expect(await limits()).toEqual({ Max: before.Max, Remaining: before.Max - 2 });
    await get(`${V}/sobjects`, 'wrong-token'); // refused before it counts
    expect((await limits()).Remaining).toBe(before.Max - 2);
    expect(requestCountOf(app)).toBe(2);
  });
});
