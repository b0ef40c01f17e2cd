import { IpemuError } from '../../core/errors';
import { hasKeyPrefix, normalizeId } from '../../salesforce/ids';

/** The three keys after shape and syntax checks; Ids in their canonical 18-character form. */
export interface PassedKeys {
  jobId?: string;
  policyId?: string;
  referencePolicyNumber?: string;
}

export const JOB_KEY_PREFIX = '707';
export const POLICY_KEY_PREFIX = '0YT';
export const REQUEST_KEY_PREFIX = '0rf';
export const MAX_REFERENCE_LENGTH = 255;
export const SHAPE_MESSAGE = 'Specify one of jobId, policyId, or referencePolicyNumber.';

/** One fault of one key; every fault is reported at once, in `details`. */
export interface Issue {
  path: string;
  message: string;
}

/** Echoes a caller's value in a message without letting a huge one flood it. */
export function shown(value: string): string {
  return JSON.stringify(value.length > 100 ? `${value.slice(0, 100)}…` : value);
}

/** The Id's canonical 18-character form, or undefined after recording why `value` is not an Id of `objectName`. */
export function checkId(key: string, value: string, prefix: string, objectName: string, issues: Issue[]): string | undefined {
  const id = normalizeId(value);
  if (id === undefined) {
    issues.push({
      path: key,
      message: `${key} ${shown(value)} is not a valid Salesforce Id: expected 15 characters, or 18 with a matching case-safe checksum.`,
    });
    return undefined;
  }
  if (!hasKeyPrefix(id, prefix)) {
    const article = /^[AEIOU]/.test(objectName) ? 'an' : 'a';
    issues.push({ path: key, message: `${key} ${shown(value)} is not ${article} ${objectName} Id (key prefix ${prefix}).` });
    return undefined;
  }
  return id;
}

/** Absent or null is "not passed". */
function passed(value: unknown): boolean {
  return value !== undefined && value !== null;
}

function notString(value: unknown): boolean {
  return passed(value) && typeof value !== 'string';
}

/**
 * DESIGN.md §2 steps 1–2: at least one key is passed (absent or null is "not passed"), each passed
 * value is a string, and every passed key is well-formed. All syntax faults are reported at once.
 */
export function parsePassedKeys(input: Readonly<Record<string, unknown>>): PassedKeys {
  const { jobId, policyId, referencePolicyNumber } = input;
  if (!passed(jobId) && !passed(policyId) && !passed(referencePolicyNumber)) throw new IpemuError('INVALID_INPUT', SHAPE_MESSAGE);
  if (notString(jobId) || notString(policyId) || notString(referencePolicyNumber)) {
    // The input schema already refuses these; kept so a handler called directly answers the same.
    const typeIssues = (['jobId', 'policyId', 'referencePolicyNumber'] as const)
      .filter((key) => notString(input[key]))
      .map((path) => ({ path, message: 'must be string' }));
    throw new IpemuError('INVALID_INPUT', `Invalid input: ${typeIssues.map((i) => `${i.path} ${i.message}`).join('; ')}.`, typeIssues);
  }

  const issues: Issue[] = [];
  const keys: PassedKeys = {};
  if (typeof jobId === 'string') keys.jobId = checkId('jobId', jobId, JOB_KEY_PREFIX, 'AsyncApexJob', issues);
  if (typeof policyId === 'string') keys.policyId = checkId('policyId', policyId, POLICY_KEY_PREFIX, 'InsurancePolicy', issues);
  if (typeof referencePolicyNumber === 'string') {
    const ref = referencePolicyNumber;
    if (ref.trim() === '') issues.push({ path: 'referencePolicyNumber', message: 'referencePolicyNumber must not be blank.' });
    else if (ref.length > MAX_REFERENCE_LENGTH) {
      issues.push({ path: 'referencePolicyNumber', message: `referencePolicyNumber must be at most ${MAX_REFERENCE_LENGTH} characters (got ${ref.length}).` });
    } else keys.referencePolicyNumber = ref;
  }
  if (issues.length > 0) throw new IpemuError('INVALID_INPUT', issues.map((i) => i.message).join(' '), issues);
  return keys;
}
