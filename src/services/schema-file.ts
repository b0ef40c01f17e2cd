import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { JsonSchema } from '../core/define-service';

/** `schemas/<Class>/<method>.<kind>.json`; src/… and dist/… sit at the same depth, so it resolves from either. */
export function loadSchema(className: string, method: string, kind: 'input' | 'output'): JsonSchema {
  const file = join(__dirname, '..', '..', 'schemas', className, `${method}.${kind}.json`);
  return JSON.parse(readFileSync(file, 'utf8')) as JsonSchema;
}
