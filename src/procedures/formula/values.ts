/**
 * How formula values convert and compare. Numbers are JS numbers (they are read from and written
 * into JSON); arithmetic on them is decimal (arithmetic.ts), so `0.07 * 100` is 7.
 */
import isEqual from 'lodash/isEqual';
import { isPlainObject } from '../../core/plain-object';
import { FormulaEvaluationError } from './errors';

const NUMERIC = /^[+-]?(?:[0-9]+(?:\.[0-9]*)?|\.[0-9]+)(?:[eE][+-]?[0-9]+)?$/;
const ISO_DATE = /^\d{4}-\d{2}-\d{2}(?:[T ][0-9:.]+(?:Z|[+-]\d{2}:?\d{2})?)?$/;

/** Null, absent, a string of only spaces, an empty list or object: what ISBLANK calls blank (Apex String.isBlank for text). */
export function isBlank(value: unknown): boolean {
  if (value === undefined || value === null) return true;
  if (typeof value === 'string') return value.trim() === '';
  if (Array.isArray(value)) return value.length === 0;
  if (isPlainObject(value)) return Object.keys(value).length === 0;
  return false;
}

/** Only true and the text 'true' (any case) are true: conditions read JSON booleans and the strings services send. */
export function isTrue(value: unknown): boolean {
  if (value === true) return true;
  return typeof value === 'string' && value.trim().toLowerCase() === 'true';
}

/** The number of a number or of numeric text, as arithmetic reads its operands; undefined for anything else. */
export function numericOf(value: unknown): number | undefined {
  if (typeof value === 'number') return Number.isFinite(value) ? value : undefined;
  if (typeof value === 'string') {
    const text = value.trim();
    if (NUMERIC.test(text)) {
      const n = Number(text);
      return Number.isFinite(n) ? n : undefined;
    }
  }
  return undefined;
}

/** A required numeric argument: a FormulaEvaluationError naming the function when it is not one. */
export function requireNumber(value: unknown, what: string): number {
  const n = numericOf(value);
  if (n === undefined) throw new FormulaEvaluationError(`${what} expects a number, got ${describe(value)}`, { functionName: what });
  return n;
}

/** How `&`, CONCAT and merge fields inside text show a value. */
export function textOf(value: unknown): string {
  if (value === undefined || value === null) return '';
  if (typeof value === 'string') return value;
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  return JSON.stringify(value);
}

export function describe(value: unknown): string {
  if (value === undefined) return 'nothing';
  const text = typeof value === 'string' ? `'${value}'` : textOf(value);
  return text.length > 60 ? `${text.slice(0, 60)}…` : text;
}

function isNullish(value: unknown): boolean {
  return value === undefined || value === null;
}

/**
 * `==`: blank equals blank (null, absent and '' alike, so `a != ''` reads "a has a value"), numbers
 * compare by value (numeric text too, when the other side is a number), text ignores case, and
 * booleans match the text 'true'/'false'. [doc: case; the rest inferred]
 */
export function looselyEqual(left: unknown, right: unknown): boolean {
  const leftBlank = isNullish(left) || left === '';
  const rightBlank = isNullish(right) || right === '';
  if (leftBlank || rightBlank) return leftBlank && rightBlank;
  if (typeof left === 'number' && typeof right === 'number') return left === right;
  if (typeof left === 'number' || typeof right === 'number') {
    const a = numericOf(left);
    const b = numericOf(right);
    if (a !== undefined && b !== undefined) return a === b;
  }
  if (typeof left === 'boolean' || typeof right === 'boolean') return textOf(left).toLowerCase() === textOf(right).toLowerCase();
  if (typeof left === 'string' && typeof right === 'string') return left.toLowerCase() === right.toLowerCase();
  return isEqual(left, right);
}

/**
 * The order of two values for `<`, `>`…: numbers (or numeric text) by value, ISO dates by instant,
 * other text by its lower case; undefined when they have no order (a null side, an object), and
 * then every ordering comparison is false.
 */
export function compareValues(left: unknown, right: unknown): number | undefined {
  if (isNullish(left) || isNullish(right)) return undefined;
  const a = numericOf(left);
  const b = numericOf(right);
  if (a !== undefined && b !== undefined) return a < b ? -1 : a > b ? 1 : 0;
  if (typeof left === 'string' && typeof right === 'string') {
    if (ISO_DATE.test(left) && ISO_DATE.test(right)) {
      const diff = Date.parse(left) - Date.parse(right);
      if (!Number.isNaN(diff)) return Math.sign(diff);
    }
    const x = left.toLowerCase();
    const y = right.toLowerCase();
    return x < y ? -1 : x > y ? 1 : 0;
  }
  if (typeof left === 'boolean' && typeof right === 'boolean') return Number(left) - Number(right);
  return undefined;
}

/** A list argument: a list as it is, nothing as an empty list, one value as a list of one. */
export function listOf(value: unknown): unknown[] {
  if (Array.isArray(value)) return value;
  if (value === undefined || value === null) return [];
  return [value];
}
