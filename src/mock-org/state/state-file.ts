import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { IpemuError } from '../../core/errors';
import type { CommitHook, StoreChange } from '../writes/changes';
import { acquireLock, StateLock } from './lock';
import { headerLine, parseJournal, ParsedJournal, transactionLine } from './journal-format';
import { JournalContent } from './journal-content';
import { JournalFile, removeCompactionLeftovers } from './journal-file';
import { forgetAtExit, syncAtExit } from './exit-hooks';

/** What the state file replays into: the org's changes applied without checks or commit hook. */
export interface StateTarget {
  applyChanges(changes: readonly StoreChange[]): void;
}

export interface CompactionPolicy {
  /** Never compact a journal smaller than this. */
  readonly minBytes: number;
  /** Compact when the journal is more than this many times its compact form. */
  readonly ratio: number;
}

export const DEFAULT_COMPACTION: CompactionPolicy = { minBytes: 1 << 20, ratio: 4 };

export interface StateFileOptions {
  /** The org's clock (the header's createdAt). */
  readonly now?: () => number;
  readonly compaction?: CompactionPolicy;
  /** Who holds the lock, for the "in use" message; default the process's command. */
  readonly command?: string;
}

/** Changes per line of a compact journal: one huge line would cost one huge string to read back. */
const COMPACT_LINE_CHANGES = 500;

/**
 * A mock org's state file, open: locked, replayed, and appending one line per committed
 * transaction through `commit` (the org's commit hook).
 */
export class StateFile {
  readonly commit: CommitHook;
  private readonly content = new JournalContent();
  private nextCheck: number;
  private compactionBroken = false;
  private closed = false;

  private constructor(
    readonly path: string,
    private readonly lock: StateLock,
    private readonly journal: JournalFile,
    private readonly now: () => number,
    private readonly compaction: CompactionPolicy,
  ) {
    this.commit = (changes) => this.append(changes);
    this.nextCheck = 0;
  }

  /**
   * Takes the lock, replays the journal into `target` (dropping a torn last line: the write a kill
   * interrupted), compacts it when it is much larger than its content, and keeps it open for
   * appending. Problems throw IpemuError INVALID_INPUT naming the file (and line).
   */
  static open(file: string, target: StateTarget, options: StateFileOptions = {}): StateFile {
    const path = resolve(file);
    const now = options.now ?? Date.now;
    const lock = withFileErrors(path, () => acquireLock(path, options.command));
    try {
      removeCompactionLeftovers(path);
      const bytes = withFileErrors(path, () => readJournal(path));
      const parsed = parseJournal(bytes, path);
      const journal = withFileErrors(path, () => JournalFile.open(path, parsed.validBytes, bytes.length, parsed.hasHeader ? undefined : headerLine(now())));
      const state = new StateFile(path, lock, journal, now, options.compaction ?? DEFAULT_COMPACTION);
      try {
        state.replay(parsed, target);
        state.compactIfLarge();
        state.nextCheck = Math.max(state.compaction.minBytes, 2 * journal.bytes);
      } catch (err) {
        journal.close();
        throw err;
      }
      syncAtExit(state);
      return state;
    } catch (err) {
      lock.release();
      throw err;
    }
  }

  private replay(parsed: ParsedJournal, target: StateTarget): void {
    for (const { line, changes } of parsed.transactions) {
      try {
        target.applyChanges(changes);
      } catch (err) {
        const reason = err instanceof Error ? err.message : String(err);
        throw new IpemuError('INVALID_INPUT', `The state file ${this.path} line ${line} cannot be replayed on these fixtures: ${reason}`, {
          file: this.path,
          line,
        });
      }
      this.content.add(changes);
    }
  }

  /** The commit hook: the transaction's line is written before its changes become visible; a failed write rolls it back. */
  private append(changes: readonly StoreChange[]): void {
    if (changes.length === 0) return;
    if (this.closed) throw new IpemuError('INTERNAL', `The state file ${this.path} is closed; the write was not made.`);
    this.journal.append(transactionLine(changes));
    // The line is written: from here nothing may throw, or the org would undo a change the file keeps.
    try {
      this.content.add(changes);
      if (this.journal.bytes >= this.nextCheck) {
        this.compactIfLarge();
        this.nextCheck = Math.max(this.compaction.minBytes, 2 * this.journal.bytes);
      }
    } catch {
      this.compactionBroken = true;
    }
  }

  /** Journal bytes now (tests). */
  get bytes(): number {
    return this.journal.bytes;
  }

  /**
   * Rewrites the journal as its content when it is much larger than that. A failure keeps the
   * journal as it was (it is still whole) and stops further attempts: the write that triggered
   * it is already in the journal and must not be rolled back.
   */
  private compactIfLarge(): void {
    if (this.compactionBroken || this.journal.bytes < this.compaction.minBytes) return;
    const text = this.compactText();
    if (this.journal.bytes <= this.compaction.ratio * Buffer.byteLength(text)) return;
    try {
      this.journal.replaceWith(text);
    } catch {
      this.compactionBroken = true;
    }
  }

  private compactText(): string {
    const changes = this.content.changes();
    const lines = [headerLine(this.now())];
    for (let i = 0; i < changes.length; i += COMPACT_LINE_CHANGES) lines.push(transactionLine(changes.slice(i, i + COMPACT_LINE_CHANGES)));
    return lines.join('');
  }

  /** Syncs, closes and unlocks (idempotent). */
  close(): void {
    if (this.closed) return;
    this.closed = true;
    forgetAtExit(this);
    try {
      this.journal.close();
    } finally {
      this.lock.release();
    }
  }
}

function readJournal(path: string): Buffer {
  try {
    return readFileSync(path);
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return Buffer.alloc(0);
    throw err;
  }
}

/** A file system refusal (no such folder, no permission) as INVALID_INPUT naming the state file. */
function withFileErrors<T>(path: string, work: () => T): T {
  try {
    return work();
  } catch (err) {
    if (err instanceof IpemuError) throw err;
    const code = (err as NodeJS.ErrnoException).code;
    const reason = code === 'ENOENT' ? 'its folder does not exist' : (code ?? (err as Error).message);
    throw new IpemuError('INVALID_INPUT', `Cannot open the state file ${path} (${reason}).`, { file: path });
  }
}
