import { isOrgError, type DescribeResult, type Org } from '../../core/org';

/** Describe errors that will not change for this user: no such object, or no access to it. */
function isStableRefusal(err: unknown): boolean {
  return isOrgError(err) && (err.errorCode === 'NOT_FOUND' || err.errorCode === 'INVALID_TYPE');
}

/**
 * The one describe cache: per org and running user (one cache per wrapped org) and object, shared while in
 * flight. A describe cannot change for a user during a run, so the field-access check costs no
 * round trip after the first call. Transient failures are dropped so that the next call asks again.
 */
export function createDescribeCache(org: Org): (sobject: string) => Promise<DescribeResult> {
  // One org (one user) per cache: the key is the object name alone, as spelled, then lower-cased.
  const describes = new Map<string, Promise<DescribeResult>>();
  return (sobject) => {
    const exact = describes.get(sobject);
    if (exact) return exact;
    const key = sobject.toLowerCase();
    let cached = describes.get(key);
    if (!cached) {
      // Shared by every caller, so no one caller's signal may cancel it.
      cached = org.describe(sobject);
      describes.set(key, cached);
      cached.catch((err: unknown) => {
        if (!isStableRefusal(err)) {
          describes.delete(key);
          describes.delete(sobject);
        }
      });
    }
    describes.set(sobject, cached);
    return cached;
  };
}
