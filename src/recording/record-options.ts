import { IpemuError } from '../core/errors';
import type { JobLinkConfig } from '../core/config';
import { isApiName } from '../salesforce/api-names';

/** What `ipemu mock-org record` records, and how (issue 17). */
export interface RecordOptions {
  /** The fixture directory to write (absolute). */
  readonly out: string;
  /** Objects to record besides the built-in list (API names). */
  readonly objects?: readonly string[];
  /** `--where <Object>:<condition>`, appended to that object's queries as `WHERE (<condition>)`. */
  readonly where?: readonly WhereClause[];
  /** At most this many records per object (`LIMIT N`). */
  readonly limit?: number;
  /** Replace names, reference numbers and free text with stable fakes (recording/anonymize.ts). */
  readonly anonymize?: boolean;
  /** Objects with at least this many rows are read through Bulk API 2.0 (default 10,000). */
  readonly bulkThreshold?: number;
  /** Continue the unfinished recording in `out`. */
  readonly resume?: boolean;
  /** The configured job links (config `jobLink` and `outOfSequenceJobLink`). */
  readonly jobLinks?: readonly JobLinkConfig[];
  /** `maxRecords` of each Bulk API 2.0 results page. */
  readonly bulkPageSize?: number;
  /** Stops the recording between pages (SIGINT): what is finished stays, the rest resumes. */
  readonly signal?: AbortSignal;
}

export interface WhereClause {
  readonly object: string;
  readonly condition: string;
}

export const DEFAULT_BULK_THRESHOLD = 10_000;
/** (ipemu) Far above any condition a person types, and well within the REST API's URL limit. */
export const MAX_CONDITION_CHARS = 4_000;

function usage(message: string): IpemuError {
  return new IpemuError('INVALID_INPUT', message);
}

/** `--objects A,B`: API names, each once (any case), in the order given. */
export function parseObjectList(text: string): string[] {
  const names = text
    .split(',')
    .map((name) => name.trim())
    .filter((name) => name !== '');
  if (names.length === 0) throw usage('--objects needs at least one object API name (--objects A,B).');
  for (const name of names) {
    if (!isApiName(name)) throw usage(`--objects: "${name.slice(0, 80)}" is not an object API name (letters, digits and _, a letter first).`);
  }
  return names;
}

/**
 * Where a condition could leave the `WHERE (…)` it is put in: a closing parenthesis before its
 * opening one, or a quote left open. Text inside quoted literals is skipped (with `\` escapes).
 */
function unbalanced(condition: string): string | undefined {
  let depth = 0;
  for (let i = 0; i < condition.length; i++) {
    const c = condition[i];
    if (c === "'") {
      for (i++; i < condition.length && condition[i] !== "'"; i++) if (condition[i] === '\\') i++;
      if (i >= condition.length) return 'a quoted value is not closed';
    } else if (c === '(') depth++;
    else if (c === ')' && --depth < 0) return 'a ")" closes a parenthesis it did not open';
  }
  return depth === 0 ? undefined : 'a "(" is not closed';
}

/** `--where <Object>:<condition>`: the object an API name, the condition one SOQL condition. */
export function parseWhere(text: string): WhereClause {
  const colon = text.indexOf(':');
  const object = colon < 0 ? '' : text.slice(0, colon).trim();
  const condition = colon < 0 ? '' : text.slice(colon + 1).trim();
  if (!isApiName(object))
    throw usage(`--where "${text.slice(0, 80)}": expected <Object>:<SOQL condition>, the object an API name (--where "AsyncApexJob:Status = 'Completed'").`);
  if (condition === '') throw usage(`--where ${object}: the condition is empty.`);
  if (condition.length > MAX_CONDITION_CHARS) throw usage(`--where ${object}: the condition is longer than ${MAX_CONDITION_CHARS} characters.`);
  // eslint-disable-next-line no-control-regex -- refusing control characters is the point
  if (/[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f]/.test(condition)) throw usage(`--where ${object}: the condition holds a control character.`);
  const why = unbalanced(condition);
  if (why) throw usage(`--where ${object}: ${why}; the condition must be one SOQL condition.`);
  return { object, condition };
}

/** Checks what a library caller passes (the CLI's parsers have checked their part already). */
export function checkRecordOptions(options: RecordOptions): void {
  for (const name of options.objects ?? []) parseObjectList(name);
  for (const clause of options.where ?? []) parseWhere(`${clause.object}:${clause.condition}`);
  const lower = new Map<string, number>();
  for (const clause of options.where ?? []) {
    const key = clause.object.toLowerCase();
    lower.set(key, (lower.get(key) ?? 0) + 1);
    if (lower.get(key)! > 1) throw usage(`--where ${clause.object} is given twice: join the conditions with AND in one --where.`);
  }
  if (options.limit !== undefined && (!Number.isSafeInteger(options.limit) || options.limit < 1)) throw usage('--limit must be a whole number of at least 1.');
  if (options.bulkThreshold !== undefined && (!Number.isSafeInteger(options.bulkThreshold) || options.bulkThreshold < 1)) {
    throw usage('--bulk-threshold must be a whole number of at least 1.');
  }
}
