import type { FastifyInstance } from 'fastify';
import { buildServer } from '../../src/http/server';
import { createTokenCheck, isLoopbackHostHeader, shortTokenWarning, tokenProblem } from '../../src/http/auth';
import { captureLogs, makeEmulator } from './helpers';

const TOKEN = 's3cr3t-T0ken-value-9f8e7d';

describe('bearer token', () => {
  let app: FastifyInstance;
  let logs: ReturnType<typeof captureLogs>;

  beforeEach(() => {
    logs = captureLogs();
    app = buildServer({ emulator: makeEmulator(), token: TOKEN, logStream: logs.stream });
  });
  afterEach(() => app.close());

  const invoke = (authorization?: string) =>
    app.inject({
      method: 'POST',
      url: '/invoke/Echo:echo',
      headers: { 'content-type': 'application/json', ...(authorization === undefined ? {} : { authorization }) },
      payload: JSON.stringify({ input: { n: 1 } }),
    });

  test('the right token is let through (scheme case-insensitive)', async () => {
    for (const header of [`Bearer ${TOKEN}`, `bearer ${TOKEN}`]) {
      const res = await invoke(header);
      expect(res.statusCode).toBe(200);
      expect(res.json()).toMatchObject({ errorCode: 'INVOKE-200' });
    }
  });

  test.each([
    ['no header', undefined],
    ['a wrong token', 'Bearer wrong'],
    ['a token prefix', `Bearer ${TOKEN.slice(0, -1)}`],
    ['a longer token', `Bearer ${TOKEN}x`],
    ['another scheme', `Basic ${TOKEN}`],
    ['the bare token', TOKEN],
    ['an empty bearer', 'Bearer '],
  ])('%s is 401 INVOKE-401', async (_name, header) => {
    const res = await invoke(header);
    expect(res.statusCode).toBe(401);
    expect(res.headers['www-authenticate']).toBe('Bearer');
    expect(res.json()).toEqual({ errorCode: 'INVOKE-401', error: expect.stringContaining('bearer token') });
  });

  test('every route but /healthz needs the token, unknown routes included', async () => {
    for (const url of ['/services', '/openapi.json', '/nowhere']) {
      const res = await app.inject({ method: 'GET', url });
      expect(res.statusCode).toBe(401);
      expect(res.json()).toMatchObject({ errorCode: 'INVOKE-401' });
      const ok = await app.inject({ method: 'GET', url, headers: { authorization: `Bearer ${TOKEN}` } });
      expect(ok.statusCode).toBe(url === '/nowhere' ? 404 : 200);
    }
    const health = await app.inject({ method: 'GET', url: '/healthz' });
    expect(health.statusCode).toBe(200);
    expect(health.json()).toEqual({ status: 'ok' });
  });

  test('the token is checked before the body is read: an unauthorised oversized body is 401, not 413', async () => {
    const res = await app.inject({
      method: 'POST',
      url: '/invoke/Echo:echo',
      headers: { 'content-type': 'application/json' },
      payload: JSON.stringify({ input: { name: 'z'.repeat(2 * 1024 * 1024) } }),
    });
    expect(res.statusCode).toBe(401);
  });

  test('without a token every route is open', async () => {
    const open = buildServer({ emulator: makeEmulator(), logStream: captureLogs().stream });
    const res = await open.inject({ method: 'GET', url: '/services' });
    expect(res.statusCode).toBe(200);
    await open.close();
  });

  test('an empty token is refused at build time rather than silently disabling auth', () => {
    expect(() => buildServer({ emulator: makeEmulator(), token: '' })).toThrow(/must not be empty/);
  });

  test.each([
    ['a trailing CR', `${TOKEN}\r`],
    ['a trailing newline', `${TOKEN}\n`],
    ['a trailing space', `${TOKEN} `],
    ['a leading tab', `\t${TOKEN}`],
    ['only spaces', '   '],
    ['a non-ASCII character', `${TOKEN}é`],
    ['a control character', `${TOKEN.slice(0, 4)}\u0000${TOKEN.slice(4)}`],
  ])('a token with %s, which no request could match, is refused at build time', (_name, token) => {
    expect(() => buildServer({ emulator: makeEmulator(), token })).toThrow(/must not start or end with whitespace|printable ASCII/);
  });

  test('the token never reaches the logs, whether it was right or wrong', async () => {
    await invoke(`Bearer ${TOKEN}`);
    await invoke('Bearer wrong-token-abc');
    await app.inject({ method: 'GET', url: `/services`, headers: { authorization: `Bearer ${TOKEN}` } });
    await app.inject({ method: 'GET', url: `/nowhere?token=${TOKEN}`, headers: { authorization: `Bearer ${TOKEN}` } });
    const text = logs.text();
    expect(logs.lines().filter((l) => l.msg === 'request')).toHaveLength(4);
    expect(text).not.toContain(TOKEN);
    expect(text).not.toContain('wrong-token-abc');
    expect(text.toLowerCase()).not.toContain('authorization');
    expect(text.toLowerCase()).not.toContain('bearer');
    expect(logs.lines().map((l) => l.status)).toEqual([200, 401, 200, 404]);
  });
});

describe('token rules', () => {
  test('tokenProblem refuses empty, padded and unsendable tokens and names no token in its message', () => {
    expect(tokenProblem('')).toMatch(/must not be empty/);
    expect(tokenProblem(`${TOKEN}\r`)).toMatch(/whitespace/);
    expect(tokenProblem(`${TOKEN}\u00a0`)).toMatch(/whitespace/);
    expect(tokenProblem(`${TOKEN}ü`)).toMatch(/printable ASCII/);
    expect(tokenProblem(`${TOKEN}ü`)).not.toContain(TOKEN);
    expect(tokenProblem('a token with inner spaces')).toBeUndefined();
    expect(tokenProblem(TOKEN)).toBeUndefined();
  });

  test('shortTokenWarning warns below 16 characters, naming the length but not the token', () => {
    expect(shortTokenWarning('x')).toMatch(/1 characters long; use at least 16/);
    expect(shortTokenWarning('fifteen-chars-1')).toMatch(/15 characters/);
    expect(shortTokenWarning('fifteen-chars-1')).not.toContain('fifteen-chars-1');
    expect(shortTokenWarning('sixteen-chars-12')).toBeUndefined();
  });
});

describe('without a token, only loopback Host names are answered (DNS rebinding)', () => {
  let app: FastifyInstance;
  beforeEach(() => {
    app = buildServer({ emulator: makeEmulator(), logStream: captureLogs().stream });
  });
  afterEach(() => app.close());

  test.each(['127.0.0.1', '127.0.0.1:8080', 'localhost', 'LOCALHOST:1', '[::1]', '[::1]:8080'])('Host %s is answered', async (host) => {
    for (const url of ['/healthz', '/services']) {
      const res = await app.inject({ method: 'GET', url, headers: { host } });
      expect(res.statusCode).toBe(200);
    }
  });

  test.each([
    ['a rebound DNS name', 'attacker.example:8080'],
    ['a name that starts like localhost', 'localhost.attacker.example'],
    ['a name that starts like 127.0.0.1', '127.0.0.1.attacker.example'],
    ['a LAN address', '192.168.1.20:8080'],
    ['the any address', '0.0.0.0:8080'],
    ['an unbracketed IPv6 literal', '::1'],
    ['a port that is not a number', 'localhost:http'],
  ])('%s is 421 INVOKE-400 on every route, /healthz and invoke included', async (_name, host) => {
    for (const [method, url] of [
      ['GET', '/healthz'],
      ['GET', '/services'],
      ['POST', '/invoke/Echo:echo'],
      ['GET', '/nowhere'],
      ['GET', '/invoke/%ZZ'],
    ] as const) {
      const res = await app.inject({ method, url, headers: { host, 'content-type': 'application/json' }, payload: method === 'POST' ? '{}' : undefined });
      expect(res.statusCode).toBe(421);
      expect(res.json()).toEqual({ errorCode: 'INVOKE-400', error: expect.stringContaining('127.0.0.1, localhost or [::1]') });
    }
  });

  test('with a token any Host is answered once the token is right', async () => {
    const guarded = buildServer({ emulator: makeEmulator(), token: TOKEN, logStream: captureLogs().stream });
    const res = await guarded.inject({ method: 'GET', url: '/services', headers: { host: 'ipemu.internal.example:8080', authorization: `Bearer ${TOKEN}` } });
    expect(res.statusCode).toBe(200);
    await guarded.close();
  });

  test('isLoopbackHostHeader: a missing Host header is not loopback', () => {
    expect(isLoopbackHostHeader(undefined)).toBe(false);
    expect(isLoopbackHostHeader('127.1.2.3:80')).toBe(true);
  });
});

describe('createTokenCheck', () => {
  test('accepts exactly the token', () => {
    const check = createTokenCheck('abc');
    expect(check('Bearer abc')).toBe(true);
    expect(check('Bearer   abc')).toBe(true);
    expect(check('Bearer abd')).toBe(false);
    expect(check('Bearer ab')).toBe(false);
    expect(check(undefined)).toBe(false);
    expect(check('')).toBe(false);
  });
});
