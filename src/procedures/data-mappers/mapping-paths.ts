import { isPlainObject } from '../../core/plain-object';
import { itemAt, ownField, PathStep, readPathStep } from '../paths';

/**
 * Data Mapper paths keep the shape of the lists they step through. A formula or merge-field path
 * gives a flat value; a Data Mapper item `details:Id` → `Id` over two extracted records must give
 * two output objects, so reading here yields a tree whose list levels are remembered, and writing
 * puts each list level at the output path's matching parent (`Contact:LastName` →
 * `Account:Contacts:LastName` gives `Account.Contacts` one element per contact).
 */

/** One level of a Data Mapper path: the OmniStudio path step (`name|N`, indexes zero-based) of paths.ts. */
export type Segment = PathStep;

/**
 * What a read found: a value, or a list level with one entry per element stepped through and the
 * number of path segments that were still to read below the list.
 */
export type ReadTree =
  | { readonly kind: 'value'; readonly value: unknown }
  | { readonly kind: 'list'; readonly remaining: number; readonly items: readonly (ReadTree | undefined)[] };

/** Own properties only: a path from a definition must never read Object.prototype (`constructor`, `__proto__`). */
export const ownValue = ownField;

/** Writes an own property, `__proto__` included, so no path can reach a prototype. */
export function putOwn(node: Record<string, unknown>, name: string, value: unknown): void {
  Object.defineProperty(node, name, { value, writable: true, enumerable: true, configurable: true });
}

/**
 * `a:b|2:c` → segments, read by paths.ts's rules; empty segments (`a::b`) are dropped as the
 * designer drops them, and a part whose '|' is not a list index is a plain name.
 */
export function parseSegments(path: string): Segment[] {
  const segments: Segment[] = [];
  for (const part of path.split(':')) {
    if (part === '') continue;
    segments.push(readPathStep(part) ?? { name: part, indexes: [] });
  }
  return segments;
}

export function sameNames(prefix: readonly Segment[], path: readonly Segment[]): boolean {
  return prefix.length <= path.length && prefix.every((seg, i) => seg.name === path[i]!.name);
}

function step(node: unknown, segment: Segment): unknown {
  let value = ownValue(node, segment.name);
  for (const index of segment.indexes) value = itemAt(value, index);
  return value;
}

/** Reads `segments` from `node`; a list met before the last segment becomes a list level of the tree. */
export function readTree(node: unknown, segments: readonly Segment[], from = 0): ReadTree | undefined {
  if (from === segments.length) return node === undefined || node === null ? undefined : { kind: 'value', value: node };
  if (Array.isArray(node)) return { kind: 'list', remaining: segments.length - from, items: node.map((item: unknown) => readTree(item, segments, from)) };
  const next = step(node, segments[from]!);
  return next === undefined ? undefined : readTree(next, segments, from + 1);
}

/** Every object at `segments` (lists flattened): the records an extraction step runs once per. */
export function collectObjects(node: unknown, segments: readonly Segment[], from = 0, out: Record<string, unknown>[] = []): Record<string, unknown>[] {
  if (Array.isArray(node)) {
    for (const item of node) collectObjects(item, segments, from, out);
    return out;
  }
  if (from === segments.length) {
    if (isPlainObject(node)) out.push(node);
    return out;
  }
  return collectObjects(step(node, segments[from]!), segments, from + 1, out);
}

/** The plain value of a tree: list levels as arrays (absent entries as null). Filters bind this. */
export function flatValue(tree: ReadTree | undefined): unknown {
  if (!tree) return undefined;
  if (tree.kind === 'value') return tree.value;
  return tree.items.map((item) => flatValue(item) ?? null);
}

function childObject(parent: Record<string, unknown>, key: string): Record<string, unknown> | Record<string, unknown>[] {
  const existing = ownValue(parent, key);
  if (isPlainObject(existing)) return existing;
  if (Array.isArray(existing) && existing.every(isPlainObject)) return existing;
  const created: Record<string, unknown> = {};
  putOwn(parent, key, created);
  return created;
}

function setValue(target: Record<string, unknown>, names: readonly string[], value: unknown): void {
  let node: Record<string, unknown> = target;
  for (let i = 0; i < names.length - 1; i++) {
    const child = childObject(node, names[i]!);
    if (Array.isArray(child)) {
      // A value written below a list already built by another item goes to each of its elements.
      for (const element of child) setValue(element, names.slice(i + 1), value);
      return;
    }
    node = child;
  }
  putOwn(node, names[names.length - 1]!, value);
}

/** The array at `parent[key]`, made (or grown) to `length` objects; an object already there is copied into each. */
function listAt(parent: Record<string, unknown>, key: string, length: number): Record<string, unknown>[] {
  const existing = ownValue(parent, key);
  const list: Record<string, unknown>[] = Array.isArray(existing) ? existing.filter(isPlainObject) : [];
  const seed = isPlainObject(existing) ? existing : undefined;
  while (list.length < length) list.push(seed ? { ...seed } : {});
  putOwn(parent, key, list);
  return list;
}

/**
 * Writes a read tree at `names` below `target`. Lists align from the end: a list read with r
 * segments still below it becomes the array at the output node with r names below it
 * (`Account:Contacts:LastName` → `Accounts:Contacts:LastName` makes `Accounts` the array). The
 * caller writes below a holder key, so a list with as many segments below it as the output path
 * has (`details:Id` → `Id`) makes the output itself an array.
 */
export function writeTree(target: Record<string, unknown>, names: readonly string[], tree: ReadTree, leaf: (value: unknown) => unknown): void {
  if (tree.kind === 'value') {
    const value = leaf(tree.value);
    if (value !== undefined) setValue(target, names, value);
    return;
  }
  const at = Math.max(0, names.length - tree.remaining - 1);
  let parent: Record<string, unknown> = target;
  for (const name of names.slice(0, at)) {
    const child = childObject(parent, name);
    // Below a list another item built, a list that does not line up with it goes to its first element.
    parent = Array.isArray(child) ? (child[0] ?? {}) : child;
  }
  const below = names.slice(at + 1);
  if (below.length === 0) {
    // A list nested deeper than the output path: its values as a list at the last name.
    putOwn(
      parent,
      names[at]!,
      tree.items.map((item) => leaf(flatValue(item) ?? null)),
    );
    return;
  }
  const list = listAt(parent, names[at]!, tree.items.length);
  tree.items.forEach((item, i) => {
    if (!item) return;
    writeTree(list[i]!, below, item, leaf);
  });
}
