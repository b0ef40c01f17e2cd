import type { FieldSchema } from '../schema/schema';
import { kindOf } from '../store/field-kinds';
import type { Value } from '../store/values';
import { aggregateNotSupported } from './errors';
import { picklistRank } from './select';

/** SOQL's aggregate functions (COUNT() without a field is the separate count-only query). */
export type AggregateName = 'COUNT' | 'COUNT_DISTINCT' | 'SUM' | 'AVG' | 'MIN' | 'MAX';

export const AGGREGATE_NAMES: ReadonlySet<string> = new Set<AggregateName>(['COUNT', 'COUNT_DISTINCT', 'SUM', 'AVG', 'MIN', 'MAX']);

/** One group's running state for one aggregate: `add` per row, `result` once. */
export interface Accumulator {
  add(value: Value): void;
  result(): Value;
}

/**
 * A long text area: Salesforce's Text Area holds 255 characters, anything longer is Long Text,
 * which can be neither grouped nor aggregated.
 */
export function isLongText(field: FieldSchema): boolean {
  return field.type === 'textarea' && field.length > 255;
}

/**
 * Salesforce's groupable types (describe's `groupable`): Id, reference, text, picklist, email,
 * phone, url, checkbox, int and date; not double, currency, percent, datetime or long text.
 */
export function isGroupable(field: FieldSchema): boolean {
  switch (field.type) {
    case 'double':
    case 'currency':
    case 'percent':
    case 'datetime':
      return false;
    default:
      return !isLongText(field);
  }
}

/** Salesforce's type rules: SUM and AVG take numbers; no aggregate takes a checkbox or long text. */
export function checkAggregateType(name: AggregateName, field: FieldSchema, written: string): void {
  const kind = kindOf(field);
  const numeric = kind === 'number';
  const allowed = isLongText(field) || kind === 'boolean' ? false : name === 'SUM' || name === 'AVG' ? numeric : true;
  if (!allowed) throw aggregateNotSupported(written, name);
}

/**
 * How values of a field compare in ORDER BY, MIN and MAX: text case-insensitively, a picklist with
 * declared values by their declared place (undeclared values after, alphabetically), as sortRows.
 */
export function comparableOf(field: FieldSchema): (value: Value) => Value {
  if (kindOf(field) !== 'string') return (value) => value;
  const rank = picklistRank(field);
  if (!rank) return (value) => (typeof value === 'string' ? value.toLowerCase() : value);
  return (value) => {
    if (typeof value !== 'string') return value;
    const lower = value.toLowerCase();
    return rank.get(lower) ?? lower;
  };
}

/** Compares two non-null comparables; a picklist rank (number) sorts before an undeclared value (string). */
export function compareComparables(a: Value, b: Value): number {
  if (a === b) return 0;
  if (typeof a !== typeof b) return typeof a === 'number' ? -1 : 1;
  return a! < b! ? -1 : a! > b! ? 1 : 0;
}

/** Makes the accumulator factory of one aggregate over values of `field`. */
export function accumulatorFactory(name: AggregateName, field: FieldSchema): () => Accumulator {
  switch (name) {
    case 'COUNT':
      return () => {
        let n = 0;
        return { add: (v) => void (v !== null && n++), result: () => n };
      };
    case 'COUNT_DISTINCT': {
      const lower = kindOf(field) === 'string';
      return () => {
        const seen = new Set<Value>();
        return { add: (v) => void (v !== null && seen.add(lower && typeof v === 'string' ? v.toLowerCase() : v)), result: () => seen.size };
      };
    }
    case 'SUM':
    case 'AVG': {
      const average = name === 'AVG';
      return () => {
        let sum = 0;
        let n = 0;
        return {
          add: (v) => {
            if (typeof v === 'number') {
              sum += v;
              n++;
            }
          },
          result: () => (n === 0 ? null : average ? sum / n : sum),
        };
      };
    }
    default: {
      const comparable = comparableOf(field);
      const sign = name === 'MAX' ? 1 : -1;
      return () => {
        let best: Value = null;
        let bestKey: Value = null;
        return {
          add: (v) => {
            if (v === null) return;
            const key = comparable(v);
            if (best === null || sign * compareComparables(key, bestKey) > 0) {
              best = v;
              bestKey = key;
            }
          },
          result: () => best,
        };
      };
    }
  }
}
