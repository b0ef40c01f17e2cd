/**
 * OmniStudio formulas: `=IF(%a% > 1, "x", "y")` values, `executionConditionalFormula` conditions and
 * Data Mapper formulas. Compile once (the parser runs here and nowhere else), evaluate many times.
 */
import { LRUCache } from 'lru-cache';
import { compileTree } from './compile';
import { FormulaSyntaxError } from './errors';
import { parseCountSoFar, parseFormula } from './parser';
import type { Evaluator, FormulaScope, VlocityContext } from './scope';
import { isTrue } from './values';

export { FormulaEvaluationError, FormulaSyntaxError } from './errors';
export type { Evaluator, FormulaScope, VlocityContext } from './scope';
export { MAX_FORMULA_DEPTH } from './parser';

/** The formula text without its one optional leading '=' (and the spaces around it). Columns still count from the original text. */
function bodyOf(expression: string): { body: string; offset: number } {
  const match = /^\s*=?/.exec(expression);
  const offset = match?.[0].length ?? 0;
  return { body: expression.slice(offset), offset };
}

/** Compiles a formula; throws FormulaSyntaxError (1-based column, what was expected) when it cannot be read. */
export function compileFormula(expression: string): Evaluator {
  const { body, offset } = bodyOf(expression);
  try {
    return compileTree(parseFormula(body), body);
  } catch (error) {
    if (error instanceof FormulaSyntaxError && offset > 0) {
      const position = error.position + offset;
      throw new FormulaSyntaxError(error.message.replace(/at column \d+ of '.*'$/s, `at column ${position} of '${expression}'`), expression, position);
    }
    throw error;
  }
}

/**
 * A condition (`executionConditionalFormula`, `failureConditionalFormula`, …): undefined when there
 * is none ('' , null, absent, only spaces), else a test that is true only for true or 'true'.
 */
export function compileCondition(expression: unknown): ((scope: FormulaScope) => boolean) | undefined {
  if (expression === undefined || expression === null) return undefined;
  if (typeof expression === 'boolean') return () => expression;
  if (typeof expression !== 'string') {
    throw new FormulaSyntaxError(`Expected a condition formula as text, found ${typeof expression}`, String(expression), 1);
  }
  if (expression.trim() === '') return undefined;
  const evaluate = compileFormula(expression);
  return (scope) => isTrue(evaluate(scope));
}

/** How many times the parser has run in this process (the bench's proof that runs parse nothing). */
export function formulaCompileCount(): number {
  return parseCountSoFar();
}

const compiled = new LRUCache<string, Evaluator>({ max: 500 });

const SYSTEM_CLOCK: VlocityContext = { now: () => new Date() };

/** Evaluates one formula on one data JSON: for tests and tools (compiled formulas are cached, bounded). */
export function evaluateFormula(expression: string, data: unknown, vlocity?: Partial<VlocityContext>): unknown {
  let evaluate = compiled.get(expression);
  if (evaluate === undefined) {
    evaluate = compileFormula(expression);
    compiled.set(expression, evaluate);
  }
  return evaluate({ data, vlocity: { ...SYSTEM_CLOCK, ...vlocity } });
}
