import { closeSync, fsyncSync, linkSync, openSync, readFileSync, renameSync, statSync, unlinkSync, writeSync } from 'node:fs';
import { randomBytes } from 'node:crypto';
import { hostname } from 'node:os';
import { IpemuError } from '../../core/errors';
import { isPlainObject } from '../../core/plain-object';
import { holderState, processTitle, thisBootId } from './holder';

/** What a lock file holds: who holds the state file, and a token only that holder knows. */
export interface LockHolder {
  readonly pid: number;
  readonly host: string;
  /** Linux's boot id: a lock from before a reboot is stale whatever its pid. */
  readonly boot?: string;
  readonly command: string;
  readonly since: string;
  readonly token: string;
}

export interface StateLock {
  readonly lockPath: string;
  readonly holder: LockHolder;
  /** Removes the lock file if it is still this lock's (idempotent). */
  release(): void;
}

/** Paths this process holds: a second open in the same process is refused without touching the file. */
const HELD = new Set<string>();

/** A lock file that exists but has no complete content yet: its creator is between open and write. */
const CREATING_GRACE_MS = 2_000;
const ATTEMPTS = 50;
const RETRY_MS = 20;

function sleepSync(ms: number): void {
  Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, ms);
}

function parseHolder(text: string): LockHolder | undefined {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    return undefined;
  }
  if (!isPlainObject(value) || typeof value.pid !== 'number' || typeof value.host !== 'string' || typeof value.token !== 'string') return undefined;
  return {
    pid: value.pid,
    host: value.host,
    boot: typeof value.boot === 'string' ? value.boot : undefined,
    command: typeof value.command === 'string' ? value.command : 'unknown command',
    since: typeof value.since === 'string' ? value.since : 'unknown time',
    token: value.token,
  };
}

function readText(path: string): string | undefined {
  try {
    return readFileSync(path, 'utf8');
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw err;
  }
}

function inUse(statePath: string, lockPath: string, holder: LockHolder | undefined, foreignHost: boolean): IpemuError {
  const who = holder
    ? `process ${holder.pid}${foreignHost ? ` on host ${holder.host}` : ''} (${holder.command}, since ${holder.since})`
    : 'another process (its lock file is being written)';
  const hint = foreignHost ? ` If that process no longer runs, delete ${lockPath}.` : '';
  return new IpemuError('INVALID_INPUT', `The state file ${statePath} is in use by ${who}; stop it or use another --state file.${hint}`, {
    lockFile: lockPath,
    ...(holder ? { pid: holder.pid, host: holder.host } : {}),
  });
}

/** Writes the lock file exclusively (O_EXCL): false when one exists. */
function create(lockPath: string, text: string): boolean {
  let fd: number;
  try {
    fd = openSync(lockPath, 'wx', 0o644);
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'EEXIST') return false;
    throw err;
  }
  try {
    writeSync(fd, text);
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
  return true;
}

/**
 * Moves a stale lock out of the way, safely against another process doing the same: the rename
 * takes whatever lock file is there at that instant, so a process that finds it has taken a lock
 * other than the stale one it judged (a racer has already replaced it) puts that one back.
 */
export function removeStale(lockPath: string, staleText: string): void {
  const aside = `${lockPath}.stale-${process.pid}-${randomBytes(4).toString('hex')}`;
  try {
    renameSync(lockPath, aside);
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return;
    throw err;
  }
  if (readText(aside) !== staleText) {
    try {
      // link fails when a lock exists again: then the racers sort it out on the next attempt.
      linkSync(aside, lockPath);
    } catch {
      /* see above */
    }
  }
  unlinkSync(aside);
}

/**
 * Takes `<statePath>.lock`: a file created with O_EXCL holding this process's pid and host. A lock
 * whose process is dead (killed with SIGKILL, or from before a reboot) is taken over; a live one
 * (or one on another host, whose process cannot be checked) is refused with INVALID_INPUT naming it.
 */
export function acquireLock(statePath: string, command: string = processTitle()): StateLock {
  const lockPath = `${statePath}.lock`;
  const holder: LockHolder = {
    pid: process.pid,
    host: hostname(),
    boot: thisBootId(),
    command,
    since: new Date().toISOString(),
    token: randomBytes(12).toString('hex'),
  };
  if (HELD.has(lockPath)) throw inUse(statePath, lockPath, { ...holder, command: `${command}, this process` }, false);
  const text = `${JSON.stringify(holder)}\n`;
  for (let attempt = 0; attempt < ATTEMPTS; attempt++) {
    if (create(lockPath, text)) {
      HELD.add(lockPath);
      return { lockPath, holder, release: () => release(lockPath, holder.token) };
    }
    const found = readText(lockPath);
    if (found === undefined) continue;
    const other = parseHolder(found);
    if (!other) {
      // Empty or partial: its creator is writing it, or died right after creating it.
      if (Date.now() - mtimeOf(lockPath) < CREATING_GRACE_MS) {
        sleepSync(RETRY_MS);
        continue;
      }
      removeStale(lockPath, found);
      continue;
    }
    const state = holderState(other);
    if (state === 'alive') throw inUse(statePath, lockPath, other, false);
    if (state === 'unknown') throw inUse(statePath, lockPath, other, true);
    removeStale(lockPath, found);
  }
  throw inUse(statePath, lockPath, parseHolder(readText(lockPath) ?? ''), false);
}

function mtimeOf(path: string): number {
  try {
    return statSync(path).mtimeMs;
  } catch {
    return 0;
  }
}

function release(lockPath: string, token: string): void {
  if (!HELD.delete(lockPath)) return;
  const found = readText(lockPath);
  if (found === undefined || parseHolder(found)?.token !== token) return;
  try {
    unlinkSync(lockPath);
  } catch {
    // Already gone: nothing left to release.
  }
}
