/** The shape of one formula function; each family file (logic, text, list, json, date, math) holds a table of them. */
import type { FormulaScope } from '../scope';

export interface FormulaFunction {
  readonly minArgs: number;
  /** Absent: any number of arguments. */
  readonly maxArgs?: number;
  /**
   * Argument positions that are formulas themselves (FILTER's condition): a string literal there
   * is compiled with the call, and the function receives its Evaluator instead of the text (other
   * arguments there arrive evaluated, as text the function compiles through a bounded cache).
   */
  readonly formulaArgs?: readonly number[];
  call(args: readonly unknown[], scope: FormulaScope): unknown;
}

export type FunctionTable = Readonly<Record<string, FormulaFunction>>;
