import { IpemuError } from '../../core/errors';
import { isOrgError, type Org } from '../../core/org';
import { fieldIndex, referenceFieldName, type FieldIndex } from '../../salesforce/describe-fields';

/** Fields (or parent paths like `Parent.Field`) a step will read on one object. */
export interface FieldNeed {
  sobject: string;
  fields: readonly string[];
}

function cannotSee(err: unknown): null {
  if (isOrgError(err) && (err.errorCode === 'NOT_FOUND' || err.errorCode === 'INVALID_TYPE')) return null;
  throw err;
}

/** The object's fields as the running user sees them; an object the user cannot see (NOT_FOUND, INVALID_TYPE) has none. */
function visibleFields(org: Org, sobject: string): Promise<FieldIndex | null> {
  return org.describe(sobject).then(fieldIndex, cannotSee);
}

/** The `Object.Field` name along a parent path (`Parent.Field`) from `sobject` that the user cannot read, if any. */
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

/**
 * DESIGN.md §2 step 3: before reading any data, every field the passed keys' paths will read must
 * be readable, checked through describe (which leaves out what the user cannot read). Throws
 * INVOKE-403 naming each `Object.Field`, also in `details.fields`. Describes are cached above the
 * org (orgs/coalescing), so after the first call this reads no org.
 */
export async function assertReadable(org: Org, needs: readonly FieldNeed[]): Promise<void> {
  const missing: string[] = [];
  for (const need of needs) {
    const fields = await visibleFields(org, need.sobject);
    for (const field of need.fields) {
      const unreadable = field.includes('.') ? await unreadableAlong(org, need.sobject, fields, field.split('.')) : fields?.field(field) ? undefined : `${need.sobject}.${field}`;
      if (unreadable !== undefined && !missing.includes(unreadable)) missing.push(unreadable);
    }
  }
  if (missing.length > 0) throw new IpemuError('FORBIDDEN', `The running user can't read ${missing.join(', ')}.`, { fields: missing });
}
