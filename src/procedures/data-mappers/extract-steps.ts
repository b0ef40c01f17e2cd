import type { DataMapperDefinition, DefinitionProblem } from '../model';
import { parseSegments, sameNames, Segment } from './mapping-paths';
import { dataMapperProblem, ItemEntry } from './problems';
import { isFieldPath, isObjectName } from './soql-clauses';
import { compileFilterRow, Condition, StepFilter } from './step-filters';

export type { StepFilter } from './step-filters';

export interface ExtractStep {
  /** The extract path where the step's records land (`contact:account`). */
  readonly path: readonly Segment[];
  readonly pathText: string;
  readonly object: string;
  /** The nearest earlier step whose path is a proper prefix: the step runs once per record there. */
  readonly anchor?: readonly Segment[];
  readonly filters: readonly StepFilter[];
  /** The step's SOQL minus its SELECT list, which is known only once every step and mapping is read. */
  readonly whereText: { readonly scalar: string; readonly list: string };
  readonly tailText: string;
}

interface StepGroup {
  readonly pathText: string;
  readonly items: ItemEntry[];
}

/** Extraction-step items grouped by extract path, ordered by `inputObjectQuerySequence` (ties: first seen). */
function groupSteps(items: readonly ItemEntry[]): StepGroup[] {
  const groups = new Map<string, StepGroup>();
  for (const entry of items) {
    const pathText = entry.item.outputFieldName?.trim() ?? '';
    let group = groups.get(pathText);
    if (!group) groups.set(pathText, (group = { pathText, items: [] }));
    group.items.push(entry);
  }
  const sequenceOf = (g: StepGroup) => Math.min(...g.items.map((e) => e.item.inputObjectQuerySequence ?? 0));
  return [...groups.values()]
    .map((g, i) => ({ g, i }))
    .sort((a, b) => sequenceOf(a.g) - sequenceOf(b.g) || a.i - b.i)
    .map(({ g }) => g);
}

function longestPrefix(paths: readonly (readonly Segment[])[], path: readonly Segment[], proper: boolean): readonly Segment[] | undefined {
  let best: readonly Segment[] | undefined;
  for (const candidate of paths) {
    if (proper && candidate.length >= path.length) continue;
    if (sameNames(candidate, path) && (!best || candidate.length > best.length)) best = candidate;
  }
  return best;
}

function whereOf(conditions: readonly Condition[], which: 'scalar' | 'list'): string {
  if (conditions.length === 0) return '';
  const groups = new Map<number, string[]>();
  for (const c of [...conditions].sort((a, b) => a.group - b.group)) {
    const list = groups.get(c.group) ?? [];
    list.push(c[which]);
    groups.set(c.group, list);
  }
  // [inferred] Filters of one FilterGroup are ANDed, groups are ORed.
  const parts = [...groups.values()].map((g) => g.join(' AND '));
  return ` WHERE ${parts.length === 1 ? parts[0] : parts.map((p) => `(${p})`).join(' OR ')}`;
}

export function compileSteps(def: DataMapperDefinition, stepItems: readonly ItemEntry[]): { steps: ExtractStep[]; problems: DefinitionProblem[] } {
  const problems: DefinitionProblem[] = [];
  const steps: ExtractStep[] = [];
  for (const group of groupSteps(stepItems)) {
    const first = group.items[0]!;
    const objects = [...new Set(group.items.map((e) => e.item.inputObjectName?.trim() ?? '').filter((name) => name))];
    const object = objects[0] ?? '';
    if (objects.length > 1) {
      const other = group.items.find((e) => e.item.inputObjectName?.trim() === objects[1])!;
      problems.push(dataMapperProblem(def, `the extraction step "${group.pathText}" names two objects (${objects.join(', ')})`, other));
      continue;
    }
    if (!object) {
      problems.push(dataMapperProblem(def, `the extraction step "${group.pathText}" names no object`, first));
      continue;
    }
    if (!isObjectName(object)) {
      problems.push(dataMapperProblem(def, `"${object}" is not an object name`, first));
      continue;
    }
    if (!group.pathText) {
      problems.push(dataMapperProblem(def, `the extraction step on ${object} has no extract path (outputFieldName)`, first));
      continue;
    }
    const path = parseSegments(group.pathText);
    const anchor = longestPrefix(
      steps.map((s) => s.path),
      path,
      true,
    );
    const conditions: Condition[] = [];
    const filters: StepFilter[] = [];
    const orderBy: string[] = [];
    let limit: number | undefined;
    let offset: number | undefined;
    let ok = true;
    for (const entry of group.items) {
      const row = compileFilterRow(entry.item, { ...(anchor ? { anchor } : {}), earlier: steps.map((s) => s.path), bindCount: filters.length });
      if (!row) continue;
      if (row.kind === 'problem') {
        problems.push(dataMapperProblem(def, row.message, entry));
        ok = false;
      } else if (row.kind === 'limit') limit = row.value;
      else if (row.kind === 'offset') offset = row.value;
      else if (row.kind === 'order') orderBy.push(row.text);
      else {
        conditions.push(row.condition);
        if (row.filter) filters.push(row.filter);
      }
    }
    if (!ok) continue;
    const tail = [
      orderBy.length ? ` ORDER BY ${orderBy.join(', ')}` : '',
      limit !== undefined ? ` LIMIT ${limit}` : '',
      offset !== undefined ? ` OFFSET ${offset}` : '',
    ].join('');
    steps.push({
      path,
      pathText: group.pathText,
      object,
      ...(anchor ? { anchor } : {}),
      filters,
      whereText: { scalar: whereOf(conditions, 'scalar'), list: whereOf(conditions, 'list') },
      tailText: tail,
    });
  }
  return { steps, problems };
}

/** The step a read path lands in (the longest step path it starts with) and the field it reads there. */
export function fieldOfRead(steps: readonly ExtractStep[], read: readonly Segment[]): { step: ExtractStep; field: string } | undefined {
  let best: ExtractStep | undefined;
  for (const step of steps) {
    if (step.path.length < read.length && sameNames(step.path, read) && (!best || step.path.length > best.path.length)) best = step;
  }
  // A path that leads to a step (reading `contact:account` whole) is that step's records, not a field.
  if (!best || steps.some((step) => sameNames(read, step.path))) return undefined;
  const field = read
    .slice(best.path.length)
    .map((s) => s.name)
    .join('.');
  return isFieldPath(field) ? { step: best, field } : undefined;
}
