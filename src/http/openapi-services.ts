/**
 * The `POST /invoke/<Class:Method>` paths of `/openapi.json`: the input schema inside the request
 * body with the schema's own `examples`, the success branch of the output schema on 200, and one
 * response per failure status the service can answer.
 */
import { cloneDeep } from 'lodash';
import type { ServiceDescription } from '../core/registry';
import { ErrorCode, errorCodeOf } from '../core/errors';
import { isPlainObject } from '../core/plain-object';
import type { OperationIds } from './openapi-operation-ids';
import { DocPart, failureResponses, FAILURE_CODES, jsonResponse, ref, statusesOf } from './openapi-responses';

/** Outcomes any invocation can have, whatever its schema lists: a schema error, a crash, the deadline. */
const ALWAYS_POSSIBLE: readonly ErrorCode[] = ['INVALID_INPUT', 'INTERNAL', 'TIMEOUT'];

/** A schema as a part of the document: the keywords that only make sense at a file's root dropped. */
export function embeddable(schema: DocPart): DocPart {
  const copy = cloneDeep(schema);
  delete copy.$schema;
  delete copy.$id;
  return copy;
}

function errorCodesOfBranch(branch: unknown): string[] {
  if (!isPlainObject(branch) || !isPlainObject(branch.properties)) return [];
  const errorCode = branch.properties.errorCode;
  if (!isPlainObject(errorCode)) return [];
  if (typeof errorCode.const === 'string') return [errorCode.const];
  return Array.isArray(errorCode.enum) ? errorCode.enum.filter((c): c is string => typeof c === 'string') : [];
}

const isSuccessBranch = (branch: unknown): boolean => {
  const codes = errorCodesOfBranch(branch);
  return codes.length === 1 && codes[0] === 'INVOKE-200';
};

/** What the output schema says of the service's answers: the success schema, and the failure codes if it lists them. */
export function readOutputSchema(output: DocPart | undefined): { success: DocPart; failures?: ErrorCode[] } {
  if (output === undefined) return { success: ref('schemas', 'SuccessOutput') };
  const schema = embeddable(output);
  const branches = Array.isArray(schema.oneOf) ? schema.oneOf : Array.isArray(schema.anyOf) ? schema.anyOf : undefined;
  const successes = branches?.filter(isSuccessBranch) ?? [];
  if (branches === undefined || successes.length === 0) {
    // An output schema of the service's own keys only: the output map adds errorCode and error.
    const success = errorCodesOfBranch(schema).length > 0 ? schema : { allOf: [ref('schemas', 'SuccessOutput'), schema] };
    return { success };
  }
  const failures = branches
    .filter((branch) => !isSuccessBranch(branch))
    .flatMap(errorCodesOfBranch)
    .map(errorCodeOf)
    .filter((code): code is ErrorCode => code !== undefined && code !== 'OK');
  const success: DocPart = successes.length === 1 ? { ...(successes[0] as DocPart) } : { oneOf: successes };
  if (typeof schema.title === 'string' && success.title === undefined) success.title = schema.title;
  return { success, failures };
}

/** The input schema's `examples` as the request body's examples, each named after the keys it sets. */
export function requestExamples(examples: unknown): Record<string, DocPart> | undefined {
  if (!Array.isArray(examples) || examples.length === 0) return undefined;
  const out: Record<string, DocPart> = {};
  for (const example of examples) {
    const base = isPlainObject(example) && Object.keys(example).length > 0 ? Object.keys(example).join('-') : 'empty';
    let name = base;
    for (let n = 2; out[name] !== undefined; n += 1) name = `${base}-${n}`;
    out[name] = { summary: JSON.stringify(example), value: { input: cloneDeep<unknown>(example) } };
  }
  return out;
}

/** The request body of `POST /invoke/…` and `POST /procedures/…`: `{ input, options }`, both optional. */
export function invokeRequestBody(input: DocPart, options: DocPart, examples: Record<string, DocPart> | undefined): DocPart {
  const media: DocPart = { schema: { type: 'object', properties: { input, options } } };
  if (examples !== undefined) media.examples = examples;
  return { required: false, content: { 'application/json': media } };
}

/**
 * The statuses of a body-reading route beside its outcomes: malformed JSON (400), too large (413),
 * not JSON (415), and the guard's (`guard`: 401 with a token, 421 without).
 */
export function bodyRouteStatuses(codes: Iterable<ErrorCode>, guard: readonly number[]): number[] {
  return [...new Set([...statusesOf(codes), 400, 413, 415, ...guard])];
}

export function servicePaths(services: readonly ServiceDescription[], guard: readonly number[], ids: OperationIds): Record<string, DocPart> {
  const paths: Record<string, DocPart> = {};
  for (const service of services) {
    const { success, failures } = readOutputSchema(service.outputSchema);
    // A service without a failure list may raise any code but INVOKE-401, which only the guard sends.
    const codes = failures === undefined ? FAILURE_CODES.filter((code) => code !== 'UNAUTHORIZED') : [...failures, ...ALWAYS_POSSIBLE];
    paths[`/invoke/${service.key}`] = {
      post: {
        operationId: ids.next(['invoke', service.className, service.methodName]),
        summary: service.key,
        description: service.description,
        tags: [service.className],
        requestBody: invokeRequestBody(embeddable(service.inputSchema), ref('schemas', 'InvokeOptions'), requestExamples(service.inputSchema.examples)),
        responses: {
          '200': jsonResponse('INVOKE-200: the output map.', success),
          ...failureResponses(bodyRouteStatuses(codes, guard)),
        },
      },
    };
  }
  return paths;
}
