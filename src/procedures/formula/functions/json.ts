/** JSON functions: text ↔ JSON. */
import { FormulaEvaluationError } from '../errors';
import { describe } from '../values';
import type { FunctionTable } from './types';

function parse(text: unknown, fn: string): unknown {
  if (text === undefined || text === null || text === '') return null;
  if (typeof text !== 'string') return text; // already JSON: DESERIALIZE of an object is that object [inferred]
  try {
    return JSON.parse(text) as unknown;
  } catch {
    throw new FormulaEvaluationError(`${fn} expects JSON text, got ${describe(text)}`, { functionName: fn });
  }
}

export const JSON_FUNCTIONS: FunctionTable = {
  DESERIALIZE: { minArgs: 1, maxArgs: 1, call: ([text]) => parse(text, 'DESERIALIZE') },
  SERIALIZE: { minArgs: 1, maxArgs: 1, call: ([value]) => JSON.stringify(value ?? null) },
  /** RESERIALIZE(value): a fresh copy through JSON text, so nested JSON strings and objects come out as plain JSON. [inferred] */
  RESERIALIZE: { minArgs: 1, maxArgs: 1, call: ([value]) => (value === undefined ? null : (JSON.parse(JSON.stringify(value)) as unknown)) },
};
