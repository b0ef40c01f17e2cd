/**
 * The answers of `ipemu serve`'s routes in OpenAPI terms: one response per HTTP status a route can
 * really send, each with the INVOKE failure map restricted to the codes the one error table (and the
 * transport, for the statuses HTTP needs of its own) gives that status.
 */
import { ERROR_CODES, ErrorCode, InvokeCode } from '../core/errors';

/** An OpenAPI 3.1 schema or any other part of the document, as a plain object. */
export type DocPart = Record<string, unknown>;

export const ref = (section: 'schemas' | 'responses', name: string): DocPart => ({ $ref: `#/components/${section}/${name}` });

/**
 * Statuses the transport answers with an INVOKE-400 map under a status of their own
 * (error-replies.ts, auth.ts): not rows of the table, because the same outcome needs them.
 */
export const TRANSPORT_STATUSES: Readonly<Record<number, string>> = {
  413: 'the request body is larger than the limit (1 MiB unless the server says otherwise)',
  415: 'the content type is not application/json',
  421: 'this server has no token, so it answers only requests addressed to 127.0.0.1, localhost or [::1]',
  431: 'the request headers are too large',
};

/** Every failure code of the table, in its order. */
export const FAILURE_CODES: readonly ErrorCode[] = (Object.keys(ERROR_CODES) as ErrorCode[]).filter((code) => code !== 'OK');

/** The codes an answer of `status` carries: the table's rows of that status, or INVOKE-400 for a transport status. */
export function codesOfStatus(status: number): ErrorCode[] {
  if (TRANSPORT_STATUSES[status] !== undefined) return ['INVALID_INPUT'];
  return FAILURE_CODES.filter((code) => ERROR_CODES[code].http === status);
}

/** The statuses of `codes`, each once, in ascending order. */
export function statusesOf(codes: Iterable<ErrorCode>): number[] {
  return [...new Set([...codes].map((code) => ERROR_CODES[code].http))].sort((a, b) => a - b);
}

/** `INVOKE-404` → `Invoke404Failure`: the component of the failure map with that code. */
export function failureSchemaName(invoke: InvokeCode): string {
  return `Invoke${invoke.slice('INVOKE-'.length)}Failure`;
}

const responseName = (status: number): string => `Status${status}`;

function statusDescription(status: number): string {
  const codes = codesOfStatus(status);
  const why = TRANSPORT_STATUSES[status] ?? codes.map((code) => ERROR_CODES[code].meaning).join('; ');
  return `${codes.map((code) => ERROR_CODES[code].invoke).join(' or ')}: ${why}.`;
}

/** The failure map schema of the codes of `status` (one code: its component; several: any of them). */
export function failureSchemaOfStatus(status: number): DocPart {
  const refs = codesOfStatus(status).map((code) => ref('schemas', failureSchemaName(ERROR_CODES[code].invoke)));
  return refs.length === 1 ? refs[0]! : { anyOf: refs };
}

/** The responses of `statuses`, each a reference to the shared response of its status. */
export function failureResponses(statuses: readonly number[]): Record<string, DocPart> {
  const out: Record<string, DocPart> = {};
  for (const status of [...statuses].sort((a, b) => a - b)) out[String(status)] = ref('responses', responseName(status));
  return out;
}

/** A response whose body is JSON of `schema`. */
export function jsonResponse(description: string, schema: DocPart): DocPart {
  return { description, content: { 'application/json': { schema } } };
}

/** Every statuses' shared response and every code's failure schema; `pruneComponents` drops the unused. */
export function failureComponents(): { schemas: Record<string, DocPart>; responses: Record<string, DocPart> } {
  const schemas: Record<string, DocPart> = {
    FailureOutput: {
      type: 'object',
      description: 'The output map of a failed invocation.',
      required: ['errorCode', 'error'],
      properties: {
        errorCode: { type: 'string', enum: FAILURE_CODES.map((code) => ERROR_CODES[code].invoke) },
        error: { type: 'string', description: 'What went wrong.' },
        details: { description: 'More about the failure (the schema errors of an INVOKE-400, …), when there is more.' },
      },
    },
  };
  for (const code of FAILURE_CODES) {
    const { invoke, meaning } = ERROR_CODES[code];
    schemas[failureSchemaName(invoke)] = {
      description: `${invoke}: ${meaning}.`,
      allOf: [ref('schemas', 'FailureOutput'), { type: 'object', required: ['errorCode'], properties: { errorCode: { const: invoke } } }],
    };
  }
  const responses: Record<string, DocPart> = {};
  const statuses = new Set([...FAILURE_CODES.map((code) => ERROR_CODES[code].http), ...Object.keys(TRANSPORT_STATUSES).map(Number)]);
  for (const status of [...statuses].sort((a, b) => a - b)) {
    responses[responseName(status)] = jsonResponse(statusDescription(status), failureSchemaOfStatus(status));
  }
  return { schemas, responses };
}
