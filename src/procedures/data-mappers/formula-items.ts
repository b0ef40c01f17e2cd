import { compileFormula, Evaluator, FormulaSyntaxError, VlocityContext } from '../formula';
import { tokenize } from '../formula/lexer';
import type { DataMapperDefinition, DefinitionProblem } from '../model';
import { compilePath, CompiledPath } from '../paths';
import { dataMapperProblem, ItemEntry } from './problems';

export type { VlocityContext } from '../formula';

/** A formula item, compiled: it evaluates on the data and writes its result at `formulaResultPath`. */
export interface FormulaRule {
  readonly result: string;
  apply(data: Record<string, unknown>, vlocity: VlocityContext): void;
}

/** The paths a formula reads (bare paths and %merge% fields), so the extraction steps select those fields. */
function pathsOf(expression: string): string[] {
  try {
    return tokenize(expression)
      .filter((t) => t.kind === 'path')
      .map((t) => t.text);
  } catch {
    return [];
  }
}

/** Formula items in `formulaSequence` order (ties: as exported); a syntax error is a problem naming the item and the column. */
export function compileFormulas(
  def: DataMapperDefinition,
  items: readonly ItemEntry[],
): { rules: FormulaRule[]; problems: DefinitionProblem[]; reads: string[] } {
  const problems: DefinitionProblem[] = [];
  const rules: FormulaRule[] = [];
  const reads: string[] = [];
  const ordered = [...items].sort((a, b) => (a.item.formulaSequence ?? 0) - (b.item.formulaSequence ?? 0) || a.index - b.index);
  for (const entry of ordered) {
    const expression = entry.item.formulaExpression!;
    const result = entry.item.formulaResultPath?.trim() ?? '';
    if (!result) {
      problems.push(dataMapperProblem(def, 'the formula has no result path (formulaResultPath)', entry));
      continue;
    }
    let evaluate: Evaluator;
    let target: CompiledPath;
    try {
      evaluate = compileFormula(expression);
      target = compilePath(result);
    } catch (error) {
      if (!(error instanceof Error)) throw error;
      const where = error instanceof FormulaSyntaxError ? ` (column ${error.position})` : '';
      problems.push(dataMapperProblem(def, `the formula cannot be read${where}: ${error.message}`, entry));
      continue;
    }
    reads.push(...pathsOf(expression));
    rules.push({
      result,
      apply: (data, vlocity) => target.set(data, evaluate({ data, vlocity })),
    });
  }
  return { rules, problems, reads };
}
