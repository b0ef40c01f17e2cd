/**
 * What Cache Blocks keep: per library, bounded (lru-cache), each entry with its own time to live on
 * the library's clock (injectable, so tests move time instead of waiting).
 */
import { LRUCache } from 'lru-cache';
import type { DataWrite } from './types';

/** Enough for every cached block of a large library; the least recently used entry goes first. */
export const BLOCK_CACHE_ENTRIES = 1000;

interface Entry {
  readonly expiresAt: number;
  readonly writes: readonly DataWrite[];
}

export class BlockCache {
  readonly #entries = new LRUCache<string, Entry>({ max: BLOCK_CACHE_ENTRIES });

  constructor(private readonly clock: () => number) {}

  get(key: string): readonly DataWrite[] | undefined {
    const entry = this.#entries.get(key);
    if (entry === undefined) return undefined;
    if (this.clock() >= entry.expiresAt) {
      this.#entries.delete(key);
      return undefined;
    }
    return entry.writes;
  }

  set(key: string, writes: readonly DataWrite[], ttlMs: number): void {
    this.#entries.set(key, { expiresAt: this.clock() + ttlMs, writes });
  }
}
