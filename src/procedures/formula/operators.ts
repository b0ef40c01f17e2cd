/** What each binary operator does to two evaluated operands. */
import type Decimal from 'decimal.js';
import type { BinaryOperator } from './ast';
import { FormulaEvaluationError } from './errors';
import { compareValues, decimalOf, describe, looselyEqual, textOf } from './values';

type Operation = (left: unknown, right: unknown) => unknown;

function isNullish(value: unknown): boolean {
  return value === undefined || value === null;
}

/** Arithmetic: a null or absent operand gives null [inferred]; text that is not a number is an error. */
function arithmetic(symbol: string, apply: (a: Decimal, b: Decimal) => Decimal): Operation {
  return (left, right) => {
    if (isNullish(left) || isNullish(right)) return null;
    const a = decimalOf(left);
    const b = decimalOf(right);
    if (a === undefined || b === undefined) {
      throw new FormulaEvaluationError(`'${symbol}' expects numbers, got ${describe(a === undefined ? left : right)}`);
    }
    const result = apply(a, b);
    if (!result.isFinite()) throw new FormulaEvaluationError(`'${symbol}' gives no number for ${describe(left)} ${symbol} ${describe(right)}`);
    return result.toNumber();
  };
}

/** '+' on text that is not a number joins the text, as '&' does. [inferred] */
function plus(left: unknown, right: unknown): unknown {
  const textual = (value: unknown): boolean => typeof value === 'string' && decimalOf(value) === undefined;
  if (textual(left) || textual(right)) return textOf(left) + textOf(right);
  return add(left, right);
}

const add = arithmetic('+', (a, b) => a.plus(b));

function divide(a: Decimal, b: Decimal): Decimal {
  if (b.isZero()) throw new FormulaEvaluationError('Division by zero');
  return a.dividedBy(b);
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
  '-': arithmetic('-', (a, b) => a.minus(b)),
  '*': arithmetic('*', (a, b) => a.times(b)),
  '/': arithmetic('/', divide),
  '^': arithmetic('^', (a, b) => a.pow(b)),
  '&': (left, right) => textOf(left) + textOf(right),
};

export function negate(value: unknown): unknown {
  if (isNullish(value)) return null;
  const n = decimalOf(value);
  if (n === undefined) throw new FormulaEvaluationError(`'-' expects a number, got ${describe(value)}`);
  return n.negated().toNumber();
}
