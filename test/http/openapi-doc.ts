// Reading the OpenAPI document the way a tool does: operations, their responses through the
// shared components, and a validator of a body against the schema a response documents.
import type { ValidateFunction } from 'ajv/dist/2020';
import { createAjv } from '../../src/core/validation';

export type Part = Record<string, unknown>;

export interface Operation {
  operationId: string;
  requestBody?: { content: { 'application/json': { schema: Part; examples?: Record<string, { summary: string; value: unknown }> } } };
  responses: Record<string, Part>;
}

export interface OpenApiDoc {
  paths: Record<string, Record<string, Operation | unknown>>;
  components: { schemas?: Record<string, Part>; responses?: Record<string, Part> };
}

const METHODS = ['get', 'post', 'put', 'patch', 'delete'];

/** Every operation: its path, method and object. */
export function operationsOf(doc: OpenApiDoc): { path: string; method: string; op: Operation }[] {
  return Object.entries(doc.paths).flatMap(([path, item]) =>
    Object.entries(item)
      .filter(([method]) => METHODS.includes(method))
      .map(([method, op]) => ({ path, method, op: op as Operation })),
  );
}

/** The response an operation documents for `status`, through `#/components/responses/…`. */
export function responseOf(doc: OpenApiDoc, op: Operation, status: string): Part | undefined {
  const response = op.responses[status];
  const target = typeof response?.$ref === 'string' ? response.$ref : undefined;
  return target === undefined ? response : doc.components.responses?.[target.split('/').pop()!];
}

/** The JSON schema of that response's body. */
export function bodySchemaOf(doc: OpenApiDoc, op: Operation, status: string): Part | undefined {
  const content = responseOf(doc, op, status)?.content as { 'application/json'?: { schema: Part } } | undefined;
  return content?.['application/json']?.schema;
}

/** A validator of `schema`, its `#/components/…` references resolved in the document. */
export function validatorOf(doc: OpenApiDoc, schema: Part): ValidateFunction {
  // strict off: `components` is no JSON Schema keyword, only the place the references point into.
  return createAjv({ strict: false }).compile({ ...schema, components: doc.components });
}
