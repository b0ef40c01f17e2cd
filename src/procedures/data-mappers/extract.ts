import type { ItemEntry } from './problems';
import type { DataMapperDefinition, DefinitionProblem } from '../model';
import type { CompiledDataMapper } from './context';
import { compileSteps, ExtractStep, fieldOfRead } from './extract-steps';
import { compileFormulas } from './formula-items';
import { applyMappings, compileMappings } from './mapping-items';
import { parseSegments, Segment } from './mapping-paths';
import { PlannedStep, planStep, runSteps } from './run-steps';

const namesOf = (segments: readonly Segment[]) => segments.map((s) => s.name).join(':');

/**
 * Each step selects Id, the fields the mappings and formulas read below its path
 * (`contact:account:Name` → the `contact:account` step selects Name; `contact:Account:Name` with
 * only a `contact` step selects `Account.Name`), and the fields later steps filter on.
 */
export function selectLists(steps: readonly ExtractStep[], reads: readonly (readonly Segment[])[]): Map<ExtractStep, string[]> {
  const fields = new Map<ExtractStep, Map<string, string>>(steps.map((s) => [s, new Map([['id', 'Id']])]));
  for (const read of reads) {
    const hit = fieldOfRead(steps, read);
    if (!hit) continue;
    const seen = fields.get(hit.step)!;
    // SOQL names are case-insensitive: one column per field, spelt as first read.
    if (!seen.has(hit.field.toLowerCase())) seen.set(hit.field.toLowerCase(), hit.field);
  }
  return new Map([...fields].map(([step, seen]) => [step, [...seen.values()]]));
}

/** The paths later steps read from earlier ones, as whole extract paths. */
export function filterReads(steps: readonly ExtractStep[]): Segment[][] {
  const reads: Segment[][] = [];
  for (const step of steps)
    for (const filter of step.filters) {
      if (filter.origin === 'anchor') reads.push([...step.anchor!, ...filter.segments]);
      else if (filter.origin === 'extracted') reads.push([...filter.segments]);
    }
  return reads;
}

export function planSteps(steps: readonly ExtractStep[], reads: readonly (readonly Segment[])[]): PlannedStep[] {
  const selects = selectLists(steps, [...reads, ...filterReads(steps)]);
  return steps.map((step) => planStep(step, selects.get(step)!));
}

/** Items with outputCreationSequence 0 are extraction steps; formulas are items with an expression; the rest map. */
export function partitionItems(def: DataMapperDefinition): { steps: ItemEntry[]; formulas: ItemEntry[]; mappings: ItemEntry[] } {
  const out = { steps: [] as ItemEntry[], formulas: [] as ItemEntry[], mappings: [] as ItemEntry[] };
  def.items.forEach((item, index) => {
    if (item.isDisabled) return;
    const entry = { index, item };
    if (item.formulaExpression?.trim()) out.formulas.push(entry);
    else if (item.outputCreationSequence === 0) out.steps.push(entry);
    else out.mappings.push(entry);
  });
  return out;
}

export function compileExtract(def: DataMapperDefinition): { mapper: CompiledDataMapper; problems: DefinitionProblem[] } {
  const parts = partitionItems(def);
  const steps = compileSteps(def, parts.steps);
  const formulas = compileFormulas(def, parts.formulas);
  const mappings = compileMappings(def, parts.mappings);
  // A formula's result path is written into the extracted JSON, not read from the org.
  const results = new Set(formulas.rules.map((f) => namesOf(parseSegments(f.result))));
  const reads = [...mappings.rules.flatMap((r) => (r.from ? [r.from] : [])), ...formulas.reads.map(parseSegments)].filter(
    (read) => !results.has(namesOf(read)),
  );
  const planned = planSteps(steps.steps, reads);
  const mapper: CompiledDataMapper = {
    name: def.name,
    type: def.type,
    async run(input, ctx) {
      const extracted = await runSteps(planned, input, ctx);
      for (const formula of formulas.rules) formula.apply(extracted, ctx.vlocity);
      return applyMappings(mappings.rules, extracted);
    },
  };
  return { mapper, problems: [...steps.problems, ...formulas.problems, ...mappings.problems] };
}
