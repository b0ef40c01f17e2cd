import { connect } from 'node:net';
import type { FastifyInstance } from 'fastify';
import type { LightMyRequestResponse } from 'fastify';
import { buildServer, RunningServer, startServer } from '../../src/http/server';
import { captureLogs, makeEmulator } from './helpers';

const TOKEN = 'envelope-test-token-0123456789';
const AUTH = { authorization: `Bearer ${TOKEN}` };

/** Exactly the INVOKE envelope: errorCode and a string error, nothing of fastify's own body. */
function expectEnvelope(res: { statusCode: number; body: string; headers: Record<string, unknown> }, status: number, errorCode: string): void {
  expect(res.statusCode).toBe(status);
  expect(String(res.headers['content-type'])).toMatch(/^application\/json/);
  const body = JSON.parse(res.body) as Record<string, unknown>;
  expect(Object.keys(body).sort()).toEqual(['error', 'errorCode']);
  expect(body).toEqual({ errorCode, error: expect.any(String) });
}

const oversized = JSON.stringify({ input: { name: 'z'.repeat(1024 * 1024 + 10) } });

// Each request fastify itself would answer (router, content-type parser, body limit), with the status it gets once authenticated.
const FRAMEWORK_FAILURES: [string, number, string, { method: 'GET' | 'POST' | 'DELETE'; url: string; headers?: Record<string, string>; payload?: string }][] = [
  ['bad percent-encoding in the service key', 400, 'INVOKE-400', { method: 'POST', url: '/invoke/%ZZ' }],
  ['bad percent-encoding in an unknown path', 400, 'INVOKE-400', { method: 'GET', url: '/%E0%A4%A' }],
  ['a service key over the router limit', 414, 'INVOKE-400', { method: 'POST', url: `/invoke/${'K'.repeat(201)}` }],
  ['an unknown route', 404, 'INVOKE-404', { method: 'GET', url: '/nowhere' }],
  ['a wrong method', 405, 'INVOKE-400', { method: 'DELETE', url: '/services' }],
  ['a content type other than JSON', 415, 'INVOKE-400', { method: 'POST', url: '/invoke/Echo:echo', headers: { 'content-type': 'text/xml' }, payload: '<a/>' }],
  [
    'a body over the limit',
    413,
    'INVOKE-400',
    { method: 'POST', url: '/invoke/Echo:echo', headers: { 'content-type': 'application/json' }, payload: oversized },
  ],
  ['malformed JSON', 400, 'INVOKE-400', { method: 'POST', url: '/invoke/Echo:echo', headers: { 'content-type': 'application/json' }, payload: '{"input":' }],
];

describe('every reply of serve is an INVOKE envelope, and authentication comes first', () => {
  let app: FastifyInstance;
  beforeEach(() => {
    app = buildServer({ emulator: makeEmulator(), token: TOKEN, logStream: captureLogs().stream });
  });
  afterEach(() => app.close());

  test.each(FRAMEWORK_FAILURES)('%s without the token is 401 INVOKE-401', async (_name, _status, _code, request) => {
    const res: LightMyRequestResponse = await app.inject(request);
    expectEnvelope(res, 401, 'INVOKE-401');
    expect(res.headers['www-authenticate']).toBe('Bearer');
  });

  test.each(FRAMEWORK_FAILURES)('%s with the token is %i %s in the envelope', async (_name, status, errorCode, request) => {
    const res = await app.inject({ ...request, headers: { ...request.headers, ...AUTH } });
    expectEnvelope(res, status, errorCode);
  });

  test('the bad-URL message does not echo the URL', async () => {
    const res = await app.inject({ method: 'POST', url: '/invoke/%ZZsecret-looking-path', headers: AUTH });
    expect(res.body).not.toContain('secret-looking-path');
  });
});

describe('what node refuses before fastify sees it is answered in the envelope too (real socket)', () => {
  let server: RunningServer;
  beforeAll(async () => {
    server = await startServer({ emulator: makeEmulator(), token: TOKEN, port: 0, logStream: captureLogs().stream });
  });
  afterAll(() => server.close());

  /** Writes raw bytes and collects everything until the server closes the socket. */
  function raw(bytes: string): Promise<string> {
    const { port } = new URL(server.url);
    return new Promise((resolve, reject) => {
      const socket = connect(Number(port), '127.0.0.1', () => socket.end(bytes));
      let text = '';
      socket.setEncoding('utf8').on('data', (d: string) => (text += d));
      socket.on('close', () => resolve(text));
      socket.on('error', reject);
    });
  }

  function parse(text: string): { statusCode: number; body: string; headers: Record<string, unknown> } {
    const [head = '', body = ''] = text.split('\r\n\r\n');
    const [statusLine = '', ...lines] = head.split('\r\n');
    const headers = Object.fromEntries(lines.map((l) => [l.slice(0, l.indexOf(':')).toLowerCase(), l.slice(l.indexOf(':') + 1).trim()]));
    return { statusCode: Number(statusLine.split(' ')[1]), body, headers };
  }

  test('a request that is not HTTP is 400 INVOKE-400', async () => {
    expectEnvelope(parse(await raw('NOT HTTP AT ALL\r\n\r\n')), 400, 'INVOKE-400');
  });

  test('headers over node’s limit are 431 INVOKE-400', async () => {
    expectEnvelope(parse(await raw(`GET /healthz HTTP/1.1\r\nHost: 127.0.0.1\r\nX-Big: ${'b'.repeat(20_000)}\r\n\r\n`)), 431, 'INVOKE-400');
  });
});
