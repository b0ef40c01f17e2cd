/**
 * The Integration Procedure part of `/openapi.json`: a `POST /procedures/<key>` path per loaded
 * procedure, and the org-style Apex REST and Connect API routes with the keys as an enum.
 */
import type { JsonSchema } from '../core/define-service';
import { DEFAULT_TIMEOUT_MS, MAX_TIMEOUT_MS } from '../core/emulator';
import type { ErrorCode } from '../core/errors';
import type { ProcedureInfo } from '../core/procedure-port';
import type { OperationIds } from './openapi-operation-ids';
import { DocPart, failureResponses, failureSchemaOfStatus, FAILURE_CODES, jsonResponse, ref, statusesOf } from './openapi-responses';
import { bodyRouteStatuses, invokeRequestBody, requestExamples } from './openapi-services';
import { APEX_REST_NAMESPACES, CONNECT_API_MIN_MAJOR } from './procedure-replies';

/** `options.timeout` as both invoke and runProcedure read it (core/invoke-arguments.ts). */
export function timeoutSchema(what: string): JsonSchema {
  return { type: 'integer', minimum: 1, maximum: MAX_TIMEOUT_MS, default: DEFAULT_TIMEOUT_MS, description: `Milliseconds before ${what} answers INVOKE-504.` };
}

export const PROCEDURES_TAG = 'Integration Procedures';

/**
 * What a run can answer: its elements reach services, Data Mappers and other procedures, so any
 * code of the table but INVOKE-401, which only the server's guard sends.
 */
const RUN_CODES: readonly ErrorCode[] = FAILURE_CODES.filter((code) => code !== 'UNAUTHORIZED');

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
    description: 'The envelope of a run that succeeded.',
    required: ['errorCode', 'error'],
    properties: {
      IPResult: { description: "The IP's response." },
      errorCode: { const: 'INVOKE-200' },
      error: { const: 'OK' },
      trace: { type: 'array', items: ref('schemas', 'TraceEntry') },
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
  ConnectExecuteSuccess: {
    type: 'object',
    description: 'Every run succeeded.',
    required: ['error', 'response', 'status'],
    properties: {
      error: { type: 'null' },
      response: { type: 'array', description: "Each run's IP response, in order.", items: {} },
      status: { const: 'Success' },
    },
  },
  ConnectExecuteError: {
    type: 'object',
    description: 'A run failed: the runs before it answered, then its failure map closes `response`.',
    required: ['error', 'response', 'status'],
    properties: {
      error: { type: 'string', description: "The failed run's message." },
      response: { type: 'array', description: "Each run's IP response in order, then the failure map.", items: {} },
      status: { const: 'Error' },
    },
  },
};

/** A Response Action may answer any status with the IP's response; a failed run, its failure map. */
function apexRestResponses(statuses: readonly number[], guard: Record<string, DocPart>): Record<string, DocPart> {
  const out: Record<string, DocPart> = { '200': jsonResponse("The IP's response.", {}) };
  for (const status of statuses) {
    out[String(status)] = jsonResponse(`The failure map of a run that failed, or the IP's response when its Response Action set status ${status}.`, {
      anyOf: [failureSchemaOfStatus(status), { description: "The IP's response." }],
    });
  }
  return { ...out, ...guard, default: jsonResponse("The IP's response, with the status its Response Action set (vlcResponseHeaders.StatusCode).", {}) };
}

function connectResponses(guard: readonly number[]): Record<string, DocPart> {
  const out: Record<string, DocPart> = { '200': jsonResponse('Every run succeeded (status Success).', ref('schemas', 'ConnectExecuteSuccess')) };
  for (const status of statusesOf(RUN_CODES)) {
    const errorBody = ref('schemas', 'ConnectExecuteError');
    // 400: a body that is not JSON is refused before the route; 404: a version before the Connect API.
    const notRead = status === 400 || status === 404;
    out[String(status)] = jsonResponse(
      notRead ? 'A run failed (status Error), or the request never reached the route (the failure map).' : 'A run failed (status Error).',
      notRead ? { anyOf: [errorBody, failureSchemaOfStatus(status)] } : errorBody,
    );
  }
  return { ...out, ...failureResponses([413, 415, ...guard]) };
}

/** The paths; `guard` is the guard's failure status (401 with a token, 421 without). */
export function procedurePaths(procedures: readonly ProcedureInfo[], guard: readonly number[], ids: OperationIds): Record<string, DocPart> {
  const paths: Record<string, DocPart> = {};
  for (const procedure of procedures) {
    paths[`/procedures/${procedure.key}`] = {
      post: {
        operationId: ids.next(['runProcedure', procedure.key]),
        summary: procedure.key,
        description: `Integration Procedure ${procedure.key} version ${procedure.version}${procedure.isTest ? ' (a test procedure)' : ''}, read from ${procedure.format}. The answer is the run's envelope: the IP's response under IPResult.`,
        tags: [PROCEDURES_TAG],
        requestBody: invokeRequestBody(
          { type: 'object', description: "The IP's input." },
          ref('schemas', 'ProcedureRunOptions'),
          requestExamples(procedure.sampleInput === undefined ? undefined : [procedure.sampleInput]),
        ),
        responses: {
          '200': jsonResponse('INVOKE-200: the envelope, the response under IPResult.', ref('schemas', 'ProcedureEnvelope')),
          ...failureResponses(bodyRouteStatuses(RUN_CODES, guard)),
        },
      },
    };
  }
  if (procedures.length === 0) return paths;
  const keyParam = {
    name: 'key',
    in: 'path',
    required: true,
    description: 'The procedure, Type_SubType.',
    schema: { type: 'string', enum: procedures.map((p) => p.key) },
  };
  const runStatuses = statusesOf(RUN_CODES);
  const apexRest = (ns: boolean): DocPart => {
    const parameters = [
      ...(ns
        ? [{ name: 'ns', in: 'path', required: true, description: 'The managed package namespace.', schema: { type: 'string', enum: APEX_REST_NAMESPACES } }]
        : []),
      keyParam,
    ];
    const suffix = ns ? '' : 'NoNamespace';
    return {
      parameters,
      get: {
        operationId: ids.next(['apexRestProcedureGet', suffix]),
        summary: 'Run an Integration Procedure over Apex REST (query parameters as input)',
        description:
          "Runs the procedure as an org does over Apex REST: the query parameters are its input, the IP's response is the body. The path also answers with a trailing slash, as Salesforce writes it.",
        tags: [PROCEDURES_TAG],
        responses: apexRestResponses(runStatuses, failureResponses(guard)),
      },
      post: {
        operationId: ids.next(['apexRestProcedurePost', suffix]),
        summary: 'Run an Integration Procedure over Apex REST (the body as input)',
        description:
          "Runs the procedure as an org does over Apex REST: the JSON body is its input, the IP's response is the body. The path also answers with a trailing slash, as Salesforce writes it.",
        tags: [PROCEDURES_TAG],
        requestBody: { required: false, content: { 'application/json': { schema: { type: 'object', description: "The IP's input." } } } },
        responses: apexRestResponses(runStatuses, failureResponses([400, 413, 415, ...guard])),
      },
    };
  };
  // Documented without the trailing slash Salesforce writes: both answer, and linters want none.
  paths['/services/apexrest/{ns}/v1/integrationprocedure/{key}'] = apexRest(true);
  paths['/services/apexrest/v1/integrationprocedure/{key}'] = apexRest(false);
  paths['/services/data/{version}/connect/omni-global/integration-procedure/execute/{key}'] = {
    parameters: [
      {
        name: 'version',
        in: 'path',
        required: true,
        description: `The API version, v${CONNECT_API_MIN_MAJOR}.0 or later.`,
        schema: { type: 'string', pattern: '^v\\d+\\.\\d$', examples: [`v${CONNECT_API_MIN_MAJOR}.0`] },
      },
      keyParam,
    ],
    post: {
      operationId: ids.next(['connectExecuteProcedure']),
      summary: 'Run an Integration Procedure through the Connect API',
      description: 'Runs the procedure once per entry of input.inputs, in order, stopping at the first failure.',
      tags: [PROCEDURES_TAG],
      requestBody: { required: false, content: { 'application/json': { schema: ref('schemas', 'ConnectExecuteRequest') } } },
      responses: connectResponses(guard),
    },
  };
  return paths;
}
