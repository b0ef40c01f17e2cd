import { isPlainObject } from '../../core/plain-object';
import type { DataMapperDefinition, DefinitionProblem, JsonValue } from '../model';
import { parseSegments, readTree, Segment, writeTree } from './mapping-paths';
import { formatConverter } from './output-formats';
import { dataMapperProblem, ItemEntry } from './problems';

/** One mapping item, compiled: where it reads, where it writes, its default, and what each value becomes. */
export interface MappingRule {
  readonly from?: readonly Segment[];
  /** Output path names, below the holder key that lets the output's root become a list. */
  readonly to: readonly string[];
  readonly defaultValue?: string;
  /** A value as written: translated (transformValueMappings), converted (outputFieldFormat), copied. */
  readonly leaf: (value: unknown) => unknown;
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
export function compileMappings(def: DataMapperDefinition, items: readonly ItemEntry[]): { rules: MappingRule[]; problems: DefinitionProblem[] } {
  const problems: DefinitionProblem[] = [];
  const rules: MappingRule[] = [];
  const ordered = [...items].sort((a, b) => a.item.outputCreationSequence - b.item.outputCreationSequence || a.index - b.index);
  for (const entry of ordered) {
    const { item } = entry;
    const to = parseSegments(item.outputFieldName ?? '').map((s) => s.name);
    const from = item.inputFieldName?.trim() ? parseSegments(item.inputFieldName) : undefined;
    const defaultValue = item.defaultValue !== undefined && item.defaultValue !== '' ? item.defaultValue : undefined;
    if (to.length === 0) {
      if (from || defaultValue !== undefined) problems.push(dataMapperProblem(def, 'the mapping has no output path (outputFieldName)', entry));
      continue;
    }
    if (!from && defaultValue === undefined) continue;
    rules.push({
      ...(from ? { from } : {}),
      to: [HOLDER, ...to],
      ...(defaultValue !== undefined ? { defaultValue } : {}),
      leaf: leafOf(translationOf(item.transformValueMappings), formatConverter(item.outputFieldFormat)),
    });
  }
  return { rules, problems };
}

function copyOf(value: unknown): unknown {
  return typeof value === 'object' && value !== null ? structuredClone(value) : value;
}

function leafOf(translate: ReadonlyMap<string, JsonValue> | undefined, convert: ((value: unknown) => unknown) | undefined): (value: unknown) => unknown {
  const translated = translate
    ? (value: unknown) => {
        const key = typeof value === 'object' && value !== null ? undefined : String(value);
        return key !== undefined && translate.has(key) ? translate.get(key) : value;
      }
    : undefined;
  if (!translated && !convert) return copyOf;
  return (value) => {
    const once = translated ? translated(value) : value;
    return copyOf(convert ? convert(once) : once);
  };
}

/** Applies the rules to `source`: one output object, or an array when a read stepped through several records. */
export function applyMappings(rules: readonly MappingRule[], source: unknown): unknown {
  const holder: Record<string, unknown> = { [HOLDER]: {} };
  for (const rule of rules) {
    const tree = rule.from ? readTree(source, rule.from) : undefined;
    if (tree) writeTree(holder, rule.to, tree, rule.leaf);
    else if (rule.defaultValue !== undefined) writeTree(holder, rule.to, { kind: 'value', value: rule.defaultValue }, rule.leaf);
  }
  return holder[HOLDER];
}
