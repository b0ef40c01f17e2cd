/**
 * A plugin's promise that rejects with nobody listening (a floating `fetch`, a forgotten `await`)
 * would end the whole process by Node's default: every request in flight of `serve`, every line
 * of a `batch`. In the `ipemu` process such a rejection is reported on stderr and the command goes on.
 */

/** A rejection reason as text, whatever it is: the reason may be a value whose every read throws. */
function describeReason(reason: unknown): string {
  try {
    if (reason instanceof Error) return `${reason.name}: ${reason.message}`;
    return typeof reason === 'string' ? reason : `a non-error value (${typeof reason})`;
  } catch {
    return 'a value that cannot be read';
  }
}

/** Installs the guard; the returned function removes it. */
export function guardUnhandledRejections(writeErr: (text: string) => void): () => void {
  const onRejection = (reason: unknown): void => {
    writeErr(`ipemu: warning: a promise rejection nobody handled (a plugin's?) was ignored: ${describeReason(reason).slice(0, 1000)}\n`);
  };
  process.on('unhandledRejection', onRejection);
  return () => {
    process.off('unhandledRejection', onRejection);
  };
}
