/** Text functions. */
import { FormulaEvaluationError } from '../errors';
import { describe, requireNumber, textOf } from '../values';
import type { FunctionTable } from './types';

function text(value: unknown, fn: string): string {
  if (value !== null && typeof value === 'object') throw new FormulaEvaluationError(`${fn} expects text, got ${describe(value)}`, { functionName: fn });
  return textOf(value);
}

function integer(value: unknown, fn: string): number {
  const n = requireNumber(value, fn);
  if (!Number.isSafeInteger(n)) throw new FormulaEvaluationError(`${fn} expects a whole number, got ${describe(value)}`, { functionName: fn });
  return n;
}

/** BASE64ENCODE(value): the value's text in Base64; null and '' are refused, as the docs say. [doc] */
function base64Encode([value]: readonly unknown[]): string {
  if (value === undefined || value === null || value === '') {
    throw new FormulaEvaluationError('BASE64ENCODE expects a value, got nothing', { functionName: 'BASE64ENCODE' });
  }
  return Buffer.from(textOf(value), 'utf8').toString('base64');
}

/** BASE64DECODE(text): the text a Base64 value encodes. [doc: the pair of BASE64ENCODE] */
function base64Decode([value]: readonly unknown[]): string | null {
  if (value === undefined || value === null || value === '') return null;
  const encoded = text(value, 'BASE64DECODE').trim();
  if (!/^[A-Za-z0-9+/]*={0,2}$/.test(encoded) || encoded.length % 4 === 1) {
    throw new FormulaEvaluationError(`BASE64DECODE expects Base64 text, got ${describe(value)}`, { functionName: 'BASE64DECODE' });
  }
  return Buffer.from(encoded, 'base64').toString('utf8');
}

export const TEXT_FUNCTIONS: FunctionTable = {
  BASE64ENCODE: { minArgs: 1, maxArgs: 1, call: base64Encode },
  BASE64DECODE: { minArgs: 1, maxArgs: 1, call: base64Decode },
  CONCAT: { minArgs: 1, call: (args) => args.map(textOf).join('') },
  TOSTRING: { minArgs: 1, maxArgs: 1, call: ([value]) => (value === undefined || value === null ? null : textOf(value)) },
  UPPER: { minArgs: 1, maxArgs: 1, call: ([value]) => (value === undefined || value === null ? null : text(value, 'UPPER').toUpperCase()) },
  LOWER: { minArgs: 1, maxArgs: 1, call: ([value]) => (value === undefined || value === null ? null : text(value, 'LOWER').toLowerCase()) },
  /** SUBSTRING(text, start, end?): 0-based start, end exclusive, as Apex String.substring. [inferred] */
  SUBSTRING: {
    minArgs: 2,
    maxArgs: 3,
    call: ([value, start, end]) => {
      if (value === undefined || value === null) return null;
      const whole = text(value, 'SUBSTRING');
      const from = Math.max(0, integer(start, 'SUBSTRING'));
      const to = end === undefined || end === null ? whole.length : Math.min(whole.length, integer(end, 'SUBSTRING'));
      return from >= to ? '' : whole.slice(from, to);
    },
  },
  /** CONTAINS(text, part): case-sensitive, as Apex String.contains. [inferred] */
  CONTAINS: {
    minArgs: 2,
    maxArgs: 2,
    call: ([value, part]) => (value === undefined || value === null ? false : text(value, 'CONTAINS').includes(text(part, 'CONTAINS'))),
  },
};
