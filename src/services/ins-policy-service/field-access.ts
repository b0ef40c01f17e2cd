import { IpemuError } from '../../core/errors';
import { isOrgError, DescribeResult, FieldDescribe, Org } from '../../core/org';

/** Fields (or parent paths like `Parent.Field`) a step will read on one object. */
export interface FieldNeed {
  sobject: string;
  fields: readonly string[];
}

type Describer = (sobject: string) => Promise<DescribeResult | null>;

/** A describe that fails with NOT_FOUND or INVALID_TYPE means the user cannot see the object. */
function describer(org: Org): Describer {
  const seen = new Map<string, Promise<DescribeResult | null>>();
  return (sobject) => {
    const key = sobject.toLowerCase();
    let result = seen.get(key);
    if (!result) {
      result = org.describe(sobject).catch((err: unknown) => {
        if (isOrgError(err) && (err.errorCode === 'NOT_FOUND' || err.errorCode === 'INVALID_TYPE')) return null;
        throw err;
      });
      seen.set(key, result);
    }
    return result;
  };
}

function findField(describe: DescribeResult, name: string): FieldDescribe | undefined {
  const lower = name.toLowerCase();
  return describe.fields.find((f) => f.name.toLowerCase() === lower);
}

function findRelationship(describe: DescribeResult, relationship: string): FieldDescribe | undefined {
  const lower = relationship.toLowerCase();
  return describe.fields.find((f) => (f.relationshipName ?? '').toLowerCase() === lower);
}

/** The reference field behind a relationship name, by Salesforce's naming (`Foo__r` → `Foo__c`, `Parent` → `ParentId`). */
function referenceFieldName(relationship: string): string {
  return /__r$/i.test(relationship) ? relationship.replace(/__r$/i, '__c') : `${relationship}Id`;
}

/** The `Object.Field` names along one path that the running user cannot read. */
async function unreadableAlong(describe: Describer, sobject: string, path: readonly string[]): Promise<string[]> {
  const [head, ...rest] = path;
  const result = await describe(sobject);
  if (rest.length === 0) {
    return result && findField(result, head) ? [] : [`${sobject}.${head}`];
  }
  const reference = result ? findRelationship(result, head) : undefined;
  if (!reference) return [`${sobject}.${referenceFieldName(head)}`];
  // A polymorphic reference is read through its first target, the one the link is documented for.
  const target = reference.referenceTo[0];
  if (!target) return [`${sobject}.${reference.name}`];
  return unreadableAlong(describe, target, rest);
}

async function unreadableFields(org: Org, needs: readonly FieldNeed[]): Promise<string[]> {
  const describe = describer(org);
  const checks = needs.flatMap((need) => need.fields.map((field) => unreadableAlong(describe, need.sobject, field.split('.'))));
  return [...new Set((await Promise.all(checks)).flat())];
}

/**
 * Verdicts per org (its describes are cached per org and user above Org, so a verdict cannot
 * change) and per needs list (the caller passes the same frozen list for the same keys). A check
 * that failed for a passing reason (the org was unreachable) is not kept. Settled verdicts are
 * kept as values, so the usual call answers without awaiting anything.
 */
const verdicts = new WeakMap<Org, Map<readonly FieldNeed[], Promise<string[]> | string[]>>();

function forbidden(missing: readonly string[]): IpemuError {
  return new IpemuError('FORBIDDEN', `The running user can't read ${missing.join(', ')}.`, { fields: [...missing] });
}

/**
 * DESIGN.md §2 step 3: before reading any data, every field the passed keys' paths will read must
 * be readable, checked through describe (which leaves out what the user cannot read). Throws
 * INVOKE-403 naming each `Object.Field`, also in `details.fields`. Returns a promise only while the
 * verdict is still being worked out; undefined means readable.
 */
export function assertReadable(org: Org, needs: readonly FieldNeed[]): Promise<void> | undefined {
  let byNeeds = verdicts.get(org);
  if (!byNeeds) {
    byNeeds = new Map();
    verdicts.set(org, byNeeds);
  }
  const known = byNeeds.get(needs);
  if (Array.isArray(known)) {
    if (known.length > 0) throw forbidden(known);
    return undefined;
  }
  const cache = byNeeds;
  let pending = known;
  if (!pending) {
    pending = unreadableFields(org, needs);
    cache.set(needs, pending);
    pending.then(
      (missing) => cache.set(needs, missing),
      () => cache.delete(needs),
    );
  }
  return pending.then((missing) => {
    if (missing.length > 0) throw forbidden(missing);
  });
}
