/**
 * A process that exits without closing its org (a library caller that forgot `close()`, a command
 * that calls process.exit) still syncs its journals and releases its locks: one 'exit' listener
 * for every state file open in the process.
 */
interface Closable {
  close(): void;
}

const OPEN = new Set<Closable>();

function closeAll(): void {
  for (const state of [...OPEN]) {
    try {
      state.close();
    } catch {
      // Exiting: nothing can be done about one file; the others still close.
    }
  }
}

export function syncAtExit(state: Closable): void {
  if (OPEN.size === 0) process.on('exit', closeAll);
  OPEN.add(state);
}

export function forgetAtExit(state: Closable): void {
  if (OPEN.delete(state) && OPEN.size === 0) process.off('exit', closeAll);
}
