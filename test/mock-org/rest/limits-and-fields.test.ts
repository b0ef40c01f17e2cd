import type { FastifyInstance } from 'fastify';
import { MockOrg } from '../../../src/mock-org/mock-org';
import { buildMockRestServer, DEFAULT_DAILY_API_REQUESTS, issueTokenFor, startMockRestServer } from '../../../src/mock-org/rest/server';
import { connectOrg } from '../../../src/orgs/jsforce/connect';
import { restFixtures, POLICY_ID, FIRST_JOB_ID } from './rest-fixtures';

/** Item 13 of issue 12, REST parts: the daily API limit is enforced, and `?fields=` on a record is honoured. */

const TOKEN = 'startup-token-for-admin';
const V = '/services/data/v64.0';
const LIMIT_EXCEEDED = [{ message: 'TotalRequests Limit exceeded.', errorCode: 'REQUEST_LIMIT_EXCEEDED' }];

let app: FastifyInstance;
const get = (url: string, token = TOKEN) => app.inject({ method: 'GET', url, headers: { authorization: `Bearer ${token}` } });
afterEach(async () => {
  await app?.close();
});

describe('DailyApiRequests', () => {
  it('once Remaining reaches 0 every counted request is 403 REQUEST_LIMIT_EXCEEDED; /limits still answers, with Remaining 0', async () => {
    app = buildMockRestServer({ org: MockOrg.fromFixturesSync({ ...restFixtures(), limits: { DailyApiRequests: 3 } }), accessToken: TOKEN });
    for (let i = 0; i < 3; i++) expect((await get(`${V}/sobjects`)).statusCode).toBe(200);
    for (const url of [`${V}/sobjects`, `${V}/query?q=SELECT+Id+FROM+InsurancePolicy`, `${V}/sobjects/InsurancePolicy/${POLICY_ID}`]) {
      const res = await get(url);
      expect({ status: res.statusCode, body: res.json() }).toEqual({ status: 403, body: LIMIT_EXCEEDED });
    }
    const limits = await get(`${V}/limits`);
    expect(limits.json()).toEqual({
      DailyApiRequests: { Max: 3, Remaining: 0 },
      DailyBulkV2QueryJobs: { Max: 10_000, Remaining: 10_000 },
      DailyBulkV2QueryFileStorageMB: { Max: 976_562, Remaining: 976_562 },
    });
    expect((await get(`${V}/sobjects`, 'wrong')).statusCode).toBe(401); // the token is still checked first
  });

  it('defaults to 15,000; the server option overrides the fixture', async () => {
    app = buildMockRestServer({ org: MockOrg.fromFixturesSync(restFixtures()), accessToken: TOKEN });
    expect((await get(`${V}/limits`)).json().DailyApiRequests.Max).toBe(DEFAULT_DAILY_API_REQUESTS);
    await app.close();
    app = buildMockRestServer({
      org: MockOrg.fromFixturesSync({ ...restFixtures(), limits: { DailyApiRequests: 3 } }),
      accessToken: TOKEN,
      dailyApiRequests: 7,
    });
    expect((await get(`${V}/limits`)).json().DailyApiRequests.Max).toBe(7);
  });

  it('jsforce over loopback gets REQUEST_LIMIT_EXCEEDED once the limit is spent', async () => {
    const server = await startMockRestServer({ org: MockOrg.fromFixturesSync({ ...restFixtures(), limits: { DailyApiRequests: 1 } }) });
    try {
      const org = await connectOrg({ instanceUrl: server.instanceUrl, accessToken: server.accessToken, maxRetries: 0 });
      await expect(org.query('SELECT Id FROM InsurancePolicy')).resolves.toMatchObject({ totalSize: 1 });
      await expect(org.query('SELECT Id FROM InsurancePolicy')).rejects.toMatchObject({
        errorCode: 'REQUEST_LIMIT_EXCEEDED',
        message: 'TotalRequests Limit exceeded.',
      });
      await org.close?.();
    } finally {
      await server.close();
    }
  });
});

describe('GET …/sobjects/<SObject>/<Id>?fields=', () => {
  beforeEach(() => {
    app = buildMockRestServer({ org: MockOrg.fromFixturesSync(restFixtures()), accessToken: TOKEN });
  });

  it('returns only the named fields (in any case, repeated or comma-separated), plus attributes', async () => {
    for (const query of ['fields=Name,ReferencePolicyNumber', 'fields=name,%20referencepolicynumber', 'fields=Name&fields=ReferencePolicyNumber']) {
      const res = await get(`${V}/sobjects/InsurancePolicy/${POLICY_ID}?${query}`);
      expect(res.statusCode).toBe(200);
      expect(res.json()).toEqual({
        attributes: { type: 'InsurancePolicy', url: `${V}/sobjects/InsurancePolicy/${POLICY_ID}` },
        Name: 'P-0001',
        ReferencePolicyNumber: "REF-O'1",
      });
    }
    expect(Object.keys((await get(`${V}/sobjects/InsurancePolicy/${POLICY_ID}?fields=`)).json()).length).toBeGreaterThan(3); // empty: every field
  });

  it('an unknown field, or one the user may not see, is 400 INVALID_FIELD, even for a record that does not exist', async () => {
    const unknown = await get(`${V}/sobjects/InsurancePolicy/${POLICY_ID}?fields=Name,Bogus`);
    expect({ status: unknown.statusCode, body: unknown.json() }).toEqual({
      status: 400,
      body: [{ message: "No such column 'Bogus' on sobject of type InsurancePolicy", errorCode: 'INVALID_FIELD' }],
    });
    const hidden = await get(`${V}/sobjects/InsurancePolicy/${POLICY_ID}?fields=ReferencePolicyNumber`, issueTokenFor(app, 'agent'));
    expect({ status: hidden.statusCode, code: hidden.json()[0].errorCode }).toEqual({ status: 400, code: 'INVALID_FIELD' });
    const missingRecord = await get(`${V}/sobjects/InsurancePolicy/${FIRST_JOB_ID}?fields=Bogus`);
    expect({ status: missingRecord.statusCode, code: missingRecord.json()[0].errorCode }).toEqual({ status: 400, code: 'INVALID_FIELD' }); // fields are checked first
  });

  it('jsforce retrieve with fields gets only those fields over loopback', async () => {
    const server = await startMockRestServer({ org: MockOrg.fromFixturesSync(restFixtures()) });
    try {
      const org = await connectOrg({ instanceUrl: server.instanceUrl, accessToken: server.accessToken, maxRetries: 0 });
      const record = await org.connection.sobject('InsurancePolicy').retrieve(POLICY_ID, { fields: ['Name'] });
      expect(record).toEqual({ attributes: expect.objectContaining({ type: 'InsurancePolicy' }), Name: 'P-0001' });
      await org.close?.();
    } finally {
      await server.close();
    }
  });
});
