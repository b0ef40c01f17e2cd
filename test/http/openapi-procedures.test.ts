import { buildOpenApi } from '../../src/http/openapi';
import { buildServer } from '../../src/http/server';
import { makeEmulator } from './helpers';
import { FAKE_KEYS, procedureEmulator } from './fake-procedures';

interface PathItem {
  parameters?: { name: string; schema: { enum?: string[] } }[];
  get?: { operationId: string };
  post?: { operationId: string; responses: Record<string, unknown>; description?: string };
}
type Doc = { paths: Record<string, PathItem>; components: { schemas: Record<string, unknown> } };

describe('OpenAPI: the Integration Procedures', () => {
  test('one POST /procedures/<key> path per loaded procedure, with the table failures', () => {
    const doc = buildOpenApi(procedureEmulator()) as Doc;
    const paths = Object.keys(doc.paths)
      .filter((p) => p.startsWith('/procedures/'))
      .sort();
    expect(paths).toEqual(FAKE_KEYS.map((key) => `/procedures/${key}`));
    const op = doc.paths['/procedures/Demo_SelfTest']!.post!;
    expect(op.operationId).toBe('runProcedureDemoSelfTest');
    expect(op.description).toContain('test procedure');
    expect(Object.keys(op.responses)).toEqual(expect.arrayContaining(['200', '400', '404', '501', '502', '504']));
  });

  test('the Apex REST and Connect paths name the loaded keys as the enum of {key}', () => {
    const doc = buildOpenApi(procedureEmulator()) as Doc;
    for (const path of [
      '/services/apexrest/{ns}/v1/integrationprocedure/{key}',
      '/services/apexrest/v1/integrationprocedure/{key}',
      '/services/data/{version}/connect/omni-global/integration-procedure/execute/{key}',
    ]) {
      const key = doc.paths[path]!.parameters!.find((p) => p.name === 'key')!;
      expect(key.schema.enum).toEqual([...FAKE_KEYS]);
    }
    const ns = doc.paths['/services/apexrest/{ns}/v1/integrationprocedure/{key}']!.parameters!.find((p) => p.name === 'ns')!;
    expect(ns.schema.enum).toEqual(['vlocity_ins', 'vlocity_cmt', 'vlocity_ps', 'omnistudio']);
  });

  test('operationIds are unique and every $ref names a component schema', () => {
    const doc = buildOpenApi(procedureEmulator()) as Doc;
    const ids = Object.values(doc.paths).flatMap((item) => [item.get?.operationId, item.post?.operationId].filter(Boolean));
    expect(new Set(ids).size).toBe(ids.length);
    const refs = JSON.stringify(doc).match(/"\$ref":"#\/components\/schemas\/[A-Za-z]+"/g) ?? [];
    for (const ref of refs) expect(doc.components.schemas[ref.split('/').pop()!.replace('"', '')]).toBeDefined();
  });

  test('an emulator without procedures has no procedure path', () => {
    const doc = buildOpenApi(makeEmulator()) as Doc;
    expect(Object.keys(doc.paths).filter((p) => p.includes('procedure'))).toEqual([]);
  });

  test('GET /openapi.json on ipemu serve lists the procedures', async () => {
    const app = buildServer({ emulator: procedureEmulator(), logLevel: 'silent' });
    try {
      const res = await app.inject({ method: 'GET', url: '/openapi.json' });
      expect(res.statusCode).toBe(200);
      expect(Object.keys(res.json<Doc>().paths)).toContain('/procedures/Demo_Echo');
    } finally {
      await app.close();
    }
  });
});
