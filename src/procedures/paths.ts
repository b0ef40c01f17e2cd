/**
 * OmniStudio paths, as merge fields (`%a:b|1:c%`), `sendJSONPath`, `loopList` and Data Mapper
 * items write them: ':' separates levels, '|N' picks the Nth item of a list (from 1), and a name
 * that meets a list without an index maps over the list. Field names keep '.', '-' and spaces,
 * which is why neither JSONPath nor lodash paths would read them right.
 */
import { IpemuError } from '../core/errors';
import { isPlainObject } from '../core/plain-object';
import { LRUCache } from 'lru-cache';

export interface CompiledPath {
  readonly text: string;
  /** The value at the path, or undefined when any level is absent. */
  get(data: unknown): unknown;
  /** Writes `value` at the path, creating the objects (and, for '|N', the lists) on the way. */
  set(data: Record<string, unknown>, value: unknown): void;
}

/** One level of a path: a name and the zero-based indexes that follow it ('a|2|1' → a, [1, 0]). */
export interface PathStep {
  readonly name: string;
  readonly indexes: readonly number[];
}
type Step = PathStep;

const INDEX = /^[1-9][0-9]*$/;

/** One ':'-separated part of a path as a step, or undefined when a '|N' in it is not a list index (1, 2, …). */
export function readPathStep(part: string): PathStep | undefined {
  const [name = '', ...rest] = part.split('|');
  const indexes: number[] = [];
  for (const index of rest) {
    const trimmed = index.trim();
    if (!INDEX.test(trimmed)) return undefined;
    indexes.push(Number(trimmed) - 1);
  }
  return { name, indexes };
}

function parseStep(part: string, path: string): Step {
  const step = readPathStep(part);
  if (step !== undefined) return step;
  const index =
    part
      .split('|')
      .slice(1)
      .find((i) => !INDEX.test(i.trim())) ?? '';
  throw new IpemuError('INVALID_INPUT', `Path '${path}': '|${index}' is not a list index (1, 2, …)`, { path });
}

/** Own properties only: a path from a definition must never reach Object.prototype. */
export function ownField(value: unknown, name: string): unknown {
  if (!isPlainObject(value) || !Object.prototype.hasOwnProperty.call(value, name)) return undefined;
  return value[name];
}
const field = ownField;

/**
 * A single record is a list of one: a Data Mapper gives an object for one match and a list for
 * several, and `|1` must read both the same way. [inferred]
 */
export function itemAt(value: unknown, index: number): unknown {
  if (Array.isArray(value)) return value[index];
  if (value === undefined || value === null) return undefined;
  return index === 0 ? value : undefined;
}

function getSteps(value: unknown, steps: readonly Step[], from: number): unknown {
  let current = value;
  for (let i = from; i < steps.length; i++) {
    const step = steps[i] as Step;
    if (step.name !== '') {
      if (Array.isArray(current)) return mapOver(current, steps, i);
      current = field(current, step.name);
    }
    for (const index of step.indexes) current = itemAt(current, index);
    if (current === undefined) return undefined;
  }
  return current;
}

/** A list met without an index: the values found under each item, absent ones left out, or undefined when none has it. */
function mapOver(list: readonly unknown[], steps: readonly Step[], from: number): unknown {
  const values: unknown[] = [];
  for (const entry of list) {
    const found = getSteps(entry, steps, from);
    if (found === undefined) continue;
    if (Array.isArray(found) && isMappedFurther(steps, from)) for (const value of found as unknown[]) values.push(value);
    else values.push(found);
  }
  return values.length > 0 ? values : undefined;
}

/** Whether a later step maps too: then each item's answer is itself a list of values, and they join into one flat list. */
function isMappedFurther(steps: readonly Step[], from: number): boolean {
  return steps.slice(from + 1).some((step) => step.name !== '' && step.indexes.length === 0);
}

function setOwn(target: Record<string, unknown>, name: string, value: unknown): void {
  // A '__proto__' key from a definition stays a plain key; defineProperty only there, since it costs 0.4 µs a write.
  if (name === '__proto__') Object.defineProperty(target, name, { value, writable: true, enumerable: true, configurable: true });
  else target[name] = value;
}

function containerFor(next: Step | undefined): unknown {
  return next !== undefined && next.name === '' && next.indexes.length > 0 ? [] : {};
}

function setSteps(target: Record<string, unknown>, steps: readonly Step[], value: unknown, text: string): void {
  let current: unknown = target;
  for (let i = 0; i < steps.length; i++) {
    const step = steps[i] as Step;
    const last = i === steps.length - 1;
    if (step.name !== '') {
      if (Array.isArray(current)) {
        // A list met without an index: every item gets the rest of the path. [inferred]
        for (const entry of current) if (isPlainObject(entry)) setSteps(entry, steps.slice(i), value, text);
        return;
      }
      if (!isPlainObject(current)) throw new IpemuError('INVALID_INPUT', `Path '${text}': cannot write under a value that is not an object`, { path: text });
      if (last && step.indexes.length === 0) {
        setOwn(current, step.name, value);
        return;
      }
      let child = field(current, step.name);
      // A text or number on the way gives way to an object, as a node written fresh would be. [inferred]
      if (child === undefined || child === null || typeof child !== 'object') {
        child = step.indexes.length > 0 ? [] : containerFor(steps[i + 1]);
        setOwn(current, step.name, child);
      }
      current = child;
    }
    for (let k = 0; k < step.indexes.length; k++) {
      const index = step.indexes[k] as number;
      const lastIndex = last && k === step.indexes.length - 1;
      if (!Array.isArray(current)) {
        if (index === 0 && !lastIndex && isPlainObject(current)) continue; // a record is its own list of one
        throw new IpemuError('INVALID_INPUT', `Path '${text}': '|${index + 1}' indexes a value that is not a list`, { path: text });
      }
      if (lastIndex) {
        current[index] = value;
        return;
      }
      let entry: unknown = current[index];
      if (entry === undefined || entry === null || typeof entry !== 'object') {
        entry = k < step.indexes.length - 1 ? [] : {};
        current[index] = entry;
      }
      current = entry;
    }
  }
}

class Path implements CompiledPath {
  private readonly steps: readonly Step[];

  constructor(readonly text: string) {
    const trimmed = text.trim();
    this.steps = trimmed === '' ? [] : trimmed.split(':').map((part) => parseStep(part, text));
  }

  get(data: unknown): unknown {
    return getSteps(data, this.steps, 0);
  }

  set(data: Record<string, unknown>, value: unknown): void {
    if (this.steps.length === 0) throw new IpemuError('INVALID_INPUT', 'An empty path cannot be written', { path: this.text });
    setSteps(data, this.steps, value, this.text);
  }
}

/** Parses once; callers keep the result. An empty path reads the whole value. Throws IpemuError INVALID_INPUT on a bad '|N'. */
export function compilePath(path: string): CompiledPath {
  return new Path(path);
}

const cache = new LRUCache<string, CompiledPath>({ max: 1000 });

/** `compilePath(path).get(data)`, through a bounded cache for callers that meet paths only at run time. */
export function getPath(data: unknown, path: string): unknown {
  let compiled = cache.get(path);
  if (compiled === undefined) {
    compiled = compilePath(path);
    cache.set(path, compiled);
  }
  return compiled.get(data);
}
