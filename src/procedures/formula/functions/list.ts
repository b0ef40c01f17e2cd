/** List functions: a list argument may be a list, one value (a list of one) or nothing (an empty list). */
import { isPlainObject } from '../../../core/plain-object';
import { FormulaEvaluationError } from '../errors';
import type { Evaluator, FormulaScope } from '../scope';
import { compareValues, describe, isTrue, listOf, numericOf, textOf } from '../values';
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

/**
 * The text a merge key's values match under: as `==` compares them (text without regard to case,
 * numbers and numeric text by value, blanks alike); undefined when an item lacks a key.
 */
function matchKey(item: Record<string, unknown>, keys: readonly string[]): string | undefined {
  const parts: string[] = [];
  for (const key of keys) {
    const value = item[key];
    if (value === undefined) return undefined;
    const n = numericOf(value);
    if (value === null || value === '') parts.push('0');
    else if (n !== undefined) parts.push(`n${n}`);
    else if (typeof value === 'string') parts.push(`s${value.toLowerCase()}`);
    else if (typeof value === 'boolean') parts.push(`s${String(value)}`);
    else parts.push(`j${JSON.stringify(value)}`);
  }
  return JSON.stringify(parts);
}

function objectsOf(lists: readonly unknown[], fn: string): Record<string, unknown>[] {
  return flatten(lists).map((item) => {
    if (!isPlainObject(item)) throw new FormulaEvaluationError(`${fn} expects lists of objects, got ${describe(item)}`, { functionName: fn });
    return item;
  });
}

function keysFor(keysArg: unknown, fn: string): string[] {
  const keys = keysOf(keysArg);
  if (keys.length === 0) throw new FormulaEvaluationError(`${fn} expects merge keys first`, { functionName: fn });
  return keys;
}

/** LISTMERGE(keys, list1, list2, …): items whose key values all match merge into one (later lists win), the rest keep their order. [doc; order inferred] */
function listMerge([keysArg, ...lists]: readonly unknown[]): unknown[] {
  const keys = keysFor(keysArg, 'LISTMERGE');
  const merged: Record<string, unknown>[] = [];
  const byKey = new Map<string, Record<string, unknown>>();
  for (const item of objectsOf(lists, 'LISTMERGE')) {
    const key = matchKey(item, keys);
    const same = key === undefined ? undefined : byKey.get(key);
    if (same) Object.assign(same, item);
    else {
      const copy = { ...item };
      merged.push(copy);
      if (key !== undefined) byKey.set(key, copy);
    }
  }
  return merged;
}

/** LISTMERGEPRIMARY(keys, primary, other, …): the primary list's items, each with the data of the other lists' items that match it; others are left out. [doc; details inferred] */
function listMergePrimary([keysArg, primary, ...others]: readonly unknown[]): unknown[] {
  const keys = keysFor(keysArg, 'LISTMERGEPRIMARY');
  const result = objectsOf([primary], 'LISTMERGEPRIMARY').map((item) => ({ ...item }));
  const byKey = new Map<string, Record<string, unknown>[]>();
  for (const item of result) {
    const key = matchKey(item, keys);
    if (key !== undefined) byKey.set(key, [...(byKey.get(key) ?? []), item]);
  }
  for (const other of objectsOf(others, 'LISTMERGEPRIMARY')) {
    const key = matchKey(other, keys);
    for (const target of key === undefined ? [] : (byKey.get(key) ?? [])) Object.assign(target, other);
  }
  return result;
}

/** SORTBY(list, key, …): the list ordered by the keys' values as `<` orders them, stable, items without the value last. [doc: Data Mappers; order rules inferred] */
function sortBy([list, ...keyArgs]: readonly unknown[]): unknown[] {
  const keys = keyArgs.flatMap(keysOf);
  if (keys.length === 0) throw new FormulaEvaluationError('SORTBY expects a key to sort by', { functionName: 'SORTBY' });
  const valueOf = (item: unknown, key: string): unknown => (isPlainObject(item) ? item[key] : undefined);
  return [...listOf(list)].sort((a, b) => {
    for (const key of keys) {
      const x = valueOf(a, key);
      const y = valueOf(b, key);
      const xMissing = x === undefined || x === null;
      const yMissing = y === undefined || y === null;
      if (xMissing || yMissing) {
        if (xMissing !== yMissing) return xMissing ? 1 : -1;
        continue;
      }
      const order = compareValues(x, y) ?? 0;
      if (order !== 0) return order;
    }
    return 0;
  });
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
    LISTMERGEPRIMARY: { minArgs: 2, call: listMergePrimary },
    SORTBY: { minArgs: 2, call: sortBy },
    FILTER: { minArgs: 2, maxArgs: 2, formulaArgs: [1], call: (args, scope) => filter(args, scope, compileAtRunTime) },
    MAPTOLIST: { minArgs: 1, maxArgs: 1, call: mapToList },
  };
}
