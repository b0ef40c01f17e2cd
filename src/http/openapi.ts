import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { cloneDeep } from 'lodash';
import type { Emulator } from '../core/emulator';
import type { JsonSchema } from '../core/define-service';
import { reachableComponents } from './openapi-components';
import { OperationIds } from './openapi-operation-ids';
import { PROCEDURE_SCHEMAS, PROCEDURES_TAG, procedurePaths, timeoutSchema } from './openapi-procedures';
import { DocPart, failureComponents, failureResponses, jsonResponse, ref } from './openapi-responses';
import { servicePaths } from './openapi-services';

export interface OpenApiOptions {
  /** The server has a token: declare the bearer scheme, require it everywhere but /healthz, document the 401s. */
  bearerAuth?: boolean;
  /** The server's own URL (`servers`); default `/`, the document's own origin. */
  serverUrl?: string;
}

const SERVER_TAG = 'Server';

const COMPONENT_SCHEMAS: Record<string, JsonSchema> = {
  InvokeOptions: {
    type: 'object',
    description: 'Options of the invocation; other keys are passed to the service.',
    properties: {
      timeout: timeoutSchema('the invocation'),
    },
    additionalProperties: true,
  },
  SuccessOutput: {
    type: 'object',
    description: 'The output map of a service that succeeded.',
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

/** `/services`, `/healthz` and `/openapi.json`; `guard` is the guard's failure status. */
function serverPaths(guard: readonly number[], ids: OperationIds): Record<string, DocPart> {
  const get = (summary: string, description: string, id: string, ok: DocPart, failures: readonly number[], extra: DocPart = {}) => ({
    get: { operationId: ids.next([id]), summary, description, tags: [SERVER_TAG], ...extra, responses: { '200': ok, ...failureResponses(failures) } },
  });
  return {
    '/services': get(
      'List the services',
      'The registered services with their descriptions and input schemas, as `ipemu services --json` lists them.',
      'listServices',
      jsonResponse('The services.', { type: 'array', items: ref('schemas', 'ServiceInfo') }),
      guard,
    ),
    // Never behind the token (a load balancer's probe has none); without one, the Host rule still applies.
    '/healthz': get(
      'Liveness',
      'Answers as long as the server runs; never needs a token.',
      'health',
      jsonResponse('The server is up.', { type: 'object', required: ['status'], properties: { status: { const: 'ok' } } }),
      [...guard.filter((status) => status !== 401), 431],
      { security: [] },
    ),
    '/openapi.json': get(
      'This document',
      'The OpenAPI 3.1 document of this server, generated from its services and procedures.',
      'getOpenApi',
      jsonResponse('The OpenAPI 3.1 document.', { type: 'object' }),
      guard,
    ),
  };
}

/**
 * OpenAPI 3.1 document for the server, generated from the emulator's registry so that every
 * plugin's service appears. Schemas are cloned: callers may edit the document freely.
 */
export function buildOpenApi(emulator: Emulator, options: OpenApiOptions = {}): Record<string, unknown> {
  const bearerAuth = options.bearerAuth ?? false;
  const guard = [bearerAuth ? 401 : 421];
  const ids = new OperationIds();
  const services = emulator.describeServices();
  const procedures = emulator.describeProcedures();
  const paths = { ...servicePaths(services, guard, ids), ...procedurePaths(procedures, guard, ids), ...serverPaths(guard, ids) };

  const classes = [...new Set(services.map((s) => s.className))];
  const tags = [
    ...classes.map((name) => ({ name, description: `The services of class ${name}: \`POST /invoke/${name}:<method>\`.` })),
    ...(procedures.length > 0
      ? [
          {
            name: PROCEDURES_TAG,
            description: 'The loaded Integration Procedures: ipemu’s envelope route, and the Apex REST and Connect API routes an org serves.',
          },
        ]
      : []),
    { name: SERVER_TAG, description: 'The server itself: its services, its liveness, this document.' },
  ];
  const failures = failureComponents();
  const offered = {
    schemas: cloneDeep({ ...COMPONENT_SCHEMAS, ...PROCEDURE_SCHEMAS, ...failures.schemas }),
    responses: failures.responses,
  };
  const components = reachableComponents(paths, offered);
  // A scheme is used by name, not by $ref: declared exactly when the global security names it.
  if (bearerAuth)
    components.securitySchemes = {
      bearerAuth: { type: 'http', scheme: 'bearer', description: 'The token the server was started with (--token or IPEMU_TOKEN).' },
    };
  const security = bearerAuth ? [{ bearerAuth: [] }] : [];
  return {
    openapi: '3.1.0',
    info: {
      title: 'ipemu',
      version: packageVersion(),
      description:
        'Salesforce OmniStudio-style Class:Method services and Integration Procedures over HTTP. Every answer of /invoke and /procedures is an INVOKE output map: errorCode INVOKE-200 and the output on success, the failure map with the HTTP status of its code otherwise.',
      contact: { name: 'ipemu' },
      license: { name: 'MIT', url: 'https://opensource.org/licenses/MIT' },
    },
    servers: [{ url: options.serverUrl ?? '/', description: options.serverUrl === undefined ? 'The server this document came from.' : 'This server.' }],
    security,
    tags,
    paths,
    components,
  };
}
