/** What each binary operator does to two evaluated operands. */
import { add, divide, multiply, power, subtract } from './arithmetic';
import type { BinaryOperator } from './ast';
import { FormulaEvaluationError } from './errors';
import { compareValues, describe, looselyEqual, numericOf, textOf } from './values';

type Operation = (left: unknown, right: unknown) => unknown;

function isNullish(value: unknown): boolean {
  return value === undefined || value === null;
}

/** Arithmetic: a null or absent operand gives null [inferred]; text that is not a number is an error. */
function arithmetic(symbol: string, apply: (a: number, b: number) => number): Operation {
  return (left, right) => {
    if (isNullish(left) || isNullish(right)) return null;
    const a = numericOf(left);
    const b = numericOf(right);
    if (a === undefined || b === undefined) {
      throw new FormulaEvaluationError(`'${symbol}' expects numbers, got ${describe(a === undefined ? left : right)}`);
    }
    const result = apply(a, b);
    if (!Number.isFinite(result)) throw new FormulaEvaluationError(`'${symbol}' gives no number for ${describe(left)} ${symbol} ${describe(right)}`);
    return result === 0 ? 0 : result; // -0 would print as 0 but compare oddly in JSON round trips
  };
}

/** '+' on text that is not a number joins the text, as '&' does. [inferred] */
function plus(left: unknown, right: unknown): unknown {
  const textual = (value: unknown): boolean => typeof value === 'string' && numericOf(value) === undefined;
  if (textual(left) || textual(right)) return textOf(left) + textOf(right);
  return addNumbers(left, right);
}

const addNumbers = arithmetic('+', add);

function checkedDivide(a: number, b: number): number {
  if (b === 0) throw new FormulaEvaluationError('Division by zero');
  return divide(a, b);
}

function ordered(test: (order: number) => boolean): Operation {
  return (left, right) => {
    const order = compareValues(left, right);
    return order === undefined ? false : test(order);
  };
}

/** LIKE: the left text contains the right, without regard to case, as the Data Mapper's LIKE matches. [inferred] */
function like(left: unknown, right: unknown): boolean {
  if (isNullish(left) || isNullish(right)) return false;
  return textOf(left).toLowerCase().includes(textOf(right).toLowerCase());
}

export const OPERATIONS: Readonly<Record<Exclude<BinaryOperator, '&&' | '||'>, Operation>> = {
  '==': looselyEqual,
  '!=': (left, right) => !looselyEqual(left, right),
  '<': ordered((order) => order < 0),
  '<=': ordered((order) => order <= 0),
  '>': ordered((order) => order > 0),
  '>=': ordered((order) => order >= 0),
  LIKE: like,
  NOTLIKE: (left, right) => !like(left, right),
  '+': plus,
  '-': arithmetic('-', subtract),
  '*': arithmetic('*', multiply),
  '/': arithmetic('/', checkedDivide),
  '^': arithmetic('^', power),
  '&': (left, right) => textOf(left) + textOf(right),
};

export function negate(value: unknown): unknown {
  if (isNullish(value)) return null;
  const n = numericOf(value);
  if (n === undefined) throw new FormulaEvaluationError(`'-' expects a number, got ${describe(value)}`);
  return n === 0 ? 0 : -n;
}
