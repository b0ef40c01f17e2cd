import type { FastifyInstance } from 'fastify';
import { connect } from 'node:net';
import { MockOrg } from '../../../src/mock-org/mock-org';
import { buildMockRestServer, startMockRestServer } from '../../../src/mock-org/rest/server';
import { restFixtures } from './rest-fixtures';

/** Item 11 of issue 12, REST side: every reply in Salesforce's shapes, and the token checked before anything else. */

const TOKEN = 'startup-token-for-admin';
const V = '/services/data/v64.0';
const SESSION_INVALID = [{ message: 'Session expired or invalid', errorCode: 'INVALID_SESSION_ID' }];
const NOT_FOUND = [{ message: 'The requested resource does not exist', errorCode: 'NOT_FOUND' }];

let org: MockOrg;
let app: FastifyInstance;
beforeAll(() => {
  org = MockOrg.fromFixturesSync(restFixtures());
});
beforeEach(async () => {
  app = buildMockRestServer({ org, accessToken: TOKEN });
  await app.ready();
});
afterEach(async () => {
  await app.close();
});

interface Probe {
  name: string;
  method: 'GET' | 'POST';
  url: string;
  headers?: Record<string, string>;
  payload?: string;
}

const longUrl = `${V}/query?q=${'x'.repeat(17_000)}`;
/** What fastify used to answer by itself (or before the token check). */
const PROBES: Probe[] = [
  { name: 'bad percent-encoding', method: 'GET', url: `${V}/query/%ZZ` },
  { name: 'bad percent-encoding before the version', method: 'GET', url: '/services/data/%ZZ' },
  { name: 'an unknown route', method: 'GET', url: '/nope' },
  { name: 'an unknown version', method: 'GET', url: '/services/data/v99.0/sobjects' },
  { name: 'a URL over 16,384 bytes', method: 'GET', url: longUrl },
  { name: 'an over-long path parameter', method: 'GET', url: `${V}/sobjects/InsurancePolicy/${'a'.repeat(200)}` },
  { name: 'malformed JSON', method: 'POST', url: `${V}/sobjects`, headers: { 'content-type': 'application/json' }, payload: '{bad' },
  { name: 'an unsupported content type', method: 'POST', url: `${V}/query`, headers: { 'content-type': 'text/xml' }, payload: '<a/>' },
  { name: 'a body over the limit', method: 'POST', url: `${V}/query`, headers: { 'content-type': 'application/json' }, payload: `"${'x'.repeat(1_100_000)}"` },
];

describe('authentication comes first', () => {
  it.each(PROBES)('without a token, $name is 401 INVALID_SESSION_ID', async (probe) => {
    for (const authorization of [undefined, 'Bearer wrong']) {
      const headers = { ...probe.headers, ...(authorization ? { authorization } : {}) };
      const res = await app.inject({ method: probe.method, url: probe.url, headers, payload: probe.payload });
      expect({ status: res.statusCode, body: res.json() }).toEqual({ status: 401, body: SESSION_INVALID });
    }
  });
});

describe('with a valid token, fastify’s own answers are in the error-array shape', () => {
  const expected: Record<string, { status: number; errorCode: string }> = {
    'bad percent-encoding': { status: 404, errorCode: 'NOT_FOUND' },
    'bad percent-encoding before the version': { status: 404, errorCode: 'NOT_FOUND' },
    'an unknown route': { status: 404, errorCode: 'NOT_FOUND' },
    'an unknown version': { status: 404, errorCode: 'NOT_FOUND' },
    'a URL over 16,384 bytes': { status: 414, errorCode: 'URI_TOO_LONG' },
    'an over-long path parameter': { status: 404, errorCode: 'NOT_FOUND' },
    'malformed JSON': { status: 400, errorCode: 'JSON_PARSER_ERROR' },
    // /query takes GET and HEAD only: the method is refused before the body is looked at (415 is the token endpoint's, below).
    'an unsupported content type': { status: 405, errorCode: 'METHOD_NOT_ALLOWED' },
    'a body over the limit': { status: 413, errorCode: 'REQUEST_ENTITY_TOO_LARGE' },
  };
  it.each(PROBES)('$name', async (probe) => {
    const res = await app.inject({
      method: probe.method,
      url: probe.url,
      headers: { ...probe.headers, authorization: `Bearer ${TOKEN}` },
      payload: probe.payload,
    });
    const body = res.json();
    expect(res.statusCode).toBe(expected[probe.name]!.status);
    expect(body).toEqual([{ message: expect.any(String), errorCode: expected[probe.name]!.errorCode }]);
    if (expected[probe.name]!.errorCode === 'NOT_FOUND') expect(body).toEqual(NOT_FOUND);
  });
});

describe('the token endpoint', () => {
  it('answers without a bearer token, and its body errors are OAuth bodies { error, error_description }', async () => {
    const bodies: [string, string, number][] = [
      ['application/json', '{bad', 400],
      ['text/xml', '<a/>', 415],
      ['application/x-www-form-urlencoded', `grant_type=password&x=${'x'.repeat(1_100_000)}`, 413],
    ];
    for (const [type, payload, status] of bodies) {
      const res = await app.inject({ method: 'POST', url: '/services/oauth2/token', headers: { 'content-type': type }, payload });
      expect({ status: res.statusCode, body: res.json() }).toEqual({ status, body: { error: 'invalid_request', error_description: expect.any(String) } });
    }
    const unsupported = await app.inject({
      method: 'POST',
      url: '/services/oauth2/token',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      payload: 'grant_type=x',
    });
    expect(unsupported.json()).toEqual({ error: 'unsupported_grant_type', error_description: 'grant type not supported' });
  });

  it('GET /services/data answers without a token; GET on the token path needs one like any unknown route', async () => {
    expect((await app.inject({ method: 'GET', url: '/services/data' })).statusCode).toBe(200);
    expect((await app.inject({ method: 'GET', url: '/services/oauth2/token' })).json()).toEqual(SESSION_INVALID);
  });
});

describe('malformed HTTP over a real socket', () => {
  const rawReply = (instanceUrl: string, bytes: string): Promise<string> =>
    new Promise((resolve, reject) => {
      const url = new URL(instanceUrl);
      const socket = connect(Number(url.port), url.hostname, () => socket.write(bytes));
      let text = '';
      socket.setEncoding('utf8').on('data', (d: string) => (text += d));
      socket.on('close', () => resolve(text));
      socket.on('error', reject);
    });

  it('a broken request line and headers over the limit get the error array, not fastify’s body', async () => {
    const server = await startMockRestServer({ org });
    try {
      const broken = await rawReply(server.instanceUrl, 'GARBAGE\r\n\r\n');
      expect(broken).toMatch(/^HTTP\/1\.1 400 /);
      expect(JSON.parse(broken.slice(broken.indexOf('\r\n\r\n') + 4))).toEqual([{ message: 'Bad Request', errorCode: 'INVALID_REQUEST' }]);
      const huge = await rawReply(server.instanceUrl, `GET ${V}/limits HTTP/1.1\r\nHost: x\r\nX-Big: ${'a'.repeat(70 * 1024)}\r\n\r\n`);
      expect(huge).toMatch(/^HTTP\/1\.1 431 /);
      expect(JSON.parse(huge.slice(huge.indexOf('\r\n\r\n') + 4))).toEqual([
        { message: 'The request URL and headers exceed 16384 bytes.', errorCode: 'REQUEST_HEADER_FIELDS_TOO_LARGE' },
      ]);
    } finally {
      await server.close();
    }
  });
});
