/**
 * The document's `components`: every part a path may reference is offered, then only those some
 * path reaches (directly or through another component) are kept, because OpenAPI linters
 * (Redocly's no-unused-components, Spectral's oas3-unused-component) warn about the rest.
 */
import { isPlainObject } from '../core/plain-object';
import type { DocPart } from './openapi-responses';

export type Components = Record<string, Record<string, DocPart>>;

const LOCAL_REF = /^#\/components\/([^/]+)\/([^/]+)$/;

function collectRefs(value: unknown, into: string[]): void {
  if (Array.isArray(value)) {
    for (const item of value) collectRefs(item, into);
  } else if (isPlainObject(value)) {
    for (const [key, child] of Object.entries(value)) {
      if (key === '$ref' && typeof child === 'string') into.push(child);
      else collectRefs(child, into);
    }
  }
}

/** The components `roots` reach, in the order they were offered; sections left empty are left out. */
export function reachableComponents(roots: unknown, offered: Components): Components {
  const pending: string[] = [];
  collectRefs(roots, pending);
  const kept = new Set<string>();
  while (pending.length > 0) {
    const target = pending.pop()!;
    if (kept.has(target)) continue;
    const match = LOCAL_REF.exec(target);
    const part = match ? offered[match[1]!]?.[match[2]!] : undefined;
    if (part === undefined) continue;
    kept.add(target);
    collectRefs(part, pending);
  }
  const out: Components = {};
  for (const [section, parts] of Object.entries(offered)) {
    const used = Object.entries(parts).filter(([name]) => kept.has(`#/components/${section}/${name}`));
    if (used.length > 0) out[section] = Object.fromEntries(used);
  }
  return out;
}
