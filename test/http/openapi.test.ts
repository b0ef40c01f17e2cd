import { buildServer } from '../../src/http/server';
import { buildOpenApi } from '../../src/http/openapi';
import { defineService, definePlugin } from '../../src/core/define-service';
import { captureLogs, makeEmulator, testPlugin } from './helpers';

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

  test('puts the input schema inside the request body and the output schema on 200, failures on 4xx/5xx', () => {
    const doc = buildOpenApi(makeEmulator()) as Doc;
    const op = doc.paths['/invoke/Echo:echo']!.post as Operation;
    const body = op.requestBody.content['application/json'].schema;
    expect(body.type).toBe('object');
    expect(body.properties.input).toEqual({ type: 'object', properties: { n: { type: 'integer' }, name: { type: 'string' } } });
    expect(body.properties.options).toEqual({ $ref: '#/components/schemas/InvokeOptions' });
    expect(op.responses['200']!.content['application/json'].schema).toEqual({
      type: 'object',
      properties: { n: { type: 'integer' }, echoed: { type: 'object' } },
    });
    for (const status of ['400', '403', '404', '413', '415', '500', '502', '504']) {
      expect(op.responses[status]!.content['application/json'].schema).toEqual({ $ref: '#/components/schemas/FailureOutput' });
    }
    expect(op.responses['401']).toBeUndefined();
    expect(doc.components.schemas!.FailureOutput).toMatchObject({ required: ['errorCode', 'error'] });
    // A service without an output schema still documents the success map.
    const noOutput = (doc.paths['/invoke/Echo:fail']!.post as Operation).responses['200']!.content['application/json'].schema;
    expect(noOutput).toEqual({ $ref: '#/components/schemas/SuccessOutput' });
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
    expect(op.responses['200']!.content['application/json'].schema).toEqual({ type: 'object', properties: { premium: { type: 'number' } } });
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
    expect(doc.components.securitySchemes).toEqual({ bearerAuth: { type: 'http', scheme: 'bearer' } });
    expect(doc.security).toEqual([{ bearerAuth: [] }]);
    expect((doc.paths['/invoke/Echo:echo']!.post as Operation).responses['401']).toBeDefined();
    expect(doc.paths['/healthz']!.get?.security).toEqual([]);

    const open = buildOpenApi(makeEmulator()) as Doc;
    expect(open.components.securitySchemes).toBeUndefined();
    expect(open.security).toBeUndefined();
  });

  test("GET /openapi.json serves the document of the server's own emulator", async () => {
    const app = buildServer({ emulator: makeEmulator([testPlugin(), extraPlugin]), logStream: captureLogs().stream });
    const res = await app.inject({ method: 'GET', url: '/openapi.json' });
    await app.close();
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toMatch(/^application\/json/);
    expect(Object.keys(res.json<Doc>().paths)).toContain('/invoke/QuoteService:getQuote');
  });
});
