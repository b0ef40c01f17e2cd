import { buildOpenApi } from '../../src/http/openapi';
import { defineService, definePlugin } from '../../src/core/define-service';
import { createEmulator } from '../../src/ipemu';
import { buildServer, startServer } from '../../src/http/server';
import { captureLogs, makeEmulator, testPlugin, tinyOrg } from './helpers';

interface Operation {
  requestBody: { content: { 'application/json': { schema: { type: string; properties: Record<string, unknown> } } } };
  responses: Record<string, { content: { 'application/json': { schema: unknown } } }>;
}
type Doc = {
  openapi: string;
  info: { version: string };
  paths: Record<string, { post?: Operation }>;
  components: Record<string, Record<string, unknown>>;
  security?: unknown;
};

const extraPlugin = definePlugin({
  name: 'extra',
  services: [
    defineService('QuoteService', {
      getQuote: {
        description: 'Reads a quote.',
        input: { type: 'object', required: ['quoteId'], properties: { quoteId: { type: 'string' } } },
        output: { type: 'object', properties: { premium: { type: 'number' } } },
        handler: () => ({ premium: 1 }),
      },
    }),
  ],
});

describe('OpenAPI document', () => {
  test('is OpenAPI 3.1 with one POST path per service', () => {
    const doc = buildOpenApi(makeEmulator()) as Doc;
    expect(doc.openapi).toBe('3.1.0');
    expect(doc.info.version).toMatch(/^\d+\.\d+\.\d+/);
    const invokePaths = Object.keys(doc.paths)
      .filter((p) => p.startsWith('/invoke/'))
      .sort();
    expect(invokePaths).toEqual(['/invoke/Echo:echo', '/invoke/Echo:fail', '/invoke/Echo:sleep']);
    expect(Object.keys(doc.paths)).toEqual(expect.arrayContaining(['/services', '/healthz', '/openapi.json']));
  });

  test('puts the input schema inside the request body, only the success map on 200, a shared response per failure status', () => {
    const doc = buildOpenApi(makeEmulator()) as Doc;
    const op = doc.paths['/invoke/Echo:echo']!.post as Operation;
    const body = op.requestBody.content['application/json'].schema;
    expect(body.type).toBe('object');
    expect(body.properties.input).toEqual({ type: 'object', properties: { n: { type: 'integer' }, name: { type: 'string' } } });
    expect(body.properties.options).toEqual({ $ref: '#/components/schemas/InvokeOptions' });
    // An output schema of the service's keys only: the map adds errorCode INVOKE-200 and error.
    expect(op.responses['200']!.content['application/json'].schema).toEqual({
      allOf: [{ $ref: '#/components/schemas/SuccessOutput' }, { type: 'object', properties: { n: { type: 'integer' }, echoed: { type: 'object' } } }],
    });
    // No failure list in its output schema: any code but INVOKE-401, plus the body's and the guard's statuses.
    expect(Object.keys(op.responses)).toEqual(['200', '400', '403', '404', '413', '415', '421', '500', '501', '502', '504']);
    for (const status of Object.keys(op.responses).filter((s) => s !== '200')) {
      expect(op.responses[status]).toEqual({ $ref: `#/components/responses/Status${status}` });
    }
    const responses = doc.components.responses as Record<string, { content: { 'application/json': { schema: unknown } } }>;
    expect(responses.Status404!.content['application/json'].schema).toEqual({ $ref: '#/components/schemas/Invoke404Failure' });
    expect(responses.Status413!.content['application/json'].schema).toEqual({ $ref: '#/components/schemas/Invoke400Failure' });
    expect(doc.components.schemas!.Invoke404Failure).toMatchObject({
      allOf: [{ $ref: '#/components/schemas/FailureOutput' }, { required: ['errorCode'], properties: { errorCode: { const: 'INVOKE-404' } } }],
    });
    const noOutput = (doc.paths['/invoke/Echo:fail']!.post as Operation).responses['200']!.content['application/json'].schema;
    expect(noOutput).toEqual({ $ref: '#/components/schemas/SuccessOutput' });
  });

  test("a oneOf output schema: 200 has only its INVOKE-200 branch, the failures are the statuses of the other branch's codes", () => {
    const doc = buildOpenApi(createEmulator({ org: tinyOrg, procedures: false })) as Doc;
    const op = doc.paths['/invoke/InsPolicyService:getPolicyAsyncJobStatus']!.post as Operation;
    const ok = op.responses['200']!.content['application/json'].schema as { oneOf?: unknown; properties: { errorCode: unknown }; required: string[] };
    expect(ok.oneOf).toBeUndefined();
    expect(ok.properties.errorCode).toEqual({ const: 'INVOKE-200' });
    expect(ok.required).toEqual(['status', 'jobId', 'errorCode', 'error']);
    // The schema lists 400, 403, 404, 500, 502, 504; the body adds 413 and 415, the guard 421: no 501.
    expect(Object.keys(op.responses)).toEqual(['200', '400', '403', '404', '413', '415', '421', '500', '502', '504']);
    const starter = doc.paths['/invoke/InsPolicyService:createMultiRootPolicy']!.post as Operation;
    expect(Object.keys(starter.responses)).toContain('501');
    expect(JSON.stringify(op)).not.toContain('$schema');
  });

  test('every $ref points at a component that exists', () => {
    const doc = buildOpenApi(makeEmulator(), { bearerAuth: true }) as Doc;
    const refs = JSON.stringify(doc).match(/"\$ref":"#\/components\/schemas\/[A-Za-z]+"/g) ?? [];
    expect(refs.length).toBeGreaterThan(0);
    for (const ref of refs) expect(doc.components.schemas![ref.split('/').pop()!.replace('"', '')]).toBeDefined();
  });

  test('changes when a plugin adds a service', () => {
    const before = buildOpenApi(makeEmulator([testPlugin()])) as Doc;
    const after = buildOpenApi(makeEmulator([testPlugin(), extraPlugin])) as Doc;
    expect(before.paths['/invoke/QuoteService:getQuote']).toBeUndefined();
    const op = after.paths['/invoke/QuoteService:getQuote']!.post as Operation;
    expect(op.requestBody.content['application/json'].schema.properties.input).toMatchObject({ required: ['quoteId'] });
    expect(op.responses['200']!.content['application/json'].schema).toEqual({
      allOf: [{ $ref: '#/components/schemas/SuccessOutput' }, { type: 'object', properties: { premium: { type: 'number' } } }],
    });
  });

  test('editing the document does not touch the registry', async () => {
    const emulator = makeEmulator();
    const doc = buildOpenApi(emulator) as Doc;
    (doc.paths['/invoke/Echo:echo']!.post as Operation).requestBody.content['application/json'].schema.properties.input = { type: 'string' };
    const schema = emulator.services().find((s) => s.key === 'Echo:echo')?.inputSchema;
    expect(schema).toMatchObject({ type: 'object' });
  });

  test('declares bearer auth and 401 answers only when the server has a token', async () => {
    const secured = buildServer({ emulator: makeEmulator(), token: 't0k', logStream: captureLogs().stream });
    const res = await secured.inject({ method: 'GET', url: '/openapi.json', headers: { authorization: 'Bearer t0k' } });
    await secured.close();
    expect(res.statusCode).toBe(200);
    const doc = res.json<Doc & { paths: Record<string, { get?: { security?: unknown } }> }>();
    expect(doc.components.securitySchemes).toEqual({ bearerAuth: expect.objectContaining({ type: 'http', scheme: 'bearer' }) });
    expect(doc.security).toEqual([{ bearerAuth: [] }]);
    const responses = (doc.paths['/invoke/Echo:echo']!.post as Operation).responses;
    expect(responses['401']).toEqual({ $ref: '#/components/responses/Status401' });
    // With a token the Host rule is off: no 421.
    expect(responses['421']).toBeUndefined();
    expect(doc.paths['/healthz']!.get?.security).toEqual([]);

    const open = buildOpenApi(makeEmulator()) as Doc;
    expect(open.components.securitySchemes).toBeUndefined();
    expect(open.security).toEqual([]);
    expect((open.paths['/invoke/Echo:echo']!.post as Operation).responses['401']).toBeUndefined();
  });

  test("GET /openapi.json serves the document of the server's own emulator", async () => {
    const app = buildServer({ emulator: makeEmulator([testPlugin(), extraPlugin]), logStream: captureLogs().stream });
    const res = await app.inject({ method: 'GET', url: '/openapi.json' });
    await app.close();
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toMatch(/^application\/json/);
    expect(Object.keys(res.json<Doc>().paths)).toContain('/invoke/QuoteService:getQuote');
  });

  test('servers is the relative / when the server is not listening, the URL the client used when it is', async () => {
    const app = buildServer({ emulator: makeEmulator(), logStream: captureLogs().stream });
    const injected = await app.inject({ method: 'GET', url: '/openapi.json' });
    await app.close();
    expect(injected.json<{ servers: unknown }>().servers).toEqual([{ url: '/', description: expect.any(String) }]);
    expect((buildOpenApi(makeEmulator(), { serverUrl: 'http://127.0.0.1:9' }) as { servers: unknown }).servers).toEqual([
      { url: 'http://127.0.0.1:9', description: expect.any(String) },
    ]);

    const running = await startServer({ emulator: makeEmulator(), port: 0, logStream: captureLogs().stream });
    try {
      const viaIp = (await (await fetch(`${running.url}/openapi.json`)).json()) as { servers: { url: string }[] };
      expect(viaIp.servers[0]!.url).toBe(running.url);
      const port = new URL(running.url).port;
      const viaName = (await (await fetch(`http://localhost:${port}/openapi.json`)).json()) as { servers: { url: string }[] };
      expect(viaName.servers[0]!.url).toBe(`http://localhost:${port}`);
    } finally {
      await running.close();
    }
  });

  test('operationIds are camelCase letters and digits, unique, and every operation has a summary, a description and a declared tag', () => {
    const doc = buildOpenApi(makeEmulator([testPlugin(), extraPlugin])) as Doc & { tags: { name: string; description: string }[] };
    const operations = Object.values(doc.paths).flatMap((item) =>
      Object.values(item as Record<string, { operationId: string; summary: string; description: string; tags: string[] }>),
    );
    const ids = operations.map((op) => op.operationId);
    expect(ids).toContain('invokeEchoEcho');
    expect(ids).toContain('invokeQuoteServiceGetQuote');
    for (const id of ids) expect(id).toMatch(/^[a-z][A-Za-z0-9]*$/);
    expect(new Set(ids).size).toBe(ids.length);
    const declared = doc.tags.map((t) => t.name);
    expect(declared).toEqual(['Echo', 'QuoteService', 'Server']);
    for (const tag of doc.tags) expect(tag.description.length).toBeGreaterThan(0);
    for (const op of operations) {
      expect(op.summary.length).toBeGreaterThan(0);
      expect(op.description.length).toBeGreaterThan(0);
      expect(op.tags.every((t) => declared.includes(t))).toBe(true);
    }
  });

  test.each([false, true])('every component is referenced and every reference resolves (token: %s)', (bearerAuth) => {
    const doc = buildOpenApi(createEmulator({ org: tinyOrg }), { bearerAuth }) as Doc;
    const text = JSON.stringify(doc);
    const refs = new Set((text.match(/"\$ref":"#\/components\/[A-Za-z]+\/[A-Za-z0-9]+"/g) ?? []).map((r) => r.slice(8, -1)));
    for (const ref of refs) {
      const [, , section, name] = ref.split('/');
      expect(doc.components[section!]?.[name!]).toBeDefined();
    }
    for (const [section, parts] of Object.entries(doc.components)) {
      if (section === 'securitySchemes') continue;
      for (const name of Object.keys(parts)) expect(refs).toContain(`#/components/${section}/${name}`);
    }
  });

  test('without a token no 401 schema or response is offered; FailureOutput stays, the base of each InvokeNNNFailure', () => {
    const doc = buildOpenApi(makeEmulator()) as Doc;
    expect(Object.keys(doc.components.schemas!)).toEqual(expect.arrayContaining(['FailureOutput', 'Invoke400Failure', 'SuccessOutput']));
    // No token: no 401 anywhere, so its schema and response are not offered.
    expect(doc.components.schemas!.Invoke401Failure).toBeUndefined();
    expect(doc.components.responses!.Status401).toBeUndefined();
  });
});
