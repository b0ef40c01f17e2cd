import { isDeepStrictEqual } from 'node:util';
import { isPlainObject } from '../core/plain-object';

/** Where two JSON values part: the path (`requestDetails[0].pendingJobCount`) and each side's value there (undefined: absent). */
export interface ValueDifference {
  path: string;
  org: unknown;
  mock: unknown;
}

function join(path: string, key: string | number): string {
  if (typeof key === 'number') return `${path}[${key}]`;
  return path === '' ? key : `${path}.${key}`;
}

/**
 * The leaves at which `org` and `mock` differ, at most `limit` of them, in the org's key order:
 * what a person reads to see why two output maps (or two records) are not equal.
 */
export function valueDifferences(org: unknown, mock: unknown, limit = 10, path = ''): ValueDifference[] {
  const found: ValueDifference[] = [];
  const walk = (a: unknown, b: unknown, at: string): void => {
    if (found.length >= limit || isDeepStrictEqual(a, b)) return;
    if (isPlainObject(a) && isPlainObject(b)) {
      const keys = [...Object.keys(a), ...Object.keys(b).filter((key) => !(key in a))];
      for (const key of keys) walk(a[key], b[key], join(at, key));
    } else if (Array.isArray(a) && Array.isArray(b)) {
      for (let i = 0; i < Math.max(a.length, b.length); i++) walk(a[i], b[i], join(at, i));
    } else {
      found.push({ path: at === '' ? '(the whole value)' : at, org: a, mock: b });
    }
  };
  walk(org, mock, path);
  return found;
}
