import { isPlainObject } from '../../core/plain-object';
import type { DataMapperDefinition, DefinitionProblem } from '../model';
import type { CompiledDataMapper } from './context';
import { compileSteps } from './extract-steps';
import { isFieldPath } from './soql-clauses';
import { dataMapperProblem } from './problems';
import { runSteps } from './run-steps';

/** Copies `Account.Name` from a record into `out` with the REST API's nesting (`Account: { Name }`). */
function copyField(record: Record<string, unknown>, out: Record<string, unknown>, names: readonly string[]): void {
  let from: unknown = record;
  let to = out;
  for (let i = 0; i < names.length - 1; i++) {
    from = isPlainObject(from) ? from[names[i]!] : undefined;
    if (!isPlainObject(from)) return;
    const next = to[names[i]!];
    to = isPlainObject(next) ? next : (to[names[i]!] = {});
  }
  const value = isPlainObject(from) ? from[names[names.length - 1]!] : undefined;
  if (value !== undefined) to[names[names.length - 1]!] = value;
}

function nest(names: readonly string[], value: unknown): Record<string, unknown> {
  let node: unknown = value;
  for (let i = names.length - 1; i >= 0; i--) node = { [names[i]!]: node };
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
  if (compiled.steps.length > 1) problems.push(dataMapperProblem(def, `a Turbo Extract reads one object, not ${compiled.steps.length} extract paths.`));
  const fields: string[][] = [];
  const select = new Map<string, string>([['id', 'Id']]);
  for (const entry of fieldItems) {
    const field = entry.item.inputFieldName!.trim();
    if (!isFieldPath(field)) {
      problems.push(dataMapperProblem(def, `"${field}" is not a field name.`, entry));
      continue;
    }
    fields.push(field.split('.'));
    if (!select.has(field.toLowerCase())) select.set(field.toLowerCase(), field);
  }
  const step = compiled.steps[0];
  const head = step ? `SELECT ${[...select.values()].join(', ')} FROM ${step.object}` : '';
  const planned = step ? [{ step, soql: `${head}${step.whereText.scalar}${step.tailText}`, listSoql: `${head}${step.whereText.list}${step.tailText}` }] : [];
  const mapper: CompiledDataMapper = {
    name: def.name,
    type: def.type,
    async run(input, ctx) {
      if (!step) return {};
      const extracted = await runSteps(planned, input, ctx);
      const names = step.path.map((s) => s.name);
      let found: unknown = extracted;
      for (const name of names) found = isPlainObject(found) ? found[name] : undefined;
      const project = (record: unknown) => {
        const out: Record<string, unknown> = {};
        if (isPlainObject(record)) for (const names of fields) copyField(record, out, names);
        return out;
      };
      if (found === undefined) return {};
      return nest(names, Array.isArray(found) ? found.map(project) : project(found));
    },
  };
  return { mapper, problems };
}
