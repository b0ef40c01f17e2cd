import { isPlainObject } from '../../core/plain-object';

/**
 * Reading one exported record whatever its schema: the managed package's
 * (`%vlocity_namespace%__Type__c`, or a real namespace), the standard objects' (`Type`) and the
 * metadata XML's (`type`) all name the same field. Keys lose their namespace prefix and `__c`
 * and are compared without case, so one lookup serves every format.
 */

const NAMESPACE_PREFIX = /^(%vlocity_namespace%|vlocity_ins|vlocity_cmt|vlocity_ps|omnistudio)__/i;

/** `%vlocity_namespace%__Type__c` → `type`, `PropertySetConfig` → `propertysetconfig`. */
export function canonicalKey(key: string): string {
  return key.replace(NAMESPACE_PREFIX, '').replace(/__c$/i, '').toLowerCase();
}

/** A record's field as found: its value and the key it was written under, for problems to name. */
export interface Field {
  readonly key: string;
  readonly value: unknown;
}

export class RecordFields {
  private readonly fields = new Map<string, Field>();

  constructor(record: Readonly<Record<string, unknown>>) {
    for (const [key, value] of Object.entries(record)) {
      const canonical = canonicalKey(key);
      // A key spelled twice (a prefix and none) keeps its first spelling: exports write one only.
      if (!this.fields.has(canonical)) this.fields.set(canonical, { key, value });
    }
  }

  /** The first of `names` (canonical spellings) the record has. */
  get(...names: readonly string[]): Field | undefined {
    for (const name of names) {
      const field = this.fields.get(name);
      if (field !== undefined) return field;
    }
    return undefined;
  }

  value(...names: readonly string[]): unknown {
    return this.get(...names)?.value;
  }
}

export function fieldsOf(value: unknown): RecordFields | undefined {
  return isPlainObject(value) ? new RecordFields(value) : undefined;
}

/** A non-empty string; numbers (a JSON export of a numeric name) as their text. */
export function asText(value: unknown): string | undefined {
  if (typeof value === 'string') return value.trim() === '' ? undefined : value;
  if (typeof value === 'number' && Number.isFinite(value)) return String(value);
  return undefined;
}

/** Metadata XML writes numbers as `1.0` text, DataPacks as JSON numbers, raw exports blanks as `""`. */
export function asNumber(value: unknown): number | undefined {
  if (typeof value === 'number') return Number.isFinite(value) ? value : undefined;
  if (typeof value === 'string' && value.trim() !== '') {
    const n = Number(value.trim());
    return Number.isFinite(n) ? n : undefined;
  }
  return undefined;
}

/** JSON booleans, or XML's `true` / `false` text; anything else is `fallback`. */
export function asBoolean(value: unknown, fallback: boolean): boolean {
  if (typeof value === 'boolean') return value;
  if (typeof value === 'string') {
    const text = value.trim().toLowerCase();
    if (text === 'true') return true;
    if (text === 'false') return false;
  }
  return fallback;
}
