import type { OutputMap } from '../core/envelope';
import { ERROR_CODES } from '../core/errors';

/** Job statuses that may still change; everything else is final. */
export const PENDING_STATUSES: readonly string[] = ['WaitingToProcess', 'InProgress'];
export const FIRST_DELAY_MS = 1000;
export const MAX_DELAY_MS = 10_000;

export interface WaitOptions {
  now(): number;
  sleep(ms: number): Promise<void>;
  /** Total wait; undefined waits until the job is final. */
  timeoutMs?: number;
  /** Called after each poll that found the job still pending. */
  onStatus?(output: OutputMap, attempt: number, elapsedMs: number): void;
}

export interface WaitResult {
  output: OutputMap;
  /** True when the job was still pending when the total wait ran out. */
  timedOut: boolean;
  attempts: number;
}

export function isPending(output: OutputMap): boolean {
  return output.errorCode === ERROR_CODES.OK.invoke && typeof output.status === 'string' && PENDING_STATUSES.includes(output.status);
}

/**
 * Polls until the job is final, with backoff from 1 s doubling to 10 s. A failed lookup (not
 * INVOKE-200) returns at once: polling cannot fix a wrong Id or a missing permission.
 * `invokeOnce` gets the time left so a single call never outlives the total wait.
 */
export async function waitForJob(invokeOnce: (remainingMs: number | undefined) => Promise<OutputMap>, options: WaitOptions): Promise<WaitResult> {
  const start = options.now();
  const remaining = (): number | undefined => (options.timeoutMs === undefined ? undefined : options.timeoutMs - (options.now() - start));
  let delay = FIRST_DELAY_MS;
  let attempts = 0;
  let last: OutputMap | undefined;
  for (;;) {
    const left = remaining();
    if (last && left !== undefined && left <= 0) return { output: last, timedOut: true, attempts };
    const output = await invokeOnce(left);
    attempts += 1;
    // A poll cut short by the time left is the wait running out, not a failed lookup.
    if (last && left !== undefined && output.errorCode === ERROR_CODES.TIMEOUT.invoke) return { output: last, timedOut: true, attempts };
    if (!isPending(output)) return { output, timedOut: false, attempts };
    last = output;
    options.onStatus?.(output, attempts, options.now() - start);
    const afterCall = remaining();
    await options.sleep(afterCall === undefined ? delay : Math.max(0, Math.min(delay, afterCall)));
    delay = Math.min(delay * 2, MAX_DELAY_MS);
  }
}

export function realSleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}
