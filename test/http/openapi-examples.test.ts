// Every request example of /openapi.json, sent as Postman sends an imported one, is answered 200
// INVOKE-200 on the demo org, with a body the documented 200 schema accepts.
import { buildOpenApi } from '../../src/http/openapi';
import { buildServer } from '../../src/http/server';
import { createEmulator } from '../../src/ipemu';
import { DEMO_FIXTURES, MockOrg } from '../../src/mock-org/mock-org';
import { bodySchemaOf, OpenApiDoc, operationsOf, validatorOf } from './openapi-doc';
import { captureLogs, tinyOrg } from './helpers';

const doc = buildOpenApi(createEmulator({ org: tinyOrg })) as unknown as OpenApiDoc;
const examples = operationsOf(doc).flatMap(({ path, method, op }) =>
  Object.entries(op.requestBody?.content['application/json'].examples ?? {}).map(([name, example]) => ({ path, method, op, name, value: example.value })),
);

describe('OpenAPI request examples on the demo org', () => {
  test('every built-in service and every demo procedure with test data has an example', () => {
    const withExamples = new Set(examples.map((e) => e.path));
    for (const { path } of operationsOf(doc).filter((o) => o.path.startsWith('/invoke/'))) expect(withExamples).toContain(path);
    for (const key of ['InsPolicy_JobStatusSummary', 'InsPolicy_StatusByReference', 'InsPolicy_StartMultiRootPolicy']) {
      expect(withExamples).toContain(`/procedures/${key}`);
    }
  });

  test('the procedure examples are the exports’ sample inputs (CustomJavaScript__c)', () => {
    const summary = examples.find((e) => e.path === '/procedures/InsPolicy_JobStatusSummary');
    expect(summary?.value).toEqual({ input: { referencePolicyNumber: 'AUTO-2026-000123' } });
  });

  test.each(examples.map((e) => [`${e.method.toUpperCase()} ${e.path} (${e.name})`, e] as const))('%s answers 200 INVOKE-200', async (_title, example) => {
    // A fresh org each: the job starters' examples write, and each should be answered as the first call would be.
    const org = await MockOrg.fromFixtures(DEMO_FIXTURES);
    const app = buildServer({ emulator: createEmulator({ org }), logStream: captureLogs().stream });
    try {
      const res = await app.inject({ method: example.method.toUpperCase() as 'POST', url: example.path, payload: example.value as object });
      const body = res.json<{ errorCode: string }>();
      expect({ status: res.statusCode, errorCode: body.errorCode }).toEqual({ status: 200, errorCode: 'INVOKE-200' });
      const validate = validatorOf(doc, bodySchemaOf(doc, example.op, '200')!);
      expect(validate(body) ? [] : validate.errors).toEqual([]);
    } finally {
      await app.close();
    }
  });
});
