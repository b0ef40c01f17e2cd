import { IpemuError } from '../../core/errors';
import { isOrgError, type DescribeResult, type Org } from '../../core/org';
import { findField, findRelationship, referenceFieldName } from '../../salesforce/describe-fields';

/** Fields (or parent paths like `Parent.Field`) a step will read on one object. */
export interface FieldNeed {
  sobject: string;
  fields: readonly string[];
}

/** Describe as the running user sees it; an object the user cannot see (NOT_FOUND, INVALID_TYPE) is null. */
async function describeVisible(org: Org, sobject: string): Promise<DescribeResult | null> {
  try {
    return await org.describe(sobject);
  } catch (err) {
    if (isOrgError(err) && (err.errorCode === 'NOT_FOUND' || err.errorCode === 'INVALID_TYPE')) return null;
    throw err;
  }
}

/** The `Object.Field` names along a parent path (`Parent.Field`) from `sobject`, already described, that the user cannot read. */
async function unreadableAlong(org: Org, sobject: string, describe: DescribeResult | null, path: readonly string[]): Promise<string[]> {
  const [head = '', ...rest] = path;
  if (rest.length === 0) return describe && findField(describe, head) ? [] : [`${sobject}.${head}`];
  const reference = describe ? findRelationship(describe, head) : undefined;
  if (!reference) return [`${sobject}.${referenceFieldName(head)}`];
  // A polymorphic reference is read through its first target, the one the link is documented for.
  const target = reference.referenceTo[0];
  if (!target) return [`${sobject}.${reference.name}`];
  return unreadableAlong(org, target, await describeVisible(org, target), rest);
}

/** The fields of one need that the user cannot read, in the need's order. */
async function unreadableIn(org: Org, need: FieldNeed): Promise<string[]> {
  const describe = await describeVisible(org, need.sobject);
  const missing: string[] = [];
  for (const field of need.fields) {
    const path = field.split('.');
    if (path.length === 1) {
      if (!describe || !findField(describe, field)) missing.push(`${need.sobject}.${field}`);
    } else missing.push(...(await unreadableAlong(org, need.sobject, describe, path)));
  }
  return missing;
}

/**
 * DESIGN.md §2 step 3: before reading any data, every field the passed keys' paths will read must
 * be readable, checked through describe (which leaves out what the user cannot read). Throws
 * INVOKE-403 naming each `Object.Field`, also in `details.fields`. Describes are cached above the
 * org (orgs/coalescing), so after the first call this reads no org.
 */
export async function assertReadable(org: Org, needs: readonly FieldNeed[]): Promise<void> {
  const missing = [...new Set((await Promise.all(needs.map((need) => unreadableIn(org, need)))).flat())];
  if (missing.length > 0) throw new IpemuError('FORBIDDEN', `The running user can't read ${missing.join(', ')}.`, { fields: missing });
}
