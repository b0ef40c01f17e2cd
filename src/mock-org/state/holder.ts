import { readFileSync } from 'node:fs';
import { hostname } from 'node:os';
import { basename } from 'node:path';

/** Whether a lock's holder still runs: `unknown` when it is on another host, where no pid can be checked. */
export type HolderState = 'alive' | 'dead' | 'unknown';

let bootId: string | undefined | null = null;

/** Linux's boot id (undefined elsewhere): pids start over after a reboot, so a lock from another boot is stale. */
export function thisBootId(): string | undefined {
  if (bootId === null) {
    try {
      bootId = readFileSync('/proc/sys/kernel/random/boot_id', 'utf8').trim() || undefined;
    } catch {
      bootId = undefined;
    }
  }
  return bootId;
}

export function holderState(holder: { pid: number; host: string; boot?: string }): HolderState {
  if (holder.host !== hostname()) return 'unknown';
  const boot = thisBootId();
  if (holder.boot !== undefined && boot !== undefined && holder.boot !== boot) return 'dead';
  // This process did not write it (its own locks are known in memory): a container restarted
  // under the same pid left it.
  if (holder.pid === process.pid) return 'dead';
  if (!Number.isInteger(holder.pid) || holder.pid <= 0) return 'dead';
  try {
    process.kill(holder.pid, 0);
    return 'alive';
  } catch (err) {
    // EPERM: the process exists but belongs to another user.
    return (err as NodeJS.ErrnoException).code === 'EPERM' ? 'alive' : 'dead';
  }
}

const TITLE_WORDS = 3;
const TITLE_CHARS = 100;

/**
 * The holder's command for the "in use" message: the program and its leading words up to the
 * first flag (`ipemu mock-org serve`), never the flags, which may hold tokens.
 */
export function processTitle(argv: readonly string[] = process.argv): string {
  const script = argv[1] === undefined ? 'node' : basename(argv[1]).replace(/\.js$/, '');
  const words: string[] = [];
  for (const arg of argv.slice(2)) {
    if (arg.startsWith('-') || words.length === TITLE_WORDS) break;
    words.push(arg);
  }
  const title = [script === 'ipemu' ? 'ipemu' : `node ${script}`, ...words].join(' ');
  return title.length > TITLE_CHARS ? `${title.slice(0, TITLE_CHARS)}…` : title;
}
