import type { FastifyInstance } from 'fastify';
import { MockOrg } from '../../../src/mock-org/mock-org';
import { buildMockRestServer, startMockRestServer } from '../../../src/mock-org/rest/server';
import { rawExchange, rawGet } from '../../wire-raw-http';
import { V, WIRE_POLICY_ID, WIRE_TOKEN, wireFixtures } from './wire-fixtures';

/** Issue 15, Errors: a wrong method is 405 naming the allowed ones (message and Allow), and Salesforce's 16,384-byte rule gives 414 and 431. */

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
const notAllowed = (method: string, allowed: string) => [
  { errorCode: 'METHOD_NOT_ALLOWED', message: `HTTP Method '${method}' not allowed. Allowed are ${allowed}` },
];

describe('405 for a method a path does not take', () => {
  it.each([
    ['PUT', `${V}/limits`, 'GET,HEAD'],
    ['PUT', `${V}/limits/`, 'GET,HEAD'],
    ['DELETE', `${V}/query?q=SELECT+Id+FROM+InsurancePolicy`, 'GET,HEAD'],
    ['PATCH', `${V}/sobjects`, 'GET,HEAD'],
    ['POST', '/services/data', 'GET,HEAD'],
    ['GET', '/services/oauth2/token', 'POST'],
    ['OPTIONS', `${V}/limits`, 'GET,HEAD'],
  ])('%s %s: 405 naming %s, in the body and the Allow header', async (method, url, allowed) => {
    const res = await app.inject({ method: method as 'PUT', url, headers: auth });
    expect({ status: res.statusCode, body: res.json(), allow: res.headers.allow }).toEqual({
      status: 405,
      body: notAllowed(method, allowed),
      allow: allowed.split(',').join(', '),
    });
  });

  it('a record URL names what the object allows (its write flags), with the Allow header too', async () => {
    const res = await app.inject({ method: 'PUT', url: `${V}/sobjects/InsurancePolicy/${WIRE_POLICY_ID}/`, headers: auth, payload: {} });
    expect(res.statusCode).toBe(405);
    expect(res.json()).toEqual(notAllowed('PUT', 'HEAD,GET,PATCH,DELETE'));
    expect(res.headers.allow).toBe('HEAD, GET, PATCH, DELETE');
  });

  it('a composite subrequest with a wrong method reports 405 with the Allow header among its httpHeaders', async () => {
    const res = await app.inject({
      method: 'POST',
      url: `${V}/composite`,
      headers: auth,
      payload: { compositeRequest: [{ method: 'PUT', url: `${V}/sobjects/InsurancePolicy/${WIRE_POLICY_ID}`, referenceId: 'r1', body: {} }] },
    });
    expect(res.json()).toEqual({
      compositeResponse: [
        { body: notAllowed('PUT', 'HEAD,GET,PATCH,DELETE'), httpHeaders: { Allow: 'HEAD, GET, PATCH, DELETE' }, httpStatusCode: 405, referenceId: 'r1' },
      ],
    });
  });

  it('authentication comes first: without a token a wrong method is 401', async () => {
    const res = await app.inject({ method: 'PUT', url: `${V}/limits` });
    expect({ status: res.statusCode, body: res.json() }).toEqual({
      status: 401,
      body: [{ message: 'Session expired or invalid', errorCode: 'INVALID_SESSION_ID' }],
    });
  });

  it('a path no route has is still 404 NOT_FOUND, whatever the method', async () => {
    for (const method of ['GET', 'PUT'] as const) {
      const res = await app.inject({ method, url: `${V}/nothing/here`, headers: auth });
      expect({ status: res.statusCode, body: res.json() }).toEqual({
        status: 404,
        body: [{ message: 'The requested resource does not exist', errorCode: 'NOT_FOUND' }],
      });
    }
  });
});

describe('Salesforce’s limit of 16,384 bytes on the URL and headers', () => {
  const URI_TOO_LONG = [{ errorCode: 'URI_TOO_LONG', message: 'The request URL exceeds 16384 bytes.' }];
  const HEADERS_TOO_LARGE = [{ errorCode: 'REQUEST_HEADER_FIELDS_TOO_LARGE', message: 'The request URL and headers exceed 16384 bytes.' }];

  it('a URL over the limit is 414 on any path, the token endpoint included', async () => {
    for (const url of [`${V}/limits?x=${'a'.repeat(16_400)}`, `/services/oauth2/token?x=${'a'.repeat(16_400)}`]) {
      const res = await app.inject({ method: url.includes('oauth2') ? 'POST' : 'GET', url, headers: auth });
      expect({ status: res.statusCode, body: res.json() }).toEqual({ status: 414, body: URI_TOO_LONG });
    }
  });

  it('a URL under it whose headers take the total over is 431; just under the total is answered', async () => {
    const url = `${V}/limits`;
    const over = await app.inject({ method: 'GET', url, headers: { ...auth, 'x-big': 'a'.repeat(16_384) } });
    expect({ status: over.statusCode, body: over.json() }).toEqual({ status: 431, body: HEADERS_TOO_LARGE });
    const under = await app.inject({ method: 'GET', url, headers: { ...auth, 'x-big': 'a'.repeat(15_000) } });
    expect(under.statusCode).toBe(200);
  });

  describe('over a raw socket', () => {
    let server: Awaited<ReturnType<typeof startMockRestServer>>;
    beforeAll(async () => {
      server = await startMockRestServer({ org, accessToken: WIRE_TOKEN });
    });
    afterAll(async () => {
      await server.close();
    });
    const authLine = `Authorization: Bearer ${WIRE_TOKEN}`;

    it.each([
      ['a 20 KB URL', rawGet(`${V}/limits?x=${'a'.repeat(20_000)}`, [authLine]), 414, URI_TOO_LONG],
      ['20 KB of headers', rawGet(`${V}/limits`, [authLine, `X-Big: ${'a'.repeat(20_000)}`]), 431, HEADERS_TOO_LARGE],
      [
        '70 KB of headers (past node’s own limit: refused on the socket)',
        rawGet(`${V}/limits`, [authLine, `X-Big: ${'a'.repeat(70_000)}`]),
        431,
        HEADERS_TOO_LARGE,
      ],
    ])('%s: JSON error array with its content type', async (_name, request, status, body) => {
      const reply = await rawExchange(server.instanceUrl, request);
      expect(reply.status).toBe(status);
      expect(reply.headers['content-type']).toMatch(/^application\/json/);
      expect(JSON.parse(reply.body)).toEqual(body);
    });
  });
});
