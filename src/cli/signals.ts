const STOP_SIGNALS: NodeJS.Signals[] = ['SIGINT', 'SIGTERM'];

/** Calls `onStop` on the first SIGINT or SIGTERM, then stops listening (a second signal kills as usual). */
function onFirstStopSignal(onStop: (signal: NodeJS.Signals) => void): () => void {
  const stopListening = (): void => {
    for (const s of STOP_SIGNALS) process.off(s, onSignal);
  };
  const onSignal = (signal: NodeJS.Signals): void => {
    stopListening();
    onStop(signal);
  };
  for (const s of STOP_SIGNALS) process.on(s, onSignal);
  return stopListening;
}

/** Resolves on the first SIGINT or SIGTERM, then stops listening (a second signal kills as usual). */
export function untilStopSignal(): Promise<NodeJS.Signals> {
  return new Promise((resolve) => onFirstStopSignal(resolve));
}

/** Exit codes after a stop signal, as shells report a process killed by it (128 + its number). */
export const SIGNAL_EXIT_CODES: Readonly<Record<string, number>> = { SIGINT: 130, SIGTERM: 143 };

/**
 * For a command with no stop of its own (`invoke`, `ip run`, `ip test`): the first SIGINT or
 * SIGTERM closes its org (a mock org's state file is synced and unlocked) and exits as killed by
 * it, instead of dying with the lock held. Answers the function that stops listening.
 */
export function closeOnStopSignal(close: () => Promise<void>): () => void {
  return onFirstStopSignal((signal) => {
    void settledWithin(close().catch(() => undefined)).then(() => process.exit(SIGNAL_EXIT_CODES[signal] ?? 1));
  });
}

export interface StopSignal {
  /** Aborted on the first SIGINT or SIGTERM; its reason is the signal's name. */
  readonly signal: AbortSignal;
  /** Stops listening, for a run that ended by itself. */
  dispose(): void;
}

/** The first SIGINT or SIGTERM as an AbortSignal, for work that stops in the middle and reports. */
export function stopSignal(): StopSignal {
  const controller = new AbortController();
  const dispose = onFirstStopSignal((signal) => controller.abort(signal));
  return { signal: controller.signal, dispose };
}

/**
 * After an interrupted run has reported, work it abandoned (an invocation waiting on a hung org
 * or plugin, with its deadline timer) must not hold the process open: exit soon with the exit
 * code set by then. The timer is unref'd, so a process with nothing left exits at once.
 */
export function exitSoonAfterStop(ms = 500): void {
  setTimeout(() => process.exit(), ms).unref();
}

/**
 * How long a stopping server lets its requests in flight finish before their org requests are
 * cancelled: a healthy org answers well within it, and a hung one still lets the process exit
 * within 5 s of the signal.
 */
export const SHUTDOWN_GRACE_MS = 2_000;

/** Resolves when `work` settles or `ms` have passed, whichever comes first. */
export function settledWithin(work: Promise<unknown>, ms: number = SHUTDOWN_GRACE_MS): Promise<void> {
  return new Promise((resolve) => {
    const timer = setTimeout(resolve, ms);
    const done = (): void => {
      clearTimeout(timer);
      resolve();
    };
    work.then(done, done);
  });
}
