/** Numeric functions, in decimal arithmetic; a list argument counts its items (SUM(Numbers:Item), SUM(1, 2, 3)). */
import { add, divide, roundHalfUp } from '../arithmetic';
import { FormulaEvaluationError } from '../errors';
import { describe, numericOf, requireNumber } from '../values';
import type { FunctionTable } from './types';

/** The numbers of the arguments, nulls left out; anything else that is not a number is an error naming the function. */
function numbers(args: readonly unknown[], fn: string): { values: number[]; count: number } {
  const items = args.flatMap((arg) => (Array.isArray(arg) ? (arg as unknown[]) : [arg]));
  const values: number[] = [];
  for (const item of items) {
    if (item === undefined || item === null || item === '') continue;
    const n = numericOf(item);
    if (n === undefined) throw new FormulaEvaluationError(`${fn} expects numbers, got ${describe(item)}`, { functionName: fn });
    values.push(n);
  }
  return { values, count: items.length };
}

function extreme(args: readonly unknown[], fn: 'MIN' | 'MAX'): number | null {
  const { values } = numbers(args, fn);
  if (values.length === 0) return null;
  // A loop, not Math.min(...values): a list of 200,000 items would overflow the argument stack.
  return values.reduce((best, n) => (fn === 'MIN' ? Math.min(best, n) : Math.max(best, n)));
}

function total(values: readonly number[]): number {
  return values.reduce(add, 0);
}

export const MATH_FUNCTIONS: FunctionTable = {
  /** ROUND(number, places = 0): half away from zero, as Apex Math.round and Excel do. [inferred] */
  ROUND: {
    minArgs: 1,
    maxArgs: 2,
    call: ([value, places]) => {
      if (value === undefined || value === null) return null;
      const digits = places === undefined || places === null ? 0 : numericOf(places);
      if (digits === undefined || !Number.isInteger(digits) || digits < 0 || digits > 100) {
        throw new FormulaEvaluationError(`ROUND expects 0 to 100 places, got ${describe(places)}`, { functionName: 'ROUND' });
      }
      return roundHalfUp(requireNumber(value, 'ROUND'), digits);
    },
  },
  ABS: { minArgs: 1, maxArgs: 1, call: ([value]) => (value === undefined || value === null ? null : Math.abs(requireNumber(value, 'ABS'))) },
  MIN: { minArgs: 1, call: (args) => extreme(args, 'MIN') },
  MAX: { minArgs: 1, call: (args) => extreme(args, 'MAX') },
  SUM: { minArgs: 1, call: (args) => total(numbers(args, 'SUM').values) },
  /** AVG: nulls count toward the denominator. [doc] */
  AVG: {
    minArgs: 1,
    call: (args) => {
      const { values, count } = numbers(args, 'AVG');
      return count === 0 ? null : divide(total(values), count);
    },
  },
  /** TONUMBER(text): the number, or null for text that is not one. [inferred] */
  TONUMBER: { minArgs: 1, maxArgs: 1, call: ([value]) => numericOf(value) ?? null },
};
