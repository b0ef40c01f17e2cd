import Ajv2020, { ErrorObject, Options, ValidateFunction } from 'ajv/dist/2020';
import addFormats from 'ajv-formats';
import type { JsonSchema } from './define-service';

export interface SchemaIssue {
  path: string;
  message: string;
}

/** One Ajv setup for every schema ipemu checks; one instance per registry, each schema compiled once. */
export function createAjv(extra: Options = {}): Ajv2020 {
  const ajv = new Ajv2020({ allErrors: true, strict: true, allowUnionTypes: true, ...extra });
  addFormats(ajv);
  return ajv;
}

export function compileSchema(ajv: Ajv2020, schema: JsonSchema): ValidateFunction {
  return ajv.compile(schema);
}

function keyOf(err: ErrorObject): string {
  const parts = err.instancePath
    .split('/')
    .slice(1)
    .map((p) => p.replace(/~1/g, '/').replace(/~0/g, '~'));
  if (err.keyword === 'required') parts.push(String((err.params as { missingProperty: string }).missingProperty));
  return parts.join('.');
}

export function schemaIssues(errors: readonly ErrorObject[] | null | undefined): SchemaIssue[] {
  return (errors ?? []).map((err) => ({ path: keyOf(err) || '(input)', message: err.message ?? 'is invalid' }));
}

/** "jobId must be string; policyId must be string" — names each key at fault. */
export function describeIssues(issues: readonly SchemaIssue[]): string {
  const seen = new Set<string>();
  const parts: string[] = [];
  for (const issue of issues) {
    const text = `${issue.path} ${issue.message}`;
    if (!seen.has(text)) {
      seen.add(text);
      parts.push(text);
    }
  }
  return `Invalid input: ${parts.join('; ')}.`;
}
