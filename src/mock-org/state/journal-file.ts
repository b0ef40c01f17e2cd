import { closeSync, constants, fdatasync, fdatasyncSync, fsyncSync, ftruncateSync, openSync, readdirSync, renameSync, unlinkSync, writeSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import { IpemuError } from '../../core/errors';

/** Acknowledged writes reach the disk within this (group commit): a power loss loses at most this much. */
export const SYNC_DELAY_MS = 50;

/** Writes all of `bytes` at `position` (writeSync may write less than asked). */
function writeFully(fd: number, bytes: Buffer, position: number): void {
  let done = 0;
  while (done < bytes.length) done += writeSync(fd, bytes, done, bytes.length - done, position + done);
}

/** Makes a rename or a new file in `dir` durable (a no-op where directories cannot be opened, as on Windows). */
export function syncDirectory(dir: string): void {
  let fd: number;
  try {
    fd = openSync(dir, 'r');
  } catch {
    return;
  }
  try {
    fsyncSync(fd);
  } catch {
    // Some file systems refuse fsync on a directory; the rename itself is still atomic.
  } finally {
    closeSync(fd);
  }
}

function compactPrefix(path: string): string {
  return `${basename(path)}.compact-`;
}

/** Removes temp files a killed compaction left (the caller holds the lock: none is in use). */
export function removeCompactionLeftovers(path: string): void {
  const dir = dirname(path);
  const prefix = compactPrefix(path);
  let names: string[];
  try {
    names = readdirSync(dir);
  } catch {
    return;
  }
  for (const name of names) {
    if (!name.startsWith(prefix) || !name.endsWith('.tmp')) continue;
    try {
      unlinkSync(join(dir, name));
    } catch {
      // Gone already.
    }
  }
}

/**
 * The journal open for appending: each append is one positioned write of whole lines, so the file
 * only ever grows by whole lines (a failed write is cut back off). Data reaches the disk by
 * fdatasync at most SYNC_DELAY_MS after a write, and at close.
 */
export class JournalFile {
  private syncTimer: NodeJS.Timeout | undefined;
  private failure: Error | undefined;
  private closed = false;

  private constructor(
    readonly path: string,
    private fd: number,
    private size: number,
  ) {}

  /** Opens an existing journal whose first `validBytes` are whole lines; anything past them (a torn write) is cut off. */
  static open(path: string, validBytes: number, fileBytes: number, header: string | undefined): JournalFile {
    const fd = openSync(path, constants.O_RDWR | constants.O_CREAT, 0o644);
    const file = new JournalFile(path, fd, validBytes);
    try {
      if (fileBytes !== validBytes) {
        ftruncateSync(fd, validBytes);
        fdatasyncSync(fd);
      }
      if (header !== undefined) {
        writeFully(fd, Buffer.from(header), validBytes);
        file.size = validBytes + Buffer.byteLength(header);
        fdatasyncSync(fd);
        syncDirectory(dirname(path));
      }
    } catch (err) {
      closeSync(fd);
      throw err;
    }
    return file;
  }

  get bytes(): number {
    return this.size;
  }

  /**
   * Appends `text` (whole lines). Throws, having written nothing that stays, when the write fails;
   * after a failure that could not be undone every later append throws as well, so the file never
   * holds a line after a torn one.
   */
  append(text: string): void {
    if (this.closed) throw new IpemuError('INTERNAL', `The state file ${this.path} is closed; the write was not made.`);
    if (this.failure) throw this.refusal();
    const bytes = Buffer.from(text);
    try {
      writeFully(this.fd, bytes, this.size);
    } catch (err) {
      try {
        ftruncateSync(this.fd, this.size);
      } catch (undo) {
        this.failure = undo as Error;
      }
      throw new IpemuError('INTERNAL', `Cannot write the state file ${this.path} (${(err as Error).message}); the write was not made.`);
    }
    this.size += bytes.length;
    this.syncTimer ??= setTimeout(() => this.syncSoon(), SYNC_DELAY_MS).unref();
  }

  private refusal(): IpemuError {
    return new IpemuError('INTERNAL', `The state file ${this.path} failed (${this.failure!.message}); writes are refused until the org is reopened.`);
  }

  private syncSoon(): void {
    this.syncTimer = undefined;
    if (this.closed) return;
    const fd = this.fd;
    fdatasync(fd, (err) => {
      // A failed fsync may have lost acknowledged writes: refuse more rather than pretend. Not so
      // for a descriptor closed meanwhile: a compaction replaced (and synced) its file.
      if (err && !this.closed && fd === this.fd) this.failure ??= err;
    });
  }

  /**
   * Replaces the journal by `text` (a compact journal): written to a temp file in the same folder,
   * synced, renamed over the journal, the folder synced. Throws, leaving the journal as it was,
   * when any step fails.
   */
  replaceWith(text: string): void {
    if (this.closed || this.failure) return;
    const temp = join(dirname(this.path), `${compactPrefix(this.path)}${process.pid}.tmp`);
    const bytes = Buffer.from(text);
    const fd = openSync(temp, 'w', 0o644);
    try {
      writeFully(fd, bytes, 0);
      fsyncSync(fd);
      renameSync(temp, this.path);
    } catch (err) {
      closeSync(fd);
      try {
        unlinkSync(temp);
      } catch {
        // Never created, or renamed already.
      }
      throw err;
    }
    syncDirectory(dirname(this.path));
    const old = this.fd;
    this.fd = fd;
    this.size = bytes.length;
    try {
      closeSync(old);
    } catch {
      // The old journal is unlinked; nothing of it is needed.
    }
  }

  /** Syncs and closes (idempotent). */
  close(): void {
    if (this.closed) return;
    this.closed = true;
    if (this.syncTimer) clearTimeout(this.syncTimer);
    this.syncTimer = undefined;
    try {
      fdatasyncSync(this.fd);
    } finally {
      closeSync(this.fd);
    }
  }
}
