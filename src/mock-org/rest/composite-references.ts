import { OrgError } from '../../core/org';
import { isPlainObject } from '../../core/plain-object';
import { omitKeys } from '../../core/omit-keys';

/**
 * `@{referenceId.path}` in a composite subrequest's URL and body: a value of an earlier
 * subrequest's answer (`@{NewAccount.id}`, `@{Query.records[0].Id}`). A reference Salesforce
 * cannot resolve (an unknown referenceId, a failed subrequest, a path with no value) halts that
 * subrequest with PROCESSING_HALTED.
 */

const REFERENCE = /@\{([A-Za-z][A-Za-z0-9_]*)((?:\.[A-Za-z_][A-Za-z0-9_]*|\[\d+\])*)\}/g;
const WHOLE_REFERENCE = /^@\{([A-Za-z][A-Za-z0-9_]*)((?:\.[A-Za-z_][A-Za-z0-9_]*|\[\d+\])*)\}$/;
const STEP = /\.([A-Za-z_][A-Za-z0-9_]*)|\[(\d+)\]/g;

/** The answers so far, by referenceId; a failed one is kept too (its body has no values). */
export type ReferenceAnswers = ReadonlyMap<string, unknown>;

function unresolved(referenceId: string, path: string): OrgError {
  return new OrgError('PROCESSING_HALTED', `Invalid reference specified. No value for ${referenceId}${path} found in ${referenceId}`, 400);
}

/** The value `path` (`.id`, `.records[0].Id`) names in the answer of `referenceId`. */
function valueOf(answers: ReferenceAnswers, referenceId: string, path: string): unknown {
  if (!answers.has(referenceId)) throw unresolved(referenceId, path);
  let value: unknown = answers.get(referenceId);
  for (const step of path.matchAll(STEP)) {
    const [, key, index] = step;
    if (key !== undefined) value = isPlainObject(value) && Object.hasOwn(value, key) ? value[key] : undefined;
    else value = Array.isArray(value) ? (value as unknown[])[Number(index)] : undefined;
    if (value === undefined) break;
  }
  if (value === undefined || value === null || typeof value === 'object') throw unresolved(referenceId, path);
  return value;
}

/** A string with every reference replaced; a string that is one reference keeps the value's JSON type. */
export function resolveString(text: string, answers: ReferenceAnswers): unknown {
  if (!text.includes('@{')) return text;
  const whole = WHOLE_REFERENCE.exec(text);
  if (whole) return valueOf(answers, whole[1]!, whole[2] ?? '');
  return text.replace(REFERENCE, (_match, referenceId: string, path: string) => String(valueOf(answers, referenceId, path)));
}

/** A subrequest body with every reference in its strings resolved (keys copied as own data, `__proto__` included). */
export function resolveBody(value: unknown, answers: ReferenceAnswers): unknown {
  if (typeof value === 'string') return resolveString(value, answers);
  if (Array.isArray(value)) return value.map((item: unknown) => resolveBody(item, answers));
  if (isPlainObject(value)) {
    const out = omitKeys(value, []);
    for (const key of Object.keys(out)) out[key] = resolveBody(out[key], answers);
    return out;
  }
  return value;
}
