import { isOrgError, type DescribeResult, type Org, type QueryOptions } from '../../core/org';
import { Callers } from './callers';

/** Describe errors that will not change for this user: no such object, or no access to it. */
function isStableRefusal(err: unknown): boolean {
  return isOrgError(err) && (err.errorCode === 'NOT_FOUND' || err.errorCode === 'INVALID_TYPE');
}

interface Entry {
  readonly answer: Promise<DescribeResult>;
  /** Present while the describe is in flight: who still waits for it. */
  callers: Callers | undefined;
  /** Every key this entry is kept under (the lower-cased name and each spelling asked for). */
  readonly keys: string[];
}

/**
 * The one describe cache: per org and running user (one cache per wrapped org) and object, shared while in
 * flight. A describe cannot change for a user during a run, so the field-access check costs no
 * round trip after the first call. Only answers and stable refusals are kept: a transient failure,
 * or a describe every caller gave up on (their invocations timed out), is dropped at once, so the
 * next call asks the org again instead of waiting on a request that may never answer.
 */
export function createDescribeCache(org: Org): (sobject: string, options?: QueryOptions) => Promise<DescribeResult> {
  // One org (one user) per cache: the key is the object name alone, as spelled, then lower-cased.
  const describes = new Map<string, Entry>();

  // Every spelling goes, or a later call spelled differently would still find the dropped describe.
  function forget(entry: Entry): void {
    for (const key of entry.keys) if (describes.get(key) === entry) describes.delete(key);
  }

  function start(sobject: string, key: string): Entry {
    const callers = new Callers(() => forget(entry));
    // Shared by every caller: it carries no one caller's signal, only "everyone gave up".
    const answer = org.describe(sobject, callers);
    const entry: Entry = { answer, callers, keys: [key] };
    answer.then(
      () => {
        entry.callers = undefined;
      },
      (err: unknown) => {
        entry.callers = undefined;
        if (!isStableRefusal(err)) forget(entry);
      },
    );
    describes.set(key, entry);
    return entry;
  }

  return (sobject, options) => {
    let entry = describes.get(sobject);
    if (!entry) {
      const key = sobject.toLowerCase();
      entry = describes.get(key) ?? start(sobject, key);
      if (sobject !== key) {
        describes.set(sobject, entry);
        entry.keys.push(sobject);
      }
    }
    // Settled: the cached answer (the hot path). In flight: this caller may give up on its own.
    return entry.callers ? entry.callers.follow(entry.answer, options) : entry.answer;
  };
}
