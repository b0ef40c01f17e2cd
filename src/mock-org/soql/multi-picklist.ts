import type { Binds } from '../../core/org';
import { splitMultiPicklist } from '../store/multi-picklist-values';
import type { Accessor, ResolvedPath } from './paths';
import { unescapeSoql } from './operands';
import { filterTypeMismatch, includesOnOtherType, invalidOperator, malformed, missingBind } from './errors';
import type { CompiledCondition, RowTest } from './where';

/*
 * Conditions on a multi-select picklist (values kept as `a;b;c`). Salesforce: `;` inside one
 * operand is AND (every value selected), the operands of INCLUDES/EXCLUDES are ORed; `=` is an
 * exact match of the selection. Comparisons are case-insensitive, like every SOQL text compare.
 */

/** One operand as a set of lower-cased values that must all be selected. */
type ValueSet = readonly string[];

const setOf = (text: string): ValueSet => [...new Set(splitMultiPicklist(text).map((v) => v.toLowerCase()))];

const MULTI_OPERATORS = new Set(['=', '!=', 'IN', 'NOT IN', 'INCLUDES', 'EXCLUDES']);

/** Whether the condition is this file's to compile: INCLUDES/EXCLUDES, or any operator on a multi-select picklist. */
export function isMultiPicklistCondition(operator: string, path: ResolvedPath): boolean {
  return operator === 'INCLUDES' || operator === 'EXCLUDES' || path.field.type === 'multipicklist';
}

/** An operand as written: a quoted string, or a bind read at execution. */
type Operand = { kind: 'fixed'; set: ValueSet } | { kind: 'bind'; name: string };

function compileOperands(path: ResolvedPath, types: readonly string[], raws: readonly string[]): Operand[] {
  return raws.map((raw, i) => {
    const type = types[i];
    if (type === 'APEX_BIND_VARIABLE') return { kind: 'bind', name: raw };
    if (type !== 'STRING') throw filterTypeMismatch(path.field.name, 'string', true);
    return { kind: 'fixed', set: setOf(unescapeSoql(raw)) };
  });
}

/** A bind's value: a string (one operand) or a list of strings (one operand each). */
function bindSets(name: string, binds: Binds, field: string): ValueSet[] {
  if (!Object.prototype.hasOwnProperty.call(binds, name)) throw missingBind(name);
  const value = binds[name];
  const items = Array.isArray(value) ? (value as readonly unknown[]) : [value];
  return items.map((item) => {
    if (typeof item !== 'string') throw filterTypeMismatch(field, 'string', true);
    return setOf(item);
  });
}

function resolve(operands: readonly Operand[], binds: Binds, field: string): ValueSet[] {
  const out: ValueSet[] = [];
  for (const op of operands) {
    if (op.kind === 'fixed') out.push(op.set);
    else out.push(...bindSets(op.name, binds, field));
  }
  return out;
}

function selectedOf(value: unknown): ReadonlySet<string> | undefined {
  return typeof value === 'string' ? new Set(splitMultiPicklist(value).map((v) => v.toLowerCase())) : undefined;
}

const includesAll = (selected: ReadonlySet<string>, set: ValueSet): boolean => set.every((v) => selected.has(v));
const sameSelection = (selected: ReadonlySet<string>, set: ValueSet): boolean => selected.size === set.length && includesAll(selected, set);

function test(get: Accessor, elapsed: number, operator: string, sets: readonly ValueSet[]): RowTest {
  const exact = operator === '=' || operator === '!=' || operator === 'IN' || operator === 'NOT IN';
  const negated = operator === '!=' || operator === 'NOT IN' || operator === 'EXCLUDES';
  // (ipemu) `= ''` (or `= null`) matches an empty selection; an empty selection includes nothing.
  const matchesEmpty = exact && sets.some((set) => set.length === 0);
  return (row) => {
    const selected = selectedOf(get(row, elapsed));
    const hit = selected ? sets.some((set) => (exact ? sameSelection(selected, set) : set.length > 0 && includesAll(selected, set))) : matchesEmpty;
    return negated ? !hit : hit;
  };
}

/**
 * The condition, refused as Salesforce refuses: INCLUDES/EXCLUDES on any other type, and LIKE or
 * ordering operators on a multi-select picklist.
 */
export function compileMultiPicklistCondition(
  path: ResolvedPath,
  get: Accessor,
  operator: string,
  types: readonly string[],
  raws: readonly string[],
): CompiledCondition {
  const field = path.field;
  if (field.type !== 'multipicklist') throw includesOnOtherType();
  if (!MULTI_OPERATORS.has(operator)) throw invalidOperator(operator, 'multipicklist');
  if (raws.length === 0) throw malformed(`${operator} needs at least one value`);
  const nulls = types.map((t) => t === 'NULL');
  if (nulls.some(Boolean) && (operator === 'INCLUDES' || operator === 'EXCLUDES')) throw filterTypeMismatch(field.name, 'string', true);
  const operands = compileOperands(
    path,
    types.map((t) => (t === 'NULL' ? 'STRING' : t)),
    raws.map((raw, i) => (nulls[i] ? "''" : raw)),
  );
  const fixed = operands.every((op) => op.kind === 'fixed') ? resolve(operands, {}, field.name) : undefined;
  return {
    path,
    operator,
    specs: [],
    prepare: (ctx) => test(get, ctx.elapsed, operator, fixed ?? resolve(operands, ctx.binds, field.name)),
  };
}
