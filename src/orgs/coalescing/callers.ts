import type { QueryOptions } from '../../core/org';

interface Caller {
  readonly options: QueryOptions | undefined;
  readonly giveUp: (reason: unknown) => void;
  answered: boolean;
  unwatch: (() => void) | undefined;
}

/**
 * The callers of one request that several share (a cached describe in flight, a merged query),
 * handed to the org as that request's QueryOptions. One caller giving up (its signal aborts: its
 * invocation timed out) fails that caller alone; the request's own signal aborts, and
 * `onAbandoned` is told, only once every caller has given up, so no socket stays open for nobody
 * and no answer nobody waited for is kept.
 *
 * Nothing is watched until the org reads `signal`: the mock org never does, and an AbortController
 * per invocation costs more than a mock-org lookup (see core/invocation.ts).
 */
export class Callers implements QueryOptions {
  private controller: AbortController | undefined;
  private waiting = 0;
  /** Callers joined before the org read the signal, watched from then on. */
  private unwatched: Caller[] | undefined = [];

  constructor(private readonly onAbandoned?: () => void) {}

  get signal(): AbortSignal {
    if (!this.controller) {
      this.controller = new AbortController();
      const joined = this.unwatched ?? [];
      this.unwatched = undefined;
      for (const caller of joined) this.watch(caller);
    }
    return this.controller.signal;
  }

  /**
   * Counts one more caller, who gives up when its own signal aborts (`giveUp` is then called with
   * the reason). A caller without a signal never gives up. Returns `leave`, to call once the caller
   * has its answer.
   */
  join(options: QueryOptions | undefined, giveUp: (reason: unknown) => void): () => void {
    const caller: Caller = { options, giveUp, answered: false, unwatch: undefined };
    this.waiting++;
    if (this.unwatched) this.unwatched.push(caller);
    else this.watch(caller);
    return () => {
      caller.answered = true;
      caller.unwatch?.();
    };
  }

  /** Follows `shared` for one caller: its answer, or the caller's own abort reason, whichever comes first. */
  follow<T>(shared: Promise<T>, options: QueryOptions | undefined): Promise<T> {
    return new Promise<T>((resolve, reject) => {
      const leave = this.join(options, reject);
      shared.then(
        (value) => {
          leave();
          resolve(value);
        },
        (err: unknown) => {
          leave();
          reject(err);
        },
      );
    });
  }

  private watch(caller: Caller): void {
    if (caller.answered) return;
    const signal = caller.options?.signal;
    if (!signal) return;
    const onAbort = (): void => {
      caller.unwatch = undefined;
      caller.giveUp(signal.reason);
      if (--this.waiting === 0 && this.controller && !this.controller.signal.aborted) {
        this.controller.abort(signal.reason);
        this.onAbandoned?.();
      }
    };
    if (signal.aborted) {
      onAbort();
      return;
    }
    signal.addEventListener('abort', onAbort, { once: true });
    caller.unwatch = () => signal.removeEventListener('abort', onAbort);
  }
}
