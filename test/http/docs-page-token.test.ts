import type { FastifyInstance } from 'fastify';
import { buildServer } from '../../src/http/server';
import { captureLogs, makeEmulator } from './helpers';

const TOKEN = 'docs-T0ken-value-5c4b3a2918';
const BEARER = { authorization: `Bearer ${TOKEN}` };

/** The `name=value` part of a Set-Cookie header. */
function cookieOf(setCookie: string | string[] | undefined): string {
  const header = Array.isArray(setCookie) ? setCookie[0] : setCookie;
  return (header ?? '').split(';')[0]!;
}

describe('the API page on a server with a token', () => {
  let app: FastifyInstance;
  let logs: ReturnType<typeof captureLogs>;
  beforeEach(() => {
    logs = captureLogs();
    app = buildServer({ emulator: makeEmulator(), token: TOKEN, logStream: logs.stream });
  });
  afterEach(() => app.close());

  const signIn = async (): Promise<string> => {
    const res = await app.inject({ method: 'GET', url: `/docs?token=${TOKEN}` });
    expect(res.statusCode).toBe(303);
    return cookieOf(res.headers['set-cookie']);
  };

  test('the page, its document and its assets answer 401 INVOKE-401 without a credential', async () => {
    for (const url of ['/docs', '/docs/', '/docs/json', '/docs/static/swagger-ui-bundle.js', '/docs/static/swagger-initializer.js']) {
      const res = await app.inject({ method: 'GET', url });
      expect([url, res.statusCode]).toEqual([url, 401]);
      expect(res.json()).toMatchObject({ errorCode: 'INVOKE-401' });
    }
  });

  test('the bearer header opens the page and its assets, as it opens every route', async () => {
    for (const url of ['/docs', '/docs/json', '/docs/static/swagger-ui-bundle.js']) {
      expect((await app.inject({ method: 'GET', url, headers: BEARER })).statusCode).toBe(200);
    }
  });

  test('GET /docs?token=<token> answers 303 to /docs without the token and sets an HttpOnly SameSite=Strict cookie scoped to /docs', async () => {
    const res = await app.inject({ method: 'GET', url: `/docs/?token=${TOKEN}` });
    expect(res.statusCode).toBe(303);
    expect(res.headers.location).toBe('/docs/');
    expect(res.headers['cache-control']).toBe('no-store');
    expect(res.headers['referrer-policy']).toBe('no-referrer');
    const setCookie = String(res.headers['set-cookie']);
    expect(setCookie).toMatch(/^ipemu_docs_\d+=[A-Za-z0-9_-]{43}; Path=\/docs; HttpOnly; SameSite=Strict$/);
    expect(setCookie).not.toContain(TOKEN);
    expect(res.body).toBe('');
  });

  test('the redirect keeps the other query parameters and drops only the token', async () => {
    const res = await app.inject({ method: 'GET', url: `/docs?urls.primaryName=x&token=${TOKEN}` });
    expect(res.headers.location).toBe('/docs?urls.primaryName=x');
  });

  test('the cookie opens the page, its document and its assets', async () => {
    const cookie = await signIn();
    for (const url of ['/docs', '/docs/', '/docs/json', '/docs/static/swagger-ui-bundle.js', '/docs/static/swagger-initializer.js']) {
      const res = await app.inject({ method: 'GET', url, headers: { cookie: `other=1; ${cookie}` } });
      expect([url, res.statusCode]).toEqual([url, 200]);
    }
  });

  test('the cookie opens nothing else: invocations, /openapi.json, /services and other methods still need the bearer header', async () => {
    const cookie = await signIn();
    const refused = [
      app.inject({ method: 'POST', url: '/invoke/Echo:echo', headers: { cookie, 'content-type': 'application/json' }, payload: '{}' }),
      app.inject({ method: 'GET', url: '/openapi.json', headers: { cookie } }),
      app.inject({ method: 'GET', url: '/services', headers: { cookie } }),
      app.inject({ method: 'POST', url: '/docs', headers: { cookie } }),
      app.inject({ method: 'GET', url: '/docs/not-a-route', headers: { cookie } }),
    ];
    for (const res of await Promise.all(refused)) {
      expect(res.statusCode).toBe(401);
      expect(res.json()).toMatchObject({ errorCode: 'INVOKE-401' });
    }
  });

  test('a wrong token in the query, a forged cookie or another server’s cookie is 401 and sets no cookie', async () => {
    const wrong = await app.inject({ method: 'GET', url: '/docs?token=not-the-token' });
    expect(wrong.statusCode).toBe(401);
    expect(wrong.headers['set-cookie']).toBeUndefined();
    const forged = await app.inject({ method: 'GET', url: '/docs', headers: { cookie: `ipemu_docs_0=${'A'.repeat(43)}` } });
    expect(forged.statusCode).toBe(401);
    const other = buildServer({ emulator: makeEmulator(), token: TOKEN, logStream: captureLogs().stream });
    const otherCookie = cookieOf((await other.inject({ method: 'GET', url: `/docs?token=${TOKEN}` })).headers['set-cookie']);
    await other.close();
    expect(otherCookie).not.toBe(await signIn());
    expect((await app.inject({ method: 'GET', url: '/docs', headers: { cookie: otherCookie } })).statusCode).toBe(401);
  });

  test('the token in the query opens only the page: on another route it is 401', async () => {
    const res = await app.inject({ method: 'GET', url: `/services?token=${TOKEN}` });
    expect(res.statusCode).toBe(401);
  });

  test('the page never contains the token, and neither do the logs of a sign-in', async () => {
    const cookie = await signIn();
    await app.inject({ method: 'GET', url: `/docs?token=wrong-${TOKEN.slice(0, 6)}-guess` });
    for (const url of ['/docs', '/docs/json', '/docs/static/swagger-initializer.js']) {
      expect((await app.inject({ method: 'GET', url, headers: { cookie } })).body).not.toContain(TOKEN);
    }
    const text = logs.text();
    expect(logs.lines().filter((l) => l.msg === 'request').length).toBe(5);
    expect(text).not.toContain(TOKEN);
    expect(text).not.toContain('guess');
    expect(text).not.toContain(cookie.split('=')[1]);
  });
});

describe('the API page without a token', () => {
  test('opens without any credential, and ?token= is neither needed nor turned into a cookie', async () => {
    const app = buildServer({ emulator: makeEmulator(), logStream: captureLogs().stream });
    const res = await app.inject({ method: 'GET', url: '/docs?token=anything' });
    expect(res.statusCode).toBe(200);
    expect(res.headers['set-cookie']).toBeUndefined();
    await app.close();
  });
});
