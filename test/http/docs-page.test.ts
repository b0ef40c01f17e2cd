import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { FastifyInstance } from 'fastify';
import { buildServer } from '../../src/http/server';
import { DOCS_CSP } from '../../src/http/docs-options';
import { captureLogs, makeEmulator } from './helpers';

/** Every src/href the HTML shell names (the assets a browser fetches first). */
function assetUrls(html: string): string[] {
  return [...html.matchAll(/(?:src|href)="([^"]+)"/g)].map((m) => m[1]!);
}

describe('the API page at /docs', () => {
  let app: FastifyInstance;
  beforeAll(() => {
    app = buildServer({ emulator: makeEmulator(), logStream: captureLogs().stream });
  });
  afterAll(() => app.close());

  test('GET /docs and /docs/ answer the Swagger UI shell as HTML, titled ipemu API', async () => {
    for (const url of ['/docs', '/docs/']) {
      const res = await app.inject({ method: 'GET', url });
      expect(res.statusCode).toBe(200);
      expect(res.headers['content-type']).toBe('text/html; charset=utf-8');
      expect(res.body).toContain('<div id="swagger-ui"></div>');
      expect(res.body).toContain('<title>ipemu API</title>');
    }
  });

  test('every asset the shell names is served by this server from under /docs, none from another host', async () => {
    const html = (await app.inject({ method: 'GET', url: '/docs' })).body;
    const urls = assetUrls(html);
    expect(urls).toEqual(expect.arrayContaining(['/docs/static/swagger-ui-bundle.js', '/docs/static/swagger-initializer.js', '/docs/static/swagger-ui.css']));
    for (const url of urls) {
      expect(url.startsWith('/docs/')).toBe(true);
      const res = await app.inject({ method: 'GET', url });
      expect([url, res.statusCode]).toEqual([url, 200]);
    }
  });

  test('the page and its assets carry a CSP that lets them reach only this server', async () => {
    for (const url of ['/docs', '/docs/static/swagger-ui-bundle.js', '/docs/json']) {
      const res = await app.inject({ method: 'GET', url });
      expect(res.headers['content-security-policy']).toBe(DOCS_CSP);
    }
    expect(DOCS_CSP).toContain("default-src 'none'");
    expect(DOCS_CSP).toContain("connect-src 'self'");
    expect(DOCS_CSP).not.toMatch(/https?:|validator/);
  });

  test('the page shows the document GET /openapi.json serves, with the relative server / so that Try it out calls the origin the page came from', async () => {
    const page = await app.inject({ method: 'GET', url: '/docs/json' });
    // Not listening (inject), /openapi.json names the relative server too: the two are equal.
    const served = await app.inject({ method: 'GET', url: '/openapi.json' });
    expect(page.statusCode).toBe(200);
    expect(page.json()).toEqual(served.json());
    expect(page.json<{ servers: unknown }>().servers).toEqual([expect.objectContaining({ url: '/' })]);
    expect(Object.keys(page.json<{ paths: object }>().paths)).toContain('/invoke/Echo:echo');
  });

  test('the initializer turns the validator badge off and hides the top bar that loads other documents', async () => {
    const js = (await app.inject({ method: 'GET', url: '/docs/static/swagger-initializer.js' })).body;
    expect(js).toContain('validatorUrl: null');
    expect(js).toContain('"layout":"BaseLayout"');
    expect(js).toContain('"persistAuthorization":false');
    expect(js).not.toContain('validator.swagger.io');
  });

  test('a missing asset under /docs is a 404 INVOKE-404 output map', async () => {
    const res = await app.inject({ method: 'GET', url: '/docs/static/nothing-here.js' });
    expect(res.statusCode).toBe(404);
    expect(res.json()).toMatchObject({ errorCode: 'INVOKE-404' });
  });

  test("the page adds no route to /openapi.json, and invocations answer as before, without the page's CSP header", async () => {
    const doc = (await app.inject({ method: 'GET', url: '/openapi.json' })).json<{ paths: Record<string, unknown> }>();
    expect(Object.keys(doc.paths).filter((p) => p.startsWith('/docs'))).toEqual([]);
    const res = await app.inject({ method: 'POST', url: '/invoke/Echo:echo', headers: { 'content-type': 'application/json' }, payload: '{"input":{"n":1}}' });
    expect(res.json()).toMatchObject({ errorCode: 'INVOKE-200', n: 1 });
    // The page's hooks (its CSP) stay in its own scope: invocations pay nothing for it.
    expect(res.headers['content-security-policy']).toBeUndefined();
  });
});

describe('docs: false', () => {
  test('serves no page: /docs and its assets are 404', async () => {
    const app = buildServer({ emulator: makeEmulator(), docs: false, logStream: captureLogs().stream });
    for (const url of ['/docs', '/docs/json', '/docs/static/swagger-ui-bundle.js']) {
      const res = await app.inject({ method: 'GET', url });
      expect([url, res.statusCode]).toEqual([url, 404]);
    }
    expect((await app.inject({ method: 'GET', url: '/openapi.json' })).statusCode).toBe(200);
    await app.close();
  });
});

describe('no third-party analytics', () => {
  test('package.json opts this repository out of @scarf/scarf install analytics (a dev dependency of Spectral)', () => {
    const pkg = JSON.parse(readFileSync(join(__dirname, '..', '..', 'package.json'), 'utf8')) as { scarfSettings?: unknown };
    expect(pkg.scarfSettings).toEqual({ enabled: false });
  });

  test('no asset of the page mentions scarf', async () => {
    const app = buildServer({ emulator: makeEmulator(), logStream: captureLogs().stream });
    for (const url of ['/docs', '/docs/static/swagger-ui-bundle.js', '/docs/static/swagger-ui-standalone-preset.js', '/docs/static/swagger-initializer.js']) {
      const body = (await app.inject({ method: 'GET', url })).body;
      expect([url, /scarf/i.test(body)]).toEqual([url, false]);
    }
    await app.close();
  });
});
