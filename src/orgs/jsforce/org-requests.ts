import { IpemuError } from '../../core/errors';
import { MAX_TIMEOUT_MS } from '../../core/emulator';
import { withRequestSignal } from './request-scope';

/**
 * Every request one org connection has in flight, each with a deadline: its caller's signal (an
 * invocation's signal aborts at the invocation's timeout), or, for a caller that gave none, a
 * bounded timeout of its own. close() cancels them all, so shutting down never waits on an org
 * that stopped answering, and refuses new ones.
 */
export class OrgRequests {
  private readonly open = new Set<AbortController>();
  private closedReason: Error | undefined;

  /**
   * Runs `work` (jsforce calls) until it answers, its deadline passes or the connection closes;
   * `onStatus` sees the HTTP status of each response it gets.
   */
  run<T>(work: () => Promise<T>, signal?: AbortSignal, timeoutMs: number = MAX_TIMEOUT_MS, onStatus?: (status: number) => void): Promise<T> {
    if (this.closedReason) return Promise.reject(this.closedReason);
    const controller = new AbortController();
    let timer: NodeJS.Timeout | undefined;
    const onAbort = (): void => controller.abort(signal?.reason);
    if (signal) {
      if (signal.aborted) onAbort();
      else signal.addEventListener('abort', onAbort, { once: true });
    } else {
      timer = setTimeout(() => controller.abort(new IpemuError('TIMEOUT', `The org did not answer within ${timeoutMs} ms.`)), timeoutMs);
      // The request itself keeps the process alive while it is open; its deadline need not.
      timer.unref();
    }
    this.open.add(controller);
    return withRequestSignal(controller.signal, work, onStatus).finally(() => {
      signal?.removeEventListener('abort', onAbort);
      clearTimeout(timer);
      this.open.delete(controller);
    });
  }

  /** Cancels every request in flight; later requests are refused at once. */
  close(): void {
    if (this.closedReason) return;
    const reason = new Error('The org request was cancelled: the org connection was closed.');
    reason.name = 'AbortError';
    this.closedReason = reason;
    for (const controller of this.open) controller.abort(reason);
    this.open.clear();
  }
}
