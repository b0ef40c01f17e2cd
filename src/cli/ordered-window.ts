/**
 * Runs `work` over `items` with at most `concurrency` results pending, and hands results to
 * `emit` in input order. The window is both the concurrency limit and the reorder buffer: a slow
 * head holds back new work instead of letting finished results pile up. `emit` may return a
 * promise (a full output stream), which also stops the reading of more items.
 */
export async function runOrdered<T, R>(
  items: AsyncIterable<T>,
  concurrency: number,
  work: (item: T) => Promise<R>,
  emit: (result: R) => Promise<void> | void,
): Promise<void> {
  const window: Promise<R>[] = [];
  for await (const item of items) {
    const pending = work(item);
    // Rejections surface when the head is awaited; this only stops an "unhandled" warning before then.
    pending.catch(() => undefined);
    window.push(pending);
    if (window.length >= concurrency) await emit(await (window.shift() as Promise<R>));
  }
  while (window.length > 0) await emit(await (window.shift() as Promise<R>));
}
