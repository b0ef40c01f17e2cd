/** Text functions. */
import { FormulaEvaluationError } from '../errors';
import { describe, requireDecimal, textOf } from '../values';
import type { FunctionTable } from './types';

function text(value: unknown, fn: string): string {
  if (value !== null && typeof value === 'object') throw new FormulaEvaluationError(`${fn} expects text, got ${describe(value)}`, { functionName: fn });
  return textOf(value);
}

function integer(value: unknown, fn: string): number {
  const n = requireDecimal(value, fn);
  if (!n.isInteger()) throw new FormulaEvaluationError(`${fn} expects a whole number, got ${describe(value)}`, { functionName: fn });
  return n.toNumber();
}

export const TEXT_FUNCTIONS: FunctionTable = {
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
