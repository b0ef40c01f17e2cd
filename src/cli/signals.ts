/** Resolves on the first SIGINT or SIGTERM, then stops listening (a second signal kills as usual). */
export function untilStopSignal(): Promise<NodeJS.Signals> {
  return new Promise((resolve) => {
    const signals: NodeJS.Signals[] = ['SIGINT', 'SIGTERM'];
    const onSignal = (signal: NodeJS.Signals): void => {
      for (const s of signals) process.off(s, onSignal);
      resolve(signal);
    };
    for (const s of signals) process.on(s, onSignal);
  });
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
