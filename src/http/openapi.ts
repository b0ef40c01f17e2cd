import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { cloneDeep } from 'lodash';
import type { Emulator } from '../core/emulator';
import { ERROR_CODES, ErrorCode } from '../core/errors';
import type { JsonSchema } from '../core/define-service';
import { PROCEDURE_SCHEMAS, procedurePaths, timeoutSchema } from './openapi-procedures';

export interface OpenApiOptions {
  /** Declare the bearer scheme and the 401 answers (the server has a token). */
  bearerAuth?: boolean;
}

const REF_FAILURE = { $ref: '#/components/schemas/FailureOutput' };
const JSON_ERROR = (description: string) => ({ description, content: { 'application/json': { schema: REF_FAILURE } } });

const COMPONENT_SCHEMAS: Record<string, JsonSchema> = {
  InvokeOptions: {
    type: 'object',
    description: 'Options of the invocation; other keys are passed to the service.',
    properties: {
      timeout: timeoutSchema('the invocation'),
    },
    additionalProperties: true,
  },
  FailureOutput: {
    type: 'object',
    required: ['errorCode', 'error'],
    properties: {
      errorCode: {
        type: 'string',
        enum: Object.values(ERROR_CODES)
          .map((e) => e.invoke)
          .filter((c) => c !== 'INVOKE-200'),
      },
      error: { type: 'string' },
      details: {},
    },
  },
  SuccessOutput: {
    type: 'object',
    required: ['errorCode', 'error'],
    properties: { errorCode: { const: 'INVOKE-200' }, error: { type: 'string' } },
    additionalProperties: true,
  },
  ServiceInfo: {
    type: 'object',
    required: ['key', 'description', 'inputSchema'],
    properties: { key: { type: 'string' }, description: { type: 'string' }, inputSchema: { type: 'object' } },
  },
};

/** Failure statuses an invocation can answer with (INVOKE-401 only when the server has a token). */
function failureResponses(bearerAuth: boolean): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const code of Object.keys(ERROR_CODES) as ErrorCode[]) {
    const entry = ERROR_CODES[code];
    if (code === 'OK' || (code === 'UNAUTHORIZED' && !bearerAuth)) continue;
    out[String(entry.http)] = JSON_ERROR(`${entry.invoke}: ${entry.meaning}`);
  }
  out['413'] = JSON_ERROR('INVOKE-400: the request body is larger than the limit');
  out['415'] = JSON_ERROR('INVOKE-400: the content type is not application/json');
  return out;
}

/** ipemu's version (package.json); src/http and dist/http both sit two levels below it. */
export function packageVersion(): string {
  try {
    const pkg: unknown = JSON.parse(readFileSync(join(__dirname, '..', '..', 'package.json'), 'utf8'));
    const version = (pkg as { version?: unknown }).version;
    return typeof version === 'string' ? version : '0.0.0';
  } catch {
    return '0.0.0';
  }
}

function operationId(key: string): string {
  return key.replace(':', '_');
}

/**
 * OpenAPI 3.1 document for the server, generated from the emulator's registry so that every
 * plugin's service appears. Schemas are cloned: callers may edit the document freely.
 */
export function buildOpenApi(emulator: Emulator, options: OpenApiOptions = {}): Record<string, unknown> {
  const bearerAuth = options.bearerAuth ?? false;
  const failures = failureResponses(bearerAuth);
  const unauthorized = bearerAuth ? { '401': failures['401'] } : {};
  const paths: Record<string, unknown> = {};
  for (const service of emulator.describeServices()) {
    paths[`/invoke/${service.key}`] = {
      post: {
        operationId: operationId(service.key),
        summary: service.key,
        description: service.description,
        tags: [service.className],
        requestBody: {
          required: false,
          content: {
            'application/json': {
              schema: {
                type: 'object',
                properties: {
                  input: cloneDeep(service.inputSchema),
                  options: { $ref: '#/components/schemas/InvokeOptions' },
                },
              },
            },
          },
        },
        responses: {
          '200': {
            description: 'INVOKE-200: the output map',
            content: {
              'application/json': { schema: service.outputSchema ? cloneDeep(service.outputSchema) : { $ref: '#/components/schemas/SuccessOutput' } },
            },
          },
          ...failures,
        },
      },
    };
  }
  Object.assign(paths, procedurePaths(emulator.describeProcedures(), failures));
  const jsonOk = (description: string, schema: unknown) => ({ description, content: { 'application/json': { schema } } });
  paths['/services'] = {
    get: {
      operationId: 'listServices',
      summary: 'The registered services with their input schemas',
      responses: { '200': jsonOk('The services', { type: 'array', items: { $ref: '#/components/schemas/ServiceInfo' } }), ...unauthorized },
    },
  };
  paths['/healthz'] = {
    get: {
      operationId: 'health',
      summary: 'Liveness; never needs a token',
      security: [],
      responses: { '200': jsonOk('The server is up', { type: 'object', properties: { status: { const: 'ok' } } }) },
    },
  };
  paths['/openapi.json'] = {
    get: {
      operationId: 'openApi',
      summary: 'This document',
      responses: { '200': jsonOk('OpenAPI 3.1 document', { type: 'object' }), ...unauthorized },
    },
  };
  const doc: Record<string, unknown> = {
    openapi: '3.1.0',
    info: {
      title: 'ipemu',
      version: packageVersion(),
      description:
        'Salesforce OmniStudio-style Class:Method services and Integration Procedures over HTTP. Every answer of /invoke and /procedures is an INVOKE output map.',
    },
    paths,
    components: {
      schemas: cloneDeep({ ...COMPONENT_SCHEMAS, ...PROCEDURE_SCHEMAS }),
      ...(bearerAuth ? { securitySchemes: { bearerAuth: { type: 'http', scheme: 'bearer' } } } : {}),
    },
  };
  if (bearerAuth) doc.security = [{ bearerAuth: [] }];
  return doc;
}
