import type { FastifyInstance } from 'fastify';
import { buildServer } from '../../src/http/server';
import { createTokenCheck } from '../../src/http/auth';
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
