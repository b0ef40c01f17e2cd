import type { FastifyInstance } from 'fastify';
import { MockOrg } from '../../../src/mock-org/mock-org';
import { buildMockRestServer } from '../../../src/mock-org/rest/server';
import { V, WIRE_TOKEN, wireFixtures } from './wire-fixtures';

/** Issue 15, Errors: `--cors <origin>` on the fake REST API, off by default; preflights need no token, the real request still does. */

const ORIGIN = 'http://localhost:3000';
let org: MockOrg;
beforeAll(() => {
  org = MockOrg.fromFixturesSync(wireFixtures());
});

const preflight = (app: FastifyInstance, url: string, origin = ORIGIN) =>
  app.inject({
    method: 'OPTIONS',
    url,
    headers: { origin, 'access-control-request-method': 'GET', 'access-control-request-headers': 'authorization,sforce-query-options' },
  });

describe('with --cors <origin>', () => {
  let app: FastifyInstance;
  beforeAll(async () => {
    app = buildMockRestServer({ org, accessToken: WIRE_TOKEN, cors: [ORIGIN] });
    await app.ready();
  });
  afterAll(async () => {
    await app.close();
  });

  it('a preflight without a token is 204 with the allowed origin, methods and headers, and is not counted against the daily limit', async () => {
    const before = (await app.inject({ url: `${V}/limits`, headers: { authorization: `Bearer ${WIRE_TOKEN}` } })).json();
    const res = await preflight(app, `${V}/query?q=SELECT+Id+FROM+InsurancePolicy`);
    expect(res.statusCode).toBe(204);
    expect(res.body).toBe('');
    expect(res.headers['access-control-allow-origin']).toBe(ORIGIN);
    expect(res.headers['access-control-allow-methods']).toBe('GET, HEAD, POST, PATCH, PUT, DELETE');
    const allowed = String(res.headers['access-control-allow-headers']).split(', ');
    expect(allowed).toEqual(expect.arrayContaining(['Authorization', 'Content-Type', 'Sforce-Query-Options', 'X-PrettyPrint']));
    const after = (await app.inject({ url: `${V}/limits`, headers: { authorization: `Bearer ${WIRE_TOKEN}`, origin: ORIGIN } })).json();
    expect(after).toEqual(before);
  });

  it('every answer carries the origin: a success, a 401 without a token, a 404 and a 405', async () => {
    const headers = { origin: ORIGIN, authorization: `Bearer ${WIRE_TOKEN}` };
    const answers = [
      await app.inject({ url: `${V}/limits`, headers }),
      await app.inject({ url: `${V}/limits`, headers: { origin: ORIGIN } }),
      await app.inject({ url: `${V}/nothing`, headers }),
      await app.inject({ method: 'PUT', url: `${V}/limits`, headers }),
    ];
    expect(answers.map((r) => [r.statusCode, r.headers['access-control-allow-origin']])).toEqual([
      [200, ORIGIN],
      [401, ORIGIN],
      [404, ORIGIN],
      [405, ORIGIN],
    ]);
  });

  it('the real request still needs its token: a preflighted GET without one is 401 INVALID_SESSION_ID', async () => {
    const res = await app.inject({ url: `${V}/sobjects`, headers: { origin: ORIGIN } });
    expect({ status: res.statusCode, body: res.json() }).toEqual({
      status: 401,
      body: [{ message: 'Session expired or invalid', errorCode: 'INVALID_SESSION_ID' }],
    });
  });
});

describe('several origins and *', () => {
  it('with several, the request’s origin is sent back only when it is one of them (and Vary: Origin)', async () => {
    const app = buildMockRestServer({ org, accessToken: WIRE_TOKEN, cors: [ORIGIN, 'https://tools.example'] });
    try {
      const ok = await preflight(app, `${V}/limits`, 'https://tools.example');
      expect([ok.statusCode, ok.headers['access-control-allow-origin'], ok.headers.vary]).toEqual([204, 'https://tools.example', 'Origin']);
      const other = await preflight(app, `${V}/limits`, 'https://evil.example');
      expect(other.headers['access-control-allow-origin']).toBeUndefined();
    } finally {
      await app.close();
    }
  });

  it('with *, any origin gets *', async () => {
    const app = buildMockRestServer({ org, accessToken: WIRE_TOKEN, cors: ['*'] });
    try {
      const res = await preflight(app, `${V}/limits`, 'https://anywhere.example');
      expect([res.statusCode, res.headers['access-control-allow-origin']]).toEqual([204, '*']);
    } finally {
      await app.close();
    }
  });
});

describe('without --cors', () => {
  it('OPTIONS is 405 on a path that exists (401 without a token, as any request) and no answer carries Access-Control-Allow-Origin', async () => {
    const app = buildMockRestServer({ org, accessToken: WIRE_TOKEN });
    try {
      const noToken = await preflight(app, `${V}/limits`);
      expect([noToken.statusCode, noToken.headers['access-control-allow-origin']]).toEqual([401, undefined]);
      const withToken = await app.inject({
        method: 'OPTIONS',
        url: `${V}/limits`,
        headers: { origin: ORIGIN, 'access-control-request-method': 'GET', authorization: `Bearer ${WIRE_TOKEN}` },
      });
      expect([withToken.statusCode, withToken.headers['access-control-allow-origin'], withToken.headers.allow]).toEqual([405, undefined, 'GET, HEAD']);
      const get = await app.inject({ url: `${V}/limits`, headers: { origin: ORIGIN, authorization: `Bearer ${WIRE_TOKEN}` } });
      expect([get.statusCode, get.headers['access-control-allow-origin']]).toEqual([200, undefined]);
    } finally {
      await app.close();
    }
  });
});
