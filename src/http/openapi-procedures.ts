/**
 * The Integration Procedure part of `/openapi.json`: a `POST /procedures/<key>` path per loaded
 * procedure, and the org-style Apex REST and Connect API routes with the keys as an enum.
 */
import type { JsonSchema } from '../core/define-service';
import { DEFAULT_TIMEOUT_MS, MAX_TIMEOUT_MS } from '../core/emulator';
import type { ProcedureInfo } from '../core/procedure-port';
import { APEX_REST_NAMESPACES, CONNECT_API_MIN_MAJOR } from './procedure-replies';

/** `options.timeout` as both invoke and runProcedure read it (core/invoke-arguments.ts). */
export function timeoutSchema(what: string): JsonSchema {
  return { type: 'integer', minimum: 1, maximum: MAX_TIMEOUT_MS, default: DEFAULT_TIMEOUT_MS, description: `Milliseconds before ${what} answers INVOKE-504.` };
}

export const PROCEDURE_SCHEMAS: Record<string, JsonSchema> = {
  ProcedureRunOptions: {
    type: 'object',
    description: 'Options of the run; other keys reach the procedure as its options.',
    properties: {
      timeout: timeoutSchema('the run'),
      trace: { type: 'boolean', description: 'Add `trace`: one entry per element (name, type, status, ms, output).' },
      test: { type: 'boolean', description: "A test run: the procedures' mockResponseMap replaces the named elements' results." },
    },
    additionalProperties: true,
  },
  ProcedureEnvelope: {
    type: 'object',
    required: ['errorCode', 'error'],
    properties: {
      IPResult: { description: "The IP's response." },
      errorCode: { const: 'INVOKE-200' },
      error: { const: 'OK' },
      trace: { type: 'array', items: { $ref: '#/components/schemas/TraceEntry' } },
      asserts: {
        type: 'array',
        items: { type: 'object', properties: { name: { type: 'string' }, passed: { type: 'boolean' }, message: { type: 'string' } } },
      },
      responseHeaders: { type: 'object', description: "A Response Action's vlcResponseHeaders (StatusCode sets the Apex REST status)." },
    },
  },
  TraceEntry: {
    type: 'object',
    required: ['name', 'type', 'status'],
    properties: {
      name: { type: 'string' },
      type: { type: 'string' },
      status: { enum: ['ran', 'skipped', 'failed'] },
      reason: { type: 'string' },
      ms: { type: 'number' },
      output: {},
    },
  },
  ConnectExecuteRequest: {
    type: 'object',
    properties: {
      input: {
        type: 'object',
        properties: { inputs: { type: 'array', items: { type: 'string', description: 'One run: its input map as a JSON string.' } } },
      },
      options: { type: 'object' },
    },
  },
  ConnectExecuteResponse: {
    type: 'object',
    required: ['error', 'response', 'status'],
    properties: {
      error: { type: ['string', 'null'] },
      response: { type: 'array', description: "Each run's IP response in order; after a failure, its failure map, last." },
      status: { enum: ['Success', 'Error'] },
    },
  },
};

const json = (description: string, schema: unknown) => ({ description, content: { 'application/json': { schema } } });
const ref = (name: string) => ({ $ref: `#/components/schemas/${name}` });

/** The paths; `failures` are the error answers by status, as the invoke paths list them. */
export function procedurePaths(procedures: readonly ProcedureInfo[], failures: Record<string, unknown>): Record<string, unknown> {
  const paths: Record<string, unknown> = {};
  for (const procedure of procedures) {
    paths[`/procedures/${procedure.key}`] = {
      post: {
        operationId: `procedure_${procedure.key}`,
        summary: procedure.key,
        description: `Integration Procedure ${procedure.key} version ${procedure.version}${procedure.isTest ? ' (a test procedure)' : ''}, read from ${procedure.format}.`,
        tags: ['Integration Procedures'],
        requestBody: {
          required: false,
          content: {
            'application/json': { schema: { type: 'object', properties: { input: { type: 'object' }, options: ref('ProcedureRunOptions') } } },
          },
        },
        responses: { '200': json('INVOKE-200: the envelope, the response under IPResult', ref('ProcedureEnvelope')), ...failures },
      },
    };
  }
  if (procedures.length === 0) return paths;
  const keyParam = { name: 'key', in: 'path', required: true, schema: { type: 'string', enum: procedures.map((p) => p.key) } };
  const apexRest = (ns: boolean) => ({
    parameters: [...(ns ? [{ name: 'ns', in: 'path', required: true, schema: { type: 'string', enum: APEX_REST_NAMESPACES } }] : []), keyParam],
    get: {
      operationId: ns ? 'apexRestProcedureGet' : 'apexRestProcedureGetNoNamespace',
      summary: 'Run an Integration Procedure as an org does over Apex REST; the query parameters are its input',
      tags: ['Integration Procedures'],
      responses: { '200': json("The IP's response (a Response Action's StatusCode may set another status)", {}), ...failures },
    },
    post: {
      operationId: ns ? 'apexRestProcedurePost' : 'apexRestProcedurePostNoNamespace',
      summary: 'Run an Integration Procedure as an org does over Apex REST; the body is its input',
      tags: ['Integration Procedures'],
      requestBody: { required: false, content: { 'application/json': { schema: { type: 'object' } } } },
      responses: { '200': json("The IP's response (a Response Action's StatusCode may set another status)", {}), ...failures },
    },
  });
  paths['/services/apexrest/{ns}/v1/integrationprocedure/{key}/'] = apexRest(true);
  paths['/services/apexrest/v1/integrationprocedure/{key}/'] = apexRest(false);
  paths['/services/data/{version}/connect/omni-global/integration-procedure/execute/{key}'] = {
    parameters: [
      {
        name: 'version',
        in: 'path',
        required: true,
        description: `v${CONNECT_API_MIN_MAJOR}.0 or later`,
        schema: { type: 'string', pattern: '^v\\d+\\.\\d$' },
      },
      keyParam,
    ],
    post: {
      operationId: 'connectExecuteProcedure',
      summary: 'Run an Integration Procedure through the Connect API, once per entry of input.inputs',
      tags: ['Integration Procedures'],
      requestBody: { required: false, content: { 'application/json': { schema: ref('ConnectExecuteRequest') } } },
      responses: { '200': json('status Success', ref('ConnectExecuteResponse')), default: json('status Error', ref('ConnectExecuteResponse')) },
    },
  };
  return paths;
}
