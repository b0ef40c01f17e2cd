import type { FastifyInstance } from 'fastify';
import { MockOrg } from '../../../src/mock-org/mock-org';
import { buildMockRestServer, startMockRestServer } from '../../../src/mock-org/rest/server';
import { rawExchange, rawGet } from '../../wire-raw-http';
import { V, WIRE_POLICY_ID, WIRE_TOKEN, wireFixtures } from './wire-fixtures';

/** Issue 15, Paths: a trailing slash (simple-salesforce) and a doubled leading slash (the sf CLI) get the plain path's answer. */

let org: MockOrg;
let app: FastifyInstance;
beforeAll(async () => {
  org = MockOrg.fromFixturesSync(wireFixtures());
  app = buildMockRestServer({ org, accessToken: WIRE_TOKEN });
  await app.ready();
});
afterAll(async () => {
  await app.close();
});

const auth = { authorization: `Bearer ${WIRE_TOKEN}` };
const get = (url: string) => app.inject({ method: 'GET', url, headers: auth });
const SOQL = encodeURIComponent('SELECT Id, Name FROM InsurancePolicy ORDER BY Name');

describe('paths as clients write them answer as the plain path does', () => {
  it.each([
    ['/query/?q=', `${V}/query?q=${SOQL}`, `${V}/query/?q=${SOQL}`],
    ['/limits/', `${V}/limits`, `${V}/limits/`],
    ['/sobjects/', `${V}/sobjects`, `${V}/sobjects/`],
    ['/sobjects/X/describe/', `${V}/sobjects/InsurancePolicy/describe`, `${V}/sobjects/InsurancePolicy/describe/`],
    ['/sobjects/X/<Id>/', `${V}/sobjects/InsurancePolicy/${WIRE_POLICY_ID}`, `${V}/sobjects/InsurancePolicy/${WIRE_POLICY_ID}/`],
    ['/services/data/', '/services/data', '/services/data/'],
    ['/sobjects/X/', `${V}/sobjects/InsurancePolicy`, `${V}/sobjects/InsurancePolicy/`],
    ['the version root /services/data/vXX.X/', V, `${V}/`],
    ['//services/data/vXX.X/query', `${V}/query?q=${SOQL}`, `/${V}/query?q=${SOQL}`],
    ['//services/data/vXX.X/sobjects/X/<Id>', `${V}/sobjects/InsurancePolicy/${WIRE_POLICY_ID}`, `/${V}/sobjects/InsurancePolicy/${WIRE_POLICY_ID}`],
    ['doubled slashes inside', `${V}/sobjects/InsurancePolicy/describe`, `/services//data/v64.0//sobjects/InsurancePolicy/describe`],
  ])('%s', async (_name, plain, written) => {
    const [expected, actual] = [await get(plain), await get(written)];
    expect(expected.statusCode).toBe(200);
    expect({ status: actual.statusCode, body: actual.json() }).toEqual({ status: 200, body: expected.json() });
  });

  it('the query answer under /query/ holds the rows the SOQL selects', async () => {
    const res = await get(`${V}/query/?q=${SOQL}`);
    expect(res.json()).toMatchObject({ totalSize: 2, done: true, records: [{ Name: 'P-0001' }, { Name: 'P-0002' }] });
  });

  it('POST /sobjects/X/ creates the record as POST /sobjects/X does', async () => {
    const res = await app.inject({ method: 'POST', url: `${V}/sobjects/InsurancePolicy/`, headers: auth, payload: { Name: 'P-0003' } });
    expect(res.statusCode).toBe(201);
    const id = res.json<{ id: string }>().id;
    expect((await get(`/${V}/sobjects/InsurancePolicy/${id}/`)).json()).toMatchObject({ Id: id, Name: 'P-0003' });
  });

  it('the token endpoint answers at //services/oauth2/token/ too', async () => {
    const res = await app.inject({
      method: 'POST',
      url: '//services/oauth2/token/',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      payload: 'grant_type=password&username=admin&password=x',
    });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({ access_token: expect.any(String), token_type: 'Bearer' });
  });
});

describe('over a real socket, as a client sends them', () => {
  it("GET //services/data/vXX.X/limits/ answers the limits (node's http client, patched by nock in tests, would rewrite the path)", async () => {
    const server = await startMockRestServer({ org, accessToken: WIRE_TOKEN });
    try {
      const reply = await rawExchange(server.instanceUrl, rawGet(`/${V}/limits/`, [`Authorization: Bearer ${WIRE_TOKEN}`]));
      expect(reply.status).toBe(200);
      expect(JSON.parse(reply.body)).toEqual({
        DailyApiRequests: { Max: expect.any(Number), Remaining: expect.any(Number) },
        DailyBulkV2QueryJobs: { Max: 10_000, Remaining: 10_000 },
        DailyBulkV2QueryFileStorageMB: { Max: 976_562, Remaining: 976_562 },
      });
    } finally {
      await server.close();
    }
  });
});
