import { isPlainObject } from '../../core/plain-object';
import type { DataMapperDefinition, DefinitionProblem } from '../model';
import type { CompiledDataMapper } from './context';
import { compileSteps } from './extract-steps';
import { isFieldPath } from './soql-clauses';
import { dataMapperProblem } from './problems';
import { ownValue, putOwn } from './mapping-paths';
import { planStep, runSteps } from './run-steps';

/** Copies `Account.Name` from a record into `out` with the REST API's nesting (`Account: { Name }`). */
function copyField(record: Record<string, unknown>, out: Record<string, unknown>, names: readonly string[]): void {
  let from: unknown = record;
  let to = out;
  for (let i = 0; i < names.length - 1; i++) {
    from = ownValue(from, names[i]!);
    if (!isPlainObject(from)) return;
    const next = ownValue(to, names[i]!);
    if (isPlainObject(next)) to = next;
    else {
      const created: Record<string, unknown> = {};
      putOwn(to, names[i]!, created);
      to = created;
    }
  }
  const value = ownValue(from, names[names.length - 1]!);
  if (value !== undefined) putOwn(to, names[names.length - 1]!, value);
}

function nest(names: readonly string[], value: unknown): Record<string, unknown> {
  let node: unknown = value;
  for (let i = names.length - 1; i >= 0; i--) {
    const level: Record<string, unknown> = {};
    putOwn(level, names[i]!, node);
    node = level;
  }
  return node as Record<string, unknown>;
}

/**
 * A Turbo Extract reads one object: its filter items (creation sequence 0) are filters as in an
 * Extract, its other items list the fields. The output holds the records under the extract path,
 * each with the listed fields only.
 */
export function compileTurboExtract(def: DataMapperDefinition): { mapper: CompiledDataMapper; problems: DefinitionProblem[] } {
  const problems: DefinitionProblem[] = [];
  const live = def.items.map((item, index) => ({ index, item })).filter((e) => !e.item.isDisabled);
  const filterItems = live.filter((e) => e.item.outputCreationSequence === 0);
  const fieldItems = live.filter((e) => e.item.outputCreationSequence !== 0 && e.item.inputFieldName?.trim());
  // A Turbo Extract without filters still names its object and path on its field items.
  const stepItems =
    filterItems.length > 0 ? filterItems : fieldItems.slice(0, 1).map((e) => ({ index: e.index, item: { ...e.item, filterOperator: undefined } }));
  const compiled = compileSteps(def, stepItems);
  problems.push(...compiled.problems);
  if (compiled.steps.length > 1) problems.push(dataMapperProblem(def, `a Turbo Extract reads one object, not ${compiled.steps.length} extract paths`));
  const fields: string[][] = [];
  const select = new Map<string, string>([['id', 'Id']]);
  for (const entry of fieldItems) {
    const field = entry.item.inputFieldName!.trim();
    if (!isFieldPath(field)) {
      problems.push(dataMapperProblem(def, `"${field}" is not a field name`, entry));
      continue;
    }
    fields.push(field.split('.'));
    if (!select.has(field.toLowerCase())) select.set(field.toLowerCase(), field);
  }
  const step = compiled.steps[0];
  const planned = step ? [planStep(step, [...select.values()])] : [];
  const names = step ? step.path.map((s) => s.name) : [];
  const project = (record: unknown) => {
    const out: Record<string, unknown> = {};
    if (isPlainObject(record)) for (const path of fields) copyField(record, out, path);
    return out;
  };
  const mapper: CompiledDataMapper = {
    name: def.name,
    type: def.type,
    async run(input, ctx) {
      if (!step) return {};
      let found: unknown = await runSteps(planned, input, ctx);
      for (const name of names) found = ownValue(found, name);
      if (found === undefined) return {};
      return nest(names, Array.isArray(found) ? found.map(project) : project(found));
    },
  };
  return { mapper, problems };
}
