import { isPlainObject } from '../../core/plain-object';
import type { DataMapperDefinition, DefinitionProblem } from '../model';
import type { CompiledDataMapper } from './context';
import { partitionItems } from './extract';
import { compileFormulas } from './formula-items';
import { applyMappings, compileMappings } from './mapping-items';

/** A Transform sends no query: its formulas run over a copy of the input, then its items map it. */
export function compileTransform(def: DataMapperDefinition): { mapper: CompiledDataMapper; problems: DefinitionProblem[] } {
  const parts = partitionItems(def);
  const formulas = compileFormulas(def, parts.formulas);
  // A Transform has no extraction steps: every item that is not a formula maps.
  const mappings = compileMappings(def, [...parts.steps, ...parts.mappings]);
  const mapper: CompiledDataMapper = {
    name: def.name,
    type: def.type,
    run(input, ctx) {
      const data: Record<string, unknown> = isPlainObject(input) ? structuredClone(input) : {};
      for (const formula of formulas.rules) formula.apply(data, ctx.vlocity);
      return Promise.resolve(applyMappings(mappings.rules, data));
    },
  };
  return { mapper, problems: [...formulas.problems, ...mappings.problems] };
}
