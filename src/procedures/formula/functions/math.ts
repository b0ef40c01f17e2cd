/** Numeric functions, in Decimal arithmetic; a list argument counts its items (SUM(Numbers:Item), SUM(1, 2, 3)). */
import Decimal from 'decimal.js';
import { FormulaEvaluationError } from '../errors';
import { decimalOf, describe, requireDecimal } from '../values';
import type { FunctionTable } from './types';

/** The numbers of the arguments, nulls left out; anything else that is not a number is an error naming the function. */
function numbers(args: readonly unknown[], fn: string): { values: Decimal[]; count: number } {
  const items = args.flatMap((arg) => (Array.isArray(arg) ? (arg as unknown[]) : [arg]));
  const values: Decimal[] = [];
  for (const item of items) {
    if (item === undefined || item === null || item === '') continue;
    const n = decimalOf(item);
    if (n === undefined) throw new FormulaEvaluationError(`${fn} expects numbers, got ${describe(item)}`, { functionName: fn });
    values.push(n);
  }
  return { values, count: items.length };
}

function extreme(args: readonly unknown[], fn: 'MIN' | 'MAX'): number | null {
  const { values } = numbers(args, fn);
  if (values.length === 0) return null;
  return (fn === 'MIN' ? Decimal.min(...values) : Decimal.max(...values)).toNumber();
}

export const MATH_FUNCTIONS: FunctionTable = {
  /** ROUND(number, places = 0): half away from zero, as Apex Math.round and Excel do. [inferred] */
  ROUND: {
    minArgs: 1,
    maxArgs: 2,
    call: ([value, places]) => {
      if (value === undefined || value === null) return null;
      const digits = places === undefined || places === null ? 0 : requireDecimal(places, 'ROUND').toNumber();
      if (!Number.isInteger(digits) || digits < 0 || digits > 100)
        throw new FormulaEvaluationError(`ROUND expects 0 to 100 places, got ${describe(places)}`, { functionName: 'ROUND' });
      return requireDecimal(value, 'ROUND').toDecimalPlaces(digits, Decimal.ROUND_HALF_UP).toNumber();
    },
  },
  ABS: { minArgs: 1, maxArgs: 1, call: ([value]) => (value === undefined || value === null ? null : requireDecimal(value, 'ABS').abs().toNumber()) },
  MIN: { minArgs: 1, call: (args) => extreme(args, 'MIN') },
  MAX: { minArgs: 1, call: (args) => extreme(args, 'MAX') },
  SUM: { minArgs: 1, call: (args) => Decimal.sum(0, ...numbers(args, 'SUM').values).toNumber() },
  /** AVG: nulls count toward the denominator. [doc] */
  AVG: {
    minArgs: 1,
    call: (args) => {
      const { values, count } = numbers(args, 'AVG');
      return count === 0
        ? null
        : Decimal.sum(0, ...values)
            .dividedBy(count)
            .toNumber();
    },
  },
  /** TONUMBER(text): the number, or null for text that is not one. [inferred] */
  TONUMBER: { minArgs: 1, maxArgs: 1, call: ([value]) => decimalOf(value)?.toNumber() ?? null },
};
