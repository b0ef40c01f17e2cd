import type { FastifyInstance } from 'fastify';
import { buildServer, startServer } from '../../src/http/server';
import { makeSelfSignedCertificate, type MadeCertificate } from '../../src/cli/self-signed';
import { rawExchange, rawGet } from '../wire-raw-http';
import { makeEmulator } from './helpers';

/** Issue 15 on `ipemu serve`: 405 for a wrong method, 414 and 431 over a raw socket, --cors and --tls; all in the INVOKE envelope. */

const TOKEN = 'a-long-enough-test-token-1234567890';
const ORIGIN = 'http://localhost:5173';
const auth = { authorization: `Bearer ${TOKEN}` };

describe('405 for a method a route does not take', () => {
  let app: FastifyInstance;
  beforeAll(async () => {
    app = buildServer({ emulator: makeEmulator(), token: TOKEN, logLevel: 'silent' });
    await app.ready();
  });
  afterAll(async () => {
    await app.close();
  });

  it.each([
    ['PUT', '/invoke/Echo:echo', 'POST'],
    ['GET', '/procedures/Some_Procedure', 'POST'],
    ['DELETE', '/services', 'GET,HEAD'],
    ['POST', '/healthz', 'GET,HEAD'],
    ['OPTIONS', '/openapi.json', 'GET,HEAD'],
  ])('%s %s: 405 INVOKE-400 naming %s, and Allow', async (method, url, allowed) => {
    const res = await app.inject({ method: method as 'PUT', url, headers: auth });
    expect({ status: res.statusCode, body: res.json(), allow: res.headers.allow }).toEqual({
      status: 405,
      body: { errorCode: 'INVOKE-400', error: `HTTP Method '${method}' not allowed. Allowed are ${allowed}` },
      allow: allowed.split(',').join(', '),
    });
  });

  it('without the token a wrong method is 401 INVOKE-401; an unknown path stays 404 INVOKE-404', async () => {
    const noToken = await app.inject({ method: 'PUT', url: '/invoke/Echo:echo' });
    expect([noToken.statusCode, noToken.json().errorCode]).toEqual([401, 'INVOKE-401']);
    const unknown = await app.inject({ method: 'PUT', url: '/nowhere', headers: auth });
    expect([unknown.statusCode, unknown.json()]).toEqual([404, { errorCode: 'INVOKE-404', error: 'No route PUT /nowhere.' }]);
  });
});

describe('over a raw socket', () => {
  let server: Awaited<ReturnType<typeof startServer>>;
  beforeAll(async () => {
    server = await startServer({ emulator: makeEmulator(), token: TOKEN, logLevel: 'silent', port: 0 });
  });
  afterAll(async () => {
    await server.close();
  });
  const authLine = `Authorization: Bearer ${TOKEN}`;
  const request = (method: string, path: string, lines: string[] = []) => rawGet(path, lines).replace(/^GET /, `${method} `);

  it.each([
    ['a wrong method', request('PUT', '/services', [authLine]), 405, 'INVOKE-400'],
    ['a service key over 200 characters', request('POST', `/invoke/${'K'.repeat(300)}`, [authLine, 'Content-Length: 0']), 414, 'INVOKE-400'],
    ['headers over node’s limit', rawGet('/services', [authLine, `X-Big: ${'b'.repeat(20_000)}`]), 431, 'INVOKE-400'],
  ])('%s: its status (405, 414, 431) with the envelope as JSON', async (_name, bytes, status, errorCode) => {
    const reply = await rawExchange(server.url, bytes);
    expect(reply.status).toBe(status);
    expect(reply.headers['content-type']).toMatch(/^application\/json/);
    expect(JSON.parse(reply.body)).toEqual({ errorCode, error: expect.any(String) });
  });
});

describe('--cors', () => {
  it('a preflight without the token is 204 with origin, methods and headers; every answer, the 401 included, carries the origin', async () => {
    const app = buildServer({ emulator: makeEmulator(), token: TOKEN, logLevel: 'silent', cors: [ORIGIN] });
    try {
      const pre = await app.inject({
        method: 'OPTIONS',
        url: '/invoke/Echo:echo',
        headers: { origin: ORIGIN, 'access-control-request-method': 'POST', 'access-control-request-headers': 'authorization,content-type' },
      });
      expect([pre.statusCode, pre.headers['access-control-allow-origin'], pre.headers['access-control-allow-methods']]).toEqual([
        204,
        ORIGIN,
        'GET, HEAD, POST',
      ]);
      expect(String(pre.headers['access-control-allow-headers']).split(', ')).toEqual(expect.arrayContaining(['Authorization', 'Content-Type']));
      const refused = await app.inject({
        method: 'POST',
        url: '/invoke/Echo:echo',
        headers: { origin: ORIGIN, 'content-type': 'application/json' },
        payload: '{}',
      });
      expect([refused.statusCode, refused.json().errorCode, refused.headers['access-control-allow-origin']]).toEqual([401, 'INVOKE-401', ORIGIN]);
      const ok = await app.inject({
        method: 'POST',
        url: '/invoke/Echo:echo',
        headers: { ...auth, origin: ORIGIN, 'content-type': 'application/json' },
        payload: { input: { n: 1 } },
      });
      expect([ok.statusCode, ok.json().errorCode, ok.headers['access-control-allow-origin']]).toEqual([200, 'INVOKE-200', ORIGIN]);
    } finally {
      await app.close();
    }
  });

  it('without it, OPTIONS is 405 and no answer names an origin', async () => {
    const app = buildServer({ emulator: makeEmulator(), token: TOKEN, logLevel: 'silent' });
    try {
      const pre = await app.inject({
        method: 'OPTIONS',
        url: '/invoke/Echo:echo',
        headers: { ...auth, origin: ORIGIN, 'access-control-request-method': 'POST' },
      });
      expect([pre.statusCode, pre.headers['access-control-allow-origin']]).toEqual([405, undefined]);
    } finally {
      await app.close();
    }
  });
});

describe('--tls', () => {
  let made: MadeCertificate;
  beforeAll(async () => {
    made = await makeSelfSignedCertificate('127.0.0.1');
  });
  afterAll(async () => {
    await made.remove();
  });

  it('answers HTTPS at an https:// URL, verified against the made certificate', async () => {
    const server = await startServer({ emulator: makeEmulator(), logLevel: 'silent', port: 0, tls: made.pair });
    try {
      expect(server.url).toMatch(/^https:\/\/127\.0\.0\.1:\d+$/);
      const reply = await rawExchange(server.url, rawGet('/healthz'), made.pair.cert);
      expect([reply.status, JSON.parse(reply.body)]).toEqual([200, { status: 'ok' }]);
    } finally {
      await server.close();
    }
  });

  it('a client that does not trust the certificate cannot connect', async () => {
    const server = await startServer({ emulator: makeEmulator(), logLevel: 'silent', port: 0, tls: made.pair });
    try {
      const other = await makeSelfSignedCertificate('127.0.0.1');
      await other.remove();
      await expect(rawExchange(server.url, rawGet('/healthz'), other.pair.cert)).rejects.toThrow(/self.signed|certificate/i);
    } finally {
      await server.close();
    }
  });
});
