/**
 * `pending`'s outcome, or `aborted()`'s (its value, or what it throws) once `signal` aborts first.
 * The abort listener goes when `pending` settles: not Promise.race with one long-lived "aborted"
 * promise, which keeps a reaction per call (a leak of one per item on a long batch).
 */
export function settledOrAborted<V, A>(pending: Promise<V>, signal: AbortSignal, aborted: () => A): Promise<V | A> {
  return new Promise<V | A>((resolve, reject) => {
    const onAbort = (): void => {
      try {
        resolve(aborted());
      } catch (err) {
        reject(err);
      }
    };
    if (signal.aborted) {
      onAbort();
      return;
    }
    signal.addEventListener('abort', onAbort, { once: true });
    pending.then(
      (value) => {
        signal.removeEventListener('abort', onAbort);
        resolve(value);
      },
      (err: unknown) => {
        signal.removeEventListener('abort', onAbort);
        reject(err);
      },
    );
  });
}
