// TEMPORARY stub until wt-formula is merged.
import type { DataMapperDefinition, DataMapperItem, DefinitionProblem } from '../model';
export interface VlocityContext {
  readonly userId?: string;
  now(): Date;
  readonly timeZone?: string;
}
export interface FormulaRule {
  apply(data: Record<string, unknown>, vlocity: VlocityContext): void;
  readonly result: string;
}
export function compileFormulas(
  _def: DataMapperDefinition,
  _items: readonly { index: number; item: DataMapperItem }[],
): { rules: FormulaRule[]; problems: DefinitionProblem[]; reads: string[] } {
  return { rules: [], problems: [], reads: [] };
}
