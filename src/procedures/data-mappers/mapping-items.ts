import { isPlainObject } from '../../core/plain-object';
import type { DataMapperDefinition, DataMapperItem, DefinitionProblem, JsonValue } from '../model';
import { parseSegments, readTree, Segment, writeTree } from './mapping-paths';
import { dataMapperProblem } from './problems';

/** One mapping item, compiled: where it reads, where it writes, its default and its value translation. */
export interface MappingRule {
  readonly from?: readonly Segment[];
  /** Output path names, below the holder key that lets the output's root become a list. */
  readonly to: readonly string[];
  readonly defaultValue?: string;
  readonly translate?: ReadonlyMap<string, JsonValue>;
}

const HOLDER = 'output';

function translationOf(value: JsonValue | undefined): ReadonlyMap<string, JsonValue> | undefined {
  let map: JsonValue | undefined = value;
  if (typeof map === 'string') {
    if (map.trim() === '') return undefined;
    try {
      map = JSON.parse(map) as JsonValue;
    } catch {
      return undefined;
    }
  }
  if (!isPlainObject(map)) return undefined;
  const entries = Object.entries(map);
  return entries.length ? new Map(entries) : undefined;
}

/** Mapping items in output creation order (ties: as exported). */
export function compileMappings(
  def: DataMapperDefinition,
  items: readonly { index: number; item: DataMapperItem }[],
): { rules: MappingRule[]; problems: DefinitionProblem[] } {
  const problems: DefinitionProblem[] = [];
  const rules: MappingRule[] = [];
  const ordered = [...items].sort((a, b) => a.item.outputCreationSequence - b.item.outputCreationSequence || a.index - b.index);
  for (const entry of ordered) {
    const { item } = entry;
    const to = parseSegments(item.outputFieldName ?? '').map((s) => s.name);
    const from = item.inputFieldName?.trim() ? parseSegments(item.inputFieldName) : undefined;
    const defaultValue = item.defaultValue !== undefined && item.defaultValue !== '' ? item.defaultValue : undefined;
    if (to.length === 0) {
      if (from || defaultValue !== undefined) problems.push(dataMapperProblem(def, 'the mapping has no output path (outputFieldName).', entry));
      continue;
    }
    if (!from && defaultValue === undefined) continue;
    const translate = translationOf(item.transformValueMappings);
    rules.push({
      ...(from ? { from } : {}),
      to: [HOLDER, ...to],
      ...(defaultValue !== undefined ? { defaultValue } : {}),
      ...(translate ? { translate } : {}),
    });
  }
  return { rules, problems };
}

function copyOf(value: unknown): unknown {
  return typeof value === 'object' && value !== null ? structuredClone(value) : value;
}

function leafOf(rule: MappingRule): (value: unknown) => unknown {
  const translate = rule.translate;
  if (!translate) return copyOf;
  return (value) => {
    const key = typeof value === 'object' && value !== null ? undefined : String(value);
    return key !== undefined && translate.has(key) ? translate.get(key) : copyOf(value);
  };
}

/** Applies the rules to `source`: one output object, or an array when a read stepped through several records. */
export function applyMappings(rules: readonly MappingRule[], source: unknown): unknown {
  const holder: Record<string, unknown> = { [HOLDER]: {} };
  for (const rule of rules) {
    const tree = rule.from ? readTree(source, rule.from) : undefined;
    if (tree) writeTree(holder, rule.to, tree, leafOf(rule));
    else if (rule.defaultValue !== undefined) writeTree(holder, rule.to, { kind: 'value', value: rule.defaultValue }, leafOf(rule));
  }
  return holder[HOLDER];
}
