import type { Binds, BindValue } from '../../core/org';
import { isPlainObject } from '../../core/plain-object';
import type { DataMapperContext } from './context';
import type { VlocityContext } from './formula-items';
import type { ExtractStep, StepFilter } from './extract-steps';
import { likeSubstring, toBind } from './filter-values';
import { collectObjects, flatValue, ownValue, putOwn, readTree, Segment } from './mapping-paths';
import { extractedRecord } from './records';

/** A step ready to send: its two SOQL texts (the list one only differs when a filter is listable). */
export interface PlannedStep {
  readonly step: ExtractStep;
  readonly soql: string;
  readonly listSoql: string;
}

/** The step's SOQL texts once its SELECT list is known: the only place a step's text is put together. */
export function planStep(step: ExtractStep, fields: readonly string[]): PlannedStep {
  const head = `SELECT ${fields.join(', ')} FROM ${step.object}`;
  return { step, soql: `${head}${step.whereText.scalar}${step.tailText}`, listSoql: `${head}${step.whereText.list}${step.tailText}` };
}

function setAt(target: Record<string, unknown>, segments: readonly Segment[], value: unknown): void {
  let node = target;
  for (let i = 0; i < segments.length - 1; i++) {
    const name = segments[i]!.name;
    const next = ownValue(node, name);
    if (isPlainObject(next)) node = next;
    else {
      const created: Record<string, unknown> = {};
      putOwn(node, name, created);
      node = created;
    }
  }
  putOwn(node, segments[segments.length - 1]!.name, value);
}

function filterValue(
  filter: StepFilter,
  input: unknown,
  extracted: unknown,
  record: Record<string, unknown> | undefined,
  vlocity: VlocityContext,
): BindValue | undefined {
  if (filter.source.kind === 'literal') return filter.source.value;
  if (filter.source.kind === 'vlocity') return toBind(filter.source.evaluate({ data: input, vlocity }));
  const base = filter.origin === 'anchor' ? record : filter.origin === 'extracted' ? extracted : input;
  return toBind(flatValue(readTree(base, filter.segments)));
}

/**
 * The binds of one query, or undefined when a filter's value is absent: (ipemu) a filter on an
 * input that is not there selects nothing, so the step sends no query and extracts nothing.
 */
function bindsOf(
  step: ExtractStep,
  input: unknown,
  extracted: unknown,
  record: Record<string, unknown> | undefined,
  vlocity: VlocityContext,
): { binds: Binds; list: boolean } | undefined {
  const binds: Record<string, BindValue> = {};
  let list = false;
  for (const filter of step.filters) {
    const value = filterValue(filter, input, extracted, record, vlocity);
    if (value === undefined) return undefined;
    if (filter.shape === 'like') {
      const pattern = likeSubstring(value);
      if (pattern === undefined) return undefined;
      binds[filter.bind] = pattern;
    } else if (filter.shape === 'list') {
      // [inferred] An IN filter given text splits it at commas, as the designer's sample input writes lists.
      binds[filter.bind] = Array.isArray(value) ? value : typeof value === 'string' ? value.split(',').map((v) => v.trim()) : [value];
    } else {
      if (Array.isArray(value)) {
        if (!filter.listable) return undefined;
        list = true;
      }
      binds[filter.bind] = value;
    }
  }
  if (list) {
    // The list text makes every listable filter (NOT) IN, so their scalar values become lists of one.
    for (const filter of step.filters) {
      const value = binds[filter.bind];
      if (filter.listable && !Array.isArray(value)) binds[filter.bind] = [value as Exclude<BindValue, readonly unknown[]>];
    }
  }
  return { binds, list };
}

/** Runs the steps in order; each query's records land at the step's path (one → an object, several → an array). */
export async function runSteps(planned: readonly PlannedStep[], input: unknown, ctx: DataMapperContext): Promise<Record<string, unknown>> {
  const extracted: Record<string, unknown> = {};
  for (const { step, soql, listSoql } of planned) {
    const targets: (Record<string, unknown> | undefined)[] = step.anchor ? collectObjects(extracted, step.anchor) : [undefined];
    const below = step.anchor ? step.path.slice(step.anchor.length) : step.path;
    for (const record of targets) {
      const query = bindsOf(step, input, extracted, record, ctx.vlocity);
      if (!query) continue;
      const result = await ctx.org.query(query.list ? listSoql : soql, query.binds, ctx.signal ? { signal: ctx.signal } : undefined);
      if (result.records.length === 0) continue;
      const records = result.records.map((r) => extractedRecord(r));
      setAt(record ?? extracted, below, records.length === 1 ? records[0] : records);
    }
  }
  return extracted;
}
