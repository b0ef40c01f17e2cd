import { settledOrAborted } from '../core/settled-or-aborted';

const STOPPED = Symbol('stopped');

/**
 * Runs `work` over `items` with at most `concurrency` results pending, and hands results to
 * `emit` in input order. The window is both the concurrency limit and the reorder buffer: a slow
 * head holds back new work instead of letting finished results pile up. `emit` may return a
 * promise (a full output stream), which also stops the reading of more items.
 *
 * When `stop` aborts, it returns at once, even while the head or the output is stuck: results
 * not yet emitted are dropped and no more items are read. Answers whether every item was emitted.
 */
export async function runOrdered<T, R>(
  items: AsyncIterable<T>,
  concurrency: number,
  work: (item: T) => Promise<R>,
  emit: (result: R) => Promise<void> | void,
  stop?: AbortSignal,
): Promise<boolean> {
  const unlessStopped = <V>(pending: Promise<V>): Promise<V | typeof STOPPED> => (stop ? settledOrAborted(pending, stop, () => STOPPED) : pending);
  const window: Promise<R>[] = [];
  const emitHead = async (): Promise<boolean> => {
    const head = await unlessStopped(window.shift() as Promise<R>);
    if (head === STOPPED) return false;
    return (await unlessStopped(Promise.resolve(emit(head)))) !== STOPPED;
  };
  const iterator = items[Symbol.asyncIterator]();
  let done = false;
  try {
    for (;;) {
      const next = await unlessStopped(iterator.next());
      if (next === STOPPED) return false;
      if (next.done) break;
      const pending = work(next.value);
      // Rejections surface when the head is awaited; this only stops an "unhandled" warning before then.
      pending.catch(() => undefined);
      window.push(pending);
      if (window.length >= concurrency && !(await emitHead())) return false;
    }
    done = true;
    while (window.length > 0) if (!(await emitHead())) return false;
    return true;
  } finally {
    // Closes the input when the run ends early; an iterator still busy closes when it settles.
    if (!done) void Promise.resolve(iterator.return?.()).catch(() => undefined);
  }
}
