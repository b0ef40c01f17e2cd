import { AsyncLocalStorage } from 'node:async_hooks';
import { subscribe } from 'node:diagnostics_channel';
import { settledOrAborted } from '../../core/settled-or-aborted';

/**
 * Cancelling jsforce's HTTP requests. jsforce 3.10.16 gives every request its own AbortController
 * and overwrites any `signal` a caller puts on the request, and its only timeout (30 minutes) is
 * not per call. So the abort signal of the org call in progress is kept in an AsyncLocalStorage,
 * which follows jsforce's promise chain (query, queryMore, describe, token refresh, retries), and
 * every `http.ClientRequest` that starts inside it is destroyed when that signal aborts: the socket
 * is closed, not merely forgotten. Node publishes each new client request on the
 * `http.client.request.start` channel, synchronously, in the async context that created it.
 */

interface RequestScope {
  readonly signal: AbortSignal;
  /** Sees the status of every response in the scope (jsforce's errors drop it; writes keep it). */
  readonly onStatus?: (status: number) => void;
}

const scope = new AsyncLocalStorage<RequestScope>();

/** The code of the error a cancelled request fails with: not one jsforce retries on. */
export const ABORTED_REQUEST_CODE = 'ABORT_ERR';

interface StartedRequest {
  destroy(err?: Error): unknown;
  once(event: 'close', listener: () => void): unknown;
  once(event: 'response', listener: (response: { statusCode?: number }) => void): unknown;
}

function isStartedRequest(value: unknown): value is StartedRequest {
  const r = value as StartedRequest | null;
  return typeof r === 'object' && r !== null && typeof r.destroy === 'function' && typeof r.once === 'function';
}

function cancelledError(): Error {
  const err = new Error('The org request was cancelled.') as NodeJS.ErrnoException;
  err.name = 'AbortError';
  err.code = ABORTED_REQUEST_CODE;
  return err;
}

function onRequestStart(message: unknown): void {
  const current = scope.getStore();
  if (current === undefined) return;
  const request = (message as { request?: unknown } | null)?.request;
  if (!isStartedRequest(request)) return;
  const { signal, onStatus } = current;
  if (onStatus) {
    request.once('response', (response) => {
      if (typeof response.statusCode === 'number') onStatus(response.statusCode);
    });
  }
  if (signal.aborted) {
    request.destroy(cancelledError());
    return;
  }
  const cancel = (): void => {
    request.destroy(cancelledError());
  };
  signal.addEventListener('abort', cancel, { once: true });
  request.once('close', () => signal.removeEventListener('abort', cancel));
}

let subscribed = false;

/** Why a request stopped: the signal's own reason when it is an Error, else an AbortError. */
export function abortReason(signal: AbortSignal): Error {
  return signal.reason instanceof Error ? signal.reason : cancelledError();
}

/**
 * Runs `work` with every HTTP request it starts cancelled when `signal` aborts, and answers as soon
 * as the signal aborts: a response whose body stalls, or a retry waiting out its backoff, does not
 * hold the caller. `onStatus` sees each response's HTTP status as it arrives.
 */
export function withRequestSignal<T>(signal: AbortSignal, work: () => Promise<T>, onStatus?: (status: number) => void): Promise<T> {
  if (!subscribed) {
    subscribe('http.client.request.start', onRequestStart);
    subscribed = true;
  }
  if (signal.aborted) return Promise.reject(abortReason(signal));
  // Awaited inside the scope: jsforce's Query is a thenable that starts its request only when awaited.
  const running = scope.run(onStatus ? { signal, onStatus } : { signal }, async () => await work());
  return settledOrAborted(running, signal, () => {
    throw abortReason(signal);
  });
}
