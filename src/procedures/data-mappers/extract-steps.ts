import type { DataMapperDefinition, DataMapperItem, DefinitionProblem } from '../model';
import { parseFilterValue, FilterSource } from './filter-values';
import { parseSegments, sameNames, Segment } from './mapping-paths';
import { dataMapperProblem } from './problems';
import { isFieldPath, isObjectName, MAX_EXTRACT_LIMIT, orderByText, wholeNumber } from './soql-clauses';

/** How a filter's value becomes its bind: a list for (NOT) IN, a substring pattern for LIKE, else as read. */
export type BindShape = 'scalar' | 'list' | 'like';

/** Where a path-valued filter reads at run time. */
export type FilterOrigin = 'input' | 'extracted' | 'anchor';

export interface StepFilter {
  readonly bind: string;
  readonly source: Exclude<FilterSource, { kind: 'null' }>;
  readonly shape: BindShape;
  readonly origin: FilterOrigin;
  /** For origin 'anchor': the path below the anchor record; else the whole path. */
  readonly segments: readonly Segment[];
  /** `=`/`<>` on a path: a list read at run time switches the step to its `listSoql`, where this filter is (NOT) IN. */
  readonly listable: boolean;
}

export interface ExtractStep {
  /** The extract path where the step's records land (`contact:account`). */
  readonly path: readonly Segment[];
  readonly pathText: string;
  readonly object: string;
  readonly sequence: number;
  /** The nearest earlier step whose path is a proper prefix: the step runs once per record there. */
  readonly anchor?: readonly Segment[];
  readonly filters: readonly StepFilter[];
  /** The step's SOQL minus its SELECT list, which is known only once every step and mapping is read. */
  readonly whereText: { readonly scalar: string; readonly list: string };
  readonly tailText: string;
}

interface StepGroup {
  readonly pathText: string;
  readonly items: { index: number; item: DataMapperItem }[];
}

const OPERATORS = new Set(['=', '<>', '!=', 'LIKE', 'NOT LIKE', 'IN', 'NOT IN', '>', '>=', '<', '<=', 'LIMIT', 'OFFSET', 'ORDER BY']);

export function normalOperator(op: string | undefined): string | undefined {
  if (op === undefined) return undefined;
  const text = op.trim().replace(/\s+/g, ' ').toUpperCase();
  return text === '' ? undefined : text;
}

/** Extraction-step items grouped by extract path, ordered by `inputObjectQuerySequence` (ties: first seen). */
function groupSteps(items: readonly { index: number; item: DataMapperItem }[]): StepGroup[] {
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

interface Condition {
  readonly group: number;
  readonly scalar: string;
  readonly list: string;
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

export function compileSteps(
  def: DataMapperDefinition,
  stepItems: readonly { index: number; item: DataMapperItem }[],
): { steps: ExtractStep[]; problems: DefinitionProblem[] } {
  const problems: DefinitionProblem[] = [];
  const steps: ExtractStep[] = [];
  for (const group of groupSteps(stepItems)) {
    const first = group.items[0]!;
    const object = group.items.map((e) => e.item.inputObjectName?.trim()).find((name) => name) ?? '';
    if (!object) {
      problems.push(dataMapperProblem(def, `the extraction step "${group.pathText}" names no object.`, first));
      continue;
    }
    if (!isObjectName(object)) {
      problems.push(dataMapperProblem(def, `"${object}" is not an object name.`, first));
      continue;
    }
    if (!group.pathText) {
      problems.push(dataMapperProblem(def, `the extraction step on ${object} has no extract path (outputFieldName).`, first));
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
      const { item } = entry;
      const op = normalOperator(item.filterOperator);
      if (op === undefined) continue;
      const fail = (message: string) => {
        problems.push(dataMapperProblem(def, message, entry));
        ok = false;
      };
      if (!OPERATORS.has(op)) {
        fail(`unknown FilterOperator "${item.filterOperator}".`);
        continue;
      }
      const value = item.filterValue ?? '';
      if (op === 'LIMIT' || op === 'OFFSET') {
        const n = op === 'LIMIT' ? wholeNumber(value, 1, MAX_EXTRACT_LIMIT) : wholeNumber(value, 0, Number.MAX_SAFE_INTEGER);
        if (n === undefined)
          fail(op === 'LIMIT' ? `LIMIT "${value}" is not a whole number from 1 to ${MAX_EXTRACT_LIMIT}.` : `OFFSET "${value}" is not a whole number.`);
        else if (op === 'LIMIT') limit = n;
        else offset = n;
        continue;
      }
      if (op === 'ORDER BY') {
        const text = orderByText(value);
        if (text === undefined) fail(`ORDER BY "${value}" is not a list of fields.`);
        else orderBy.push(text);
        continue;
      }
      const field = item.inputFieldName?.trim() ?? '';
      if (!isFieldPath(field)) {
        fail(field ? `"${field}" is not a field name.` : `the ${op} filter names no field (inputFieldName).`);
        continue;
      }
      const source = parseFilterValue(value);
      const group = item.filterGroup ?? 0;
      if (source.kind === 'null') {
        if (op !== '=' && op !== '<>' && op !== '!=') {
          fail(`$Vlocity.NULL can only be compared with = or <>, not ${op}.`);
          continue;
        }
        const text = `${field} ${op === '=' ? '=' : '!='} null`;
        conditions.push({ group, scalar: text, list: text });
        continue;
      }
      const bind = `p${filters.length}`;
      const negated = op === '<>' || op === '!=' || op === 'NOT IN' || op === 'NOT LIKE';
      const shape: BindShape = op === 'LIKE' || op === 'NOT LIKE' ? 'like' : op === 'IN' || op === 'NOT IN' ? 'list' : 'scalar';
      const listable = source.kind === 'path' && (op === '=' || op === '<>' || op === '!=');
      let scalar: string;
      if (shape === 'like') scalar = negated ? `(NOT ${field} LIKE :${bind})` : `${field} LIKE :${bind}`;
      else if (shape === 'list') scalar = `${field} ${negated ? 'NOT IN' : 'IN'} :${bind}`;
      else scalar = `${field} ${op === '<>' ? '!=' : op} :${bind}`;
      const list = listable ? `${field} ${negated ? 'NOT IN' : 'IN'} :${bind}` : scalar;
      conditions.push({ group, scalar, list });
      let origin: FilterOrigin = 'input';
      let segments: readonly Segment[] = source.kind === 'path' ? source.segments : [];
      if (source.kind === 'path') {
        const earlier = longestPrefix(
          steps.map((s) => s.path),
          source.segments,
          true,
        );
        if (anchor && sameNames(anchor, source.segments) && source.segments.length > anchor.length) {
          origin = 'anchor';
          segments = source.segments.slice(anchor.length);
        } else if (earlier) origin = 'extracted';
      }
      filters.push({ bind, source, shape, origin, segments, listable });
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
      sequence: first.item.inputObjectQuerySequence ?? 0,
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
