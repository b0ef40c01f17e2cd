import type { Via } from './record-manifest';

/**
 * What a recording tells about itself as it goes (the CLI draws bars on a TTY, lines otherwise).
 * Every method is optional: a library caller listens to what it needs.
 */
export interface RecordProgress {
  /** An object's count is known and its records are being read (`via` REST or Bulk API 2.0). */
  started?(object: string, total: number, via: Via): void;
  /** After each page: the records written so far of `total`. */
  rows?(object: string, done: number, total: number): void;
  finished?(object: string, rows: number, via: Via, ms: number): void;
  /** An object finished by an earlier run of this recording (--resume): not read again. */
  kept?(object: string, rows: number): void;
}

export const NO_PROGRESS: RecordProgress = {};
