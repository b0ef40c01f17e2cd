/** List functions: a list argument may be a list, one value (a list of one) or nothing (an empty list). */
import { isPlainObject } from '../../../core/plain-object';
import { FormulaEvaluationError } from '../errors';
import type { Evaluator, FormulaScope } from '../scope';
import { describe, isTrue, listOf, looselyEqual, textOf } from '../values';
import type { FunctionTable } from './types';

/** LIST(a, b, …): one anonymous list of every argument's items, nothing left out only when absent. */
export function flatten(args: readonly unknown[]): unknown[] {
  const items: unknown[] = [];
  // Item by item, not push(...list): spreading a list of 200,000 overflows the argument stack.
  for (const arg of args) for (const item of listOf(arg)) items.push(item);
  return items;
}

function keysOf(value: unknown): string[] {
  return textOf(value)
    .split(',')
    .map((key) => key.trim())
    .filter((key) => key !== '');
}

/** LISTMERGE(keys, list1, list2, …): items whose key values all match merge into one (later lists win), the rest keep their order. [doc; order inferred] */
function listMerge([keysArg, ...lists]: readonly unknown[]): unknown[] {
  const keys = keysOf(keysArg);
  if (keys.length === 0) throw new FormulaEvaluationError('LISTMERGE expects merge keys first', { functionName: 'LISTMERGE' });
  const merged: Record<string, unknown>[] = [];
  for (const item of flatten(lists)) {
    if (!isPlainObject(item)) throw new FormulaEvaluationError(`LISTMERGE expects lists of objects, got ${describe(item)}`, { functionName: 'LISTMERGE' });
    const same = merged.find((other) => keys.every((key) => other[key] !== undefined && looselyEqual(other[key], item[key])));
    if (same) Object.assign(same, item);
    else merged.push({ ...item });
  }
  return merged;
}

function conditionOf(arg: unknown): Evaluator {
  if (typeof arg === 'function') return arg as Evaluator;
  throw new FormulaEvaluationError(`FILTER expects a condition, got ${describe(arg)}`, { functionName: 'FILTER' });
}

/** FILTER(list, 'condition'): the items the condition holds for, read with the item as the data. [doc] */
function filter([list, condition]: readonly unknown[], scope: FormulaScope, compileAtRunTime: (text: string) => Evaluator): unknown[] {
  const test = typeof condition === 'string' ? compileAtRunTime(condition) : conditionOf(condition);
  return listOf(list).filter((item) => isTrue(test({ data: item, vlocity: scope.vlocity })));
}

/** MAPTOLIST(object): the object's values as a list; a list stays a list. [inferred] */
function mapToList([value]: readonly unknown[]): unknown[] {
  if (isPlainObject(value)) return Object.values(value);
  return listOf(value);
}

export function listFunctions(compileAtRunTime: (text: string) => Evaluator): FunctionTable {
  return {
    LIST: { minArgs: 0, call: flatten },
    LISTSIZE: { minArgs: 0, call: (args) => flatten(args).length },
    LISTMERGE: { minArgs: 2, call: listMerge },
    FILTER: { minArgs: 2, maxArgs: 2, formulaArgs: [1], call: (args, scope) => filter(args, scope, compileAtRunTime) },
    MAPTOLIST: { minArgs: 1, maxArgs: 1, call: mapToList },
  };
}
