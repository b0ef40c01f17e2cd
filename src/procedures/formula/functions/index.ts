/** The one function table: every family's functions under their upper-case names. */
import type { Evaluator } from '../scope';
import { DATE_FUNCTIONS } from './date';
import { JSON_FUNCTIONS } from './json';
import { listFunctions } from './list';
import { LOGIC_FUNCTIONS } from './logic';
import { MATH_FUNCTIONS } from './math';
import { TEXT_FUNCTIONS } from './text';
import type { FormulaFunction } from './types';

export type { FormulaFunction } from './types';

/** `compileAtRunTime` compiles a condition that only arrives as data (FILTER's second argument when it is not a literal). */
export function buildFunctionTable(compileAtRunTime: (text: string) => Evaluator): ReadonlyMap<string, FormulaFunction> {
  const families = [LOGIC_FUNCTIONS, TEXT_FUNCTIONS, listFunctions(compileAtRunTime), JSON_FUNCTIONS, DATE_FUNCTIONS, MATH_FUNCTIONS];
  const table = new Map<string, FormulaFunction>();
  for (const family of families) {
    for (const [name, fn] of Object.entries(family)) {
      if (table.has(name)) throw new Error(`Formula function ${name} is defined twice`);
      table.set(name, fn);
    }
  }
  return table;
}
