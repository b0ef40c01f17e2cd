/**
 * A plain JSON copy of a value someone else made: a caller's input and options, a handler's answer.
 * What comes back is made of fresh objects and arrays, strings, finite numbers, booleans and null,
 * so later reads cannot run a getter, a Proxy trap or a `toJSON` again, and any transport can
 * serialise it. The copy follows JSON.stringify's rules (toJSON, undefined and functions left out,
 * NaN and Infinity as null) but stops early at a size and a depth: JSON.parse(JSON.stringify(x))
 * would first build the whole text of a 50 MB answer, and costs six times this walk on the small
 * maps of the invoke path.
 */

/** Nesting deeper than this is refused: no answer or input of ipemu's needs it, and it bounds the stack. */
export const MAX_JSON_DEPTH = 100;

export type JsonCopy = { readonly ok: true; readonly value: unknown } | { readonly ok: false; readonly problem: string };

/** Thrown inside the walk only; the brand check (unlike instanceof) runs no trap of a hostile thrown value. */
class NotJson extends Error {
  readonly #brand = true;

  constructor(readonly problem: string) {
    super(problem);
  }

  static is(value: unknown): value is NotJson {
    return typeof value === 'object' && value !== null && #brand in value;
  }
}

const PATH_KEY_CHARS = 40;
const PATH_CHARS = 200;

/** `details.items[3].name`, each key and the whole shortened: keys come from the value, which may be huge. */
function formatPath(path: readonly (string | number)[]): string {
  let text = '';
  for (const part of path) {
    if (typeof part === 'number') text += `[${part}]`;
    else {
      const key = part.length > PATH_KEY_CHARS ? `${part.slice(0, PATH_KEY_CHARS)}…` : part;
      text += text ? `.${key}` : key;
    }
    if (text.length > PATH_CHARS) return `${text.slice(0, PATH_CHARS)}…`;
  }
  return text;
}

class Copier {
  private chars = 0;
  readonly path: (string | number)[] = [];
  private readonly ancestors: object[] = [];

  constructor(private readonly maxChars: number) {}

  /** Strings and keys count their length, every value at least one: a rough size of the JSON text. */
  private charge(n: number): void {
    this.chars += n;
    if (this.chars > this.maxChars) throw new NotJson(`more than ${this.maxChars} characters`);
  }

  /** One value as JSON.stringify would see it: after its toJSON. Undefined means "left out". */
  copy(value: unknown, key: string): unknown {
    if (typeof value === 'object' && value !== null) {
      const toJSON = (value as { toJSON?: unknown }).toJSON;
      if (typeof toJSON === 'function') value = (toJSON as (this: unknown, key: string) => unknown).call(value, key);
    }
    switch (typeof value) {
      case 'string':
        this.charge(value.length + 2);
        return value;
      case 'number':
        return Number.isFinite(value) ? value : null;
      case 'boolean':
        return value;
      case 'bigint':
        throw new NotJson('a BigInt');
      case 'object':
        return value === null ? null : this.copyObject(value);
      default:
        return undefined;
    }
  }

  /** Copies `record`, a spread of `original` whose properties were read already, as if it were `original` (cycles, paths). */
  copyRecordOf(original: object, record: Readonly<Record<string, unknown>>): unknown {
    this.ancestors.push(original);
    const out = this.copyEntries(record);
    this.ancestors.pop();
    return out;
  }

  private copyObject(value: object): unknown {
    if (this.ancestors.includes(value)) throw new NotJson('a cycle');
    if (this.ancestors.length >= MAX_JSON_DEPTH) throw new NotJson(`more than ${MAX_JSON_DEPTH} levels of nesting`);
    this.ancestors.push(value);
    const out = Array.isArray(value) ? this.copyArray(value as readonly unknown[]) : this.copyEntries(value as Readonly<Record<string, unknown>>);
    this.ancestors.pop();
    return out;
  }

  private copyArray(value: readonly unknown[]): unknown[] {
    const out: unknown[] = [];
    const length = value.length;
    for (let i = 0; i < length; i++) {
      this.charge(1);
      this.path.push(i);
      const item = this.copy(value[i], String(i));
      this.path.pop();
      out.push(item === undefined ? null : item);
    }
    return out;
  }

  private copyEntries(value: Readonly<Record<string, unknown>>): Record<string, unknown> {
    const out: Record<string, unknown> = {};
    for (const key of Object.keys(value)) {
      this.charge(key.length + 3);
      this.path.push(key);
      const item = this.copy(value[key], key);
      this.path.pop();
      if (item === undefined) continue;
      // Assigning `__proto__` would set the copy's prototype; JSON.parse makes it an own key, and so do we.
      if (key === '__proto__') Object.defineProperty(out, key, { value: item, writable: true, enumerable: true, configurable: true });
      else out[key] = item;
    }
    return out;
  }
}

/**
 * An object literal's own properties, each read once (a spread runs every getter and trap once and
 * defines `__proto__` as an own key, as JSON.parse does), or undefined when JSON would see the
 * object otherwise (an array, a boxed primitive, a Date or anything else with toJSON).
 */
function spreadRecord(value: object): Record<string, unknown> | undefined {
  const proto: unknown = Object.getPrototypeOf(value);
  if ((proto !== Object.prototype && proto !== null) || typeof (value as { toJSON?: unknown }).toJSON === 'function') return undefined;
  return { ...value };
}

/** Whether a spread copy is JSON as it is: strings, finite numbers, booleans and nulls only, no symbol keys, within the size. */
function isFlatJson(record: Readonly<Record<string, unknown>>, maxChars: number): boolean {
  let chars = 0;
  for (const key in record) {
    const item = record[key];
    switch (typeof item) {
      case 'string':
        chars += key.length + item.length + 5;
        break;
      case 'number':
        if (!Number.isFinite(item)) return false;
        chars += key.length + 4;
        break;
      case 'boolean':
        chars += key.length + 4;
        break;
      case 'object':
        if (item !== null) return false;
        chars += key.length + 4;
        break;
      default:
        return false;
    }
  }
  return chars <= maxChars && Object.getOwnPropertySymbols(record).length === 0;
}

/**
 * Copies `value` as JSON, or says why it cannot be: "a cycle at details.self", "a BigInt at n",
 * "a value that threw when read at status", "more than 1048576 characters". Never throws.
 *
 * Every input and answer of the invoke path is a flat object literal, and a spread copies one
 * several times faster than the Copier's keyed walk (the jobId path spent 12% of its time here), so
 * that is tried first; anything else the spread read is walked from the spread, not read again.
 */
export function copyJson(value: unknown, maxChars: number): JsonCopy {
  let record: Record<string, unknown> | undefined;
  try {
    record = typeof value === 'object' && value !== null ? spreadRecord(value) : undefined;
    if (record !== undefined && isFlatJson(record, maxChars)) return { ok: true, value: record };
  } catch {
    // A getter or trap threw: the Copier reads the value again to say where.
    record = undefined;
  }
  const copier = new Copier(maxChars);
  try {
    return { ok: true, value: record === undefined ? copier.copy(value, '') : copier.copyRecordOf(value as object, record) };
  } catch (err) {
    const where = copier.path.length > 0 ? ` at ${formatPath(copier.path)}` : '';
    return { ok: false, problem: `${NotJson.is(err) ? err.problem : 'a value that threw when read'}${where}` };
  }
}
