import { IpemuError } from '../../core/errors';
import { isPlainObject } from '../../core/plain-object';
import { isRealDate } from '../../salesforce/datetimes';
import { checkId, Issue, shown } from './input-keys';

/**
 * The job starters' parameters (params contract, DESIGN.md §6): each key's rule, checked before the
 * org is asked anything. Absent or null is "not passed", as for the status services; defaults are
 * the package's, so none is filled here.
 */
export type ParamRule =
  | { readonly kind: 'id'; readonly prefix: string; readonly object: string }
  | { readonly kind: 'idList'; readonly prefix: string; readonly object: string; readonly max: number }
  | { readonly kind: 'date' }
  | { readonly kind: 'boolean' }
  | { readonly kind: 'text' }
  | { readonly kind: 'integer'; readonly min: number; readonly max?: number; readonly why?: string }
  /** An object of field values (`{ "Status": "Draft" }`). */
  | { readonly kind: 'fields' }
  /** An object of such objects, keyed by product code or `MULTI_ROOT_PARENT_POLICY`. */
  | { readonly kind: 'fieldsByKey' };

export interface ParamSpec {
  readonly rule: ParamRule;
  readonly required?: boolean;
}

export type StarterSpec = Readonly<Record<string, ParamSpec>>;

export const QUOTE_KEY_PREFIX = '0Q0';
export const MAX_TEXT_LENGTH = 255;
/** Element faults listed for one list: a list of 2,000 bad Ids says enough in ten. */
const LISTED_ELEMENT_FAULTS = 10;
const DATE_SHAPE = /^\d{4}-\d{2}-\d{2}$/;

function kindOf(value: unknown): string {
  if (Array.isArray(value)) return 'an array';
  if (value === null) return 'null';
  return typeof value === 'object' ? 'an object' : `a ${typeof value}`;
}

function checkDate(key: string, value: unknown, issues: Issue[]): string | undefined {
  if (typeof value !== 'string' || !DATE_SHAPE.test(value)) {
    const got = typeof value === 'string' ? shown(value) : kindOf(value);
    issues.push({ path: key, message: `${key} must be a date written YYYY-MM-DD, not ${got}.` });
    return undefined;
  }
  if (!isRealDate(value)) {
    issues.push({ path: key, message: `${key} ${shown(value)} is not a day of the calendar between 1700-01-01 and 4000-12-31.` });
    return undefined;
  }
  return value;
}

function checkIdList(key: string, value: unknown, rule: Extract<ParamRule, { kind: 'idList' }>, issues: Issue[]): string[] | undefined {
  if (!Array.isArray(value)) {
    issues.push({ path: key, message: `${key} must be a list of ${rule.object} Ids, not ${kindOf(value)}.` });
    return undefined;
  }
  if (value.length === 0 || value.length > rule.max) {
    issues.push({ path: key, message: `${key} must name 1 to ${rule.max} ${rule.object} Ids (got ${value.length}).` });
    return undefined;
  }
  const ids: string[] = [];
  const seen = new Map<string, number>();
  const faults: Issue[] = [];
  value.forEach((element: unknown, i) => {
    const at = `${key}[${i}]`;
    if (typeof element !== 'string') {
      faults.push({ path: at, message: `${at} must be an Id (a string), not ${kindOf(element)}.` });
      return;
    }
    const id = checkId(at, element, rule.prefix, rule.object, faults);
    if (id === undefined) return;
    // Ids compare in their 18-character form: `…15` and its 18-character spelling name one policy.
    const first = seen.get(id);
    if (first !== undefined) faults.push({ path: at, message: `${at} names ${id} again (first at ${key}[${first}]): each policy is renewed once.` });
    else seen.set(id, i);
    ids.push(id);
  });
  issues.push(...faults.slice(0, LISTED_ELEMENT_FAULTS));
  if (faults.length > LISTED_ELEMENT_FAULTS) issues.push({ path: key, message: `${key}: ${faults.length - LISTED_ELEMENT_FAULTS} more faults.` });
  return faults.length === 0 ? ids : undefined;
}

function checkFieldsByKey(key: string, value: unknown, issues: Issue[]): Record<string, unknown> | undefined {
  const what = `${key} must be an object of objects (a product code or MULTI_ROOT_PARENT_POLICY → InsurancePolicy field values)`;
  if (!isPlainObject(value)) {
    issues.push({ path: key, message: `${what}, not ${kindOf(value)}.` });
    return undefined;
  }
  const bad = Object.keys(value).filter((name) => !isPlainObject(value[name]));
  if (bad.length > 0) {
    issues.push({ path: key, message: `${what}: ${bad.map((name) => `${key}.${name} is ${kindOf(value[name])}`).join(', ')}.` });
    return undefined;
  }
  return value;
}

function checkOne(key: string, value: unknown, rule: ParamRule, issues: Issue[]): unknown {
  switch (rule.kind) {
    case 'id':
      if (typeof value !== 'string') {
        issues.push({ path: key, message: `${key} must be ${/^[AEIOU]/.test(rule.object) ? 'an' : 'a'} ${rule.object} Id (a string), not ${kindOf(value)}.` });
        return undefined;
      }
      return checkId(key, value, rule.prefix, rule.object, issues);
    case 'idList':
      return checkIdList(key, value, rule, issues);
    case 'date':
      return checkDate(key, value, issues);
    case 'boolean':
      if (typeof value !== 'boolean')
        issues.push({ path: key, message: `${key} must be true or false, not ${typeof value === 'string' ? shown(value) : kindOf(value)}.` });
      return value;
    case 'text':
      if (typeof value !== 'string' || value.trim() === '' || value.length > MAX_TEXT_LENGTH) {
        issues.push({ path: key, message: `${key} must be a non-blank string of at most ${MAX_TEXT_LENGTH} characters.` });
      }
      return value;
    case 'integer': {
      const range = rule.max === undefined ? `at least ${rule.min}` : `from ${rule.min} to ${rule.max}`;
      if (typeof value !== 'number' || !Number.isInteger(value) || value < rule.min || (rule.max !== undefined && value > rule.max)) {
        const got = typeof value === 'number' ? String(value) : kindOf(value);
        issues.push({ path: key, message: `${key} must be a whole number ${range}${rule.why ? ` (${rule.why})` : ''}, not ${got}.` });
      }
      return value;
    }
    case 'fields':
      if (!isPlainObject(value)) issues.push({ path: key, message: `${key} must be an object of InsurancePolicy field values, not ${kindOf(value)}.` });
      return value;
    case 'fieldsByKey':
      return checkFieldsByKey(key, value, issues);
  }
}

/**
 * The package's parameters from a starter's input (options already filled in by the emulator):
 * exactly the spec's keys that were passed, Ids in their 18-character form. Every fault is
 * reported at once, each naming its key (INVOKE-400).
 */
export function readStarterParams(input: Readonly<Record<string, unknown>>, spec: StarterSpec): Record<string, unknown> {
  const issues: Issue[] = [];
  const params: Record<string, unknown> = {};
  for (const [key, { rule, required }] of Object.entries(spec)) {
    const value = input[key];
    if (value === undefined || value === null) {
      if (required) issues.push({ path: key, message: `${key} is required.` });
      continue;
    }
    params[key] = checkOne(key, value, rule, issues);
  }
  if (issues.length > 0) throw new IpemuError('INVALID_INPUT', issues.map((i) => i.message).join(' '), issues);
  return params;
}
