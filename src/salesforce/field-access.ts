import { LRUCache } from 'lru-cache';
import { isOrgError, type Org } from '../core/org';
import { fieldIndex, referenceFieldName, type FieldIndex } from './describe-fields';

/** Fields (or parent paths like `Parent.Field`) a step will read on one object. */
export interface FieldNeed {
  readonly sobject: string;
  readonly fields: readonly string[];
}

function cannotSee(err: unknown): null {
  if (isOrgError(err) && (err.errorCode === 'NOT_FOUND' || err.errorCode === 'INVALID_TYPE')) return null;
  throw err;
}

/** The object's fields as the running user sees them; an object the user cannot see (NOT_FOUND, INVALID_TYPE) has none. */
function visibleFields(org: Org, sobject: string): Promise<FieldIndex | null> {
  return org.describe(sobject).then(fieldIndex, cannotSee);
}

/** The `Object.Field` name along a field path (`Field` or `Parent.Field`) from `sobject` that the user cannot read, if any. */
async function unreadableAlong(org: Org, sobject: string, fields: FieldIndex | null, path: readonly string[]): Promise<string | undefined> {
  const [head = '', ...rest] = path;
  if (rest.length === 0) return fields?.field(head) ? undefined : `${sobject}.${head}`;
  const reference = fields?.relationship(head);
  if (!reference) return `${sobject}.${referenceFieldName(head)}`;
  // A polymorphic reference is read through its first target, the one the link is documented for.
  const target = reference.referenceTo[0];
  if (!target) return `${sobject}.${reference.name}`;
  return unreadableAlong(org, target, await visibleFields(org, target), rest);
}

async function workOut(org: Org, needs: readonly FieldNeed[]): Promise<string[]> {
  const missing: string[] = [];
  for (const need of needs) {
    const fields = await visibleFields(org, need.sobject);
    for (const field of need.fields) {
      const unreadable = await unreadableAlong(org, need.sobject, fields, field.split('.'));
      if (unreadable !== undefined && !missing.includes(unreadable)) missing.push(unreadable);
    }
  }
  return missing;
}

/** Org users remembered at most; each keeps the verdicts of the needs lists it was asked. */
const MAX_USERS = 1_000;

/**
 * Verdicts per org user (`cacheKey`) and needs list (by identity: a caller passes the same list
 * for the same question). What a user can read is what their describes say, and describes do not
 * change during a run (they are cached above the org), so each verdict is kept once worked out;
 * one that failed (the org was unreachable, the caller timed out) is not kept.
 */
const verdicts = new LRUCache<string, WeakMap<readonly FieldNeed[], Promise<string[]>>>({ max: MAX_USERS });

/**
 * Field-level security as Salesforce applies it to describe: the `Object.Field` names among
 * `needs` that the running user cannot read (a field the user cannot see is left out of its
 * object's describe; an object the user cannot see does not describe at all), in the needs' order.
 */
export function unreadableFields(org: Org, needs: readonly FieldNeed[]): Promise<string[]> {
  let byNeeds = verdicts.get(org.cacheKey);
  if (byNeeds === undefined) {
    byNeeds = new WeakMap();
    verdicts.set(org.cacheKey, byNeeds);
  }
  const known = byNeeds.get(needs);
  if (known !== undefined) return known;
  // Kept once worked out, never while in flight: a verdict in flight runs on its caller's org
  // (its invocation's deadline), and a later caller must not inherit that caller's timeout.
  // Concurrent callers still share the describes, in the describe cache below.
  const forUser = byNeeds;
  const verdict = workOut(org, needs);
  verdict.then(
    () => forUser.set(needs, verdict),
    () => undefined,
  );
  return verdict;
}
