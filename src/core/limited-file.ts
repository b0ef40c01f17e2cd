import { closeSync, constants, fstatSync, openSync, readSync, type Stats } from 'node:fs';

/**
 * One file read whatever sits at its path, for every reader of user-given files (mock-org
 * fixtures, procedure definitions): only a regular file is read, never more than MAX_FILE_BYTES,
 * and nothing nested deeper than MAX_JSON_DEPTH is handed on, so no path makes a load hang, abort
 * or overflow the stack (issue 12 item 14). The reasons come back as data, so each caller words
 * them for its own users (a fixture problem names the record and field, a definition problem the
 * element and property).
 */

/**
 * The largest file read. Generous for the 150,000-job org `mock-org generate` writes (~80 MiB),
 * and well under V8's longest string (~512 MiB), which readFileSync would hit with an abort
 * rather than an error.
 */
export const MAX_FILE_BYTES = 256 * 1024 * 1024;

/**
 * A fixture needs about 7 levels (document, records, object, list, record, `$timeline`, step), a
 * definition about 20 (raw DataPack, pack, record, element, property set, nested maps).
 * JSON.parse takes any depth, but code that later walks a value recursively (freeze, the runner,
 * JSON.stringify quoting a refused value) does not: JSON.stringify overflowed the stack at 100,000.
 */
export const MAX_JSON_DEPTH = 64;

/** Not on Windows, where opening a named pipe does not wait for a writer anyway. */
const O_NONBLOCK: number = (constants as { O_NONBLOCK?: number }).O_NONBLOCK ?? 0;

const MIB = 1024 * 1024;

/** A byte count as a problem message states it: whole MiB when it is one, bytes otherwise. */
export const sizeText = (bytes: number): string => (bytes % MIB === 0 ? `${bytes / MIB} MiB` : `${bytes} bytes`);

/** What a non-regular file is, for the message that refuses it. */
export function fileKind(stats: Stats): string {
  if (stats.isDirectory()) return 'a directory';
  if (stats.isFIFO()) return 'a FIFO';
  if (stats.isCharacterDevice()) return 'a character device';
  if (stats.isBlockDevice()) return 'a block device';
  if (stats.isSocket()) return 'a socket';
  return 'of an unknown kind';
}

/** The errno code of a failed fs call (ENOENT, ELOOP…), or the error itself as text. */
export const errnoOf = (err: unknown): string => (err as NodeJS.ErrnoException).code ?? String(err);

/** Why a file was not read: it could not be opened or read, it is not a regular file, or it holds more than the cap. */
export type LimitedReadFailure =
  | { readonly reason: 'unreadable'; readonly code: string }
  | { readonly reason: 'not-regular'; readonly kind: string }
  | { readonly reason: 'too-large'; readonly maxBytes: number };

export type LimitedRead = { readonly ok: true; readonly text: string } | ({ readonly ok: false } & LimitedReadFailure);

/**
 * The file's text, or why not. Opened without blocking (a FIFO would wait for a writer forever),
 * then checked through its descriptor, so what is read is what was checked; read to at most
 * `maxBytes` + 1 bytes, since a file may hold more than the size it reports.
 */
export function readLimitedText(file: string, maxBytes = MAX_FILE_BYTES): LimitedRead {
  let fd: number;
  try {
    fd = openSync(file, constants.O_RDONLY | O_NONBLOCK);
  } catch (err) {
    return { ok: false, reason: 'unreadable', code: errnoOf(err) };
  }
  const tooLarge: LimitedRead = { ok: false, reason: 'too-large', maxBytes };
  try {
    const stats = fstatSync(fd);
    if (!stats.isFile()) return { ok: false, reason: 'not-regular', kind: fileKind(stats) };
    if (stats.size > maxBytes) return tooLarge;
    // Sized from the reported length (a 64 KiB floor per file made a 5,000-file load mostly
    // garbage collection), grown only for a file that reports none (as /proc files do).
    let buffer = Buffer.allocUnsafe(Math.min(maxBytes + 1, stats.size > 0 ? stats.size + 1 : 64 * 1024));
    let length = 0;
    for (;;) {
      if (length === buffer.length) {
        if (length > maxBytes) return tooLarge;
        const grown = Buffer.allocUnsafe(Math.min(maxBytes + 1, length * 2));
        buffer.copy(grown, 0, 0, length);
        buffer = grown;
      }
      const n = readSync(fd, buffer, length, buffer.length - length, null);
      if (n === 0) break;
      length += n;
    }
    return { ok: true, text: buffer.toString('utf8', 0, length) };
  } catch (err) {
    return { ok: false, reason: 'unreadable', code: errnoOf(err) };
  } finally {
    closeSync(fd);
  }
}

/**
 * True when `value` (parsed JSON or XML, so acyclic and no larger than its text) has objects or
 * arrays nested deeper than `max`. Iterative, so the check itself cannot overflow the stack.
 */
export function nestedDeeperThan(value: unknown, max: number): boolean {
  const values: unknown[] = [value];
  const depths: number[] = [1];
  while (values.length > 0) {
    const current = values.pop();
    const depth = depths.pop() ?? 1;
    if (current === null || typeof current !== 'object') continue;
    if (depth > max) return true;
    if (Array.isArray(current)) {
      for (const child of current as unknown[]) {
        if (child !== null && typeof child === 'object') {
          values.push(child);
          depths.push(depth + 1);
        }
      }
      continue;
    }
    // for…in rather than Object.values: no array per record on a 500,000-record load.
    const record = current as Record<string, unknown>;
    for (const key in record) {
      const child = record[key];
      if (child !== null && typeof child === 'object') {
        values.push(child);
        depths.push(depth + 1);
      }
    }
  }
  return false;
}

/** Parsed JSON, or why not; `message` is the one wording of the failure, which both readers show as is. */
export type LimitedJson =
  { readonly ok: true; readonly value: unknown } | { readonly ok: false; readonly reason: 'too-deep' | 'invalid'; readonly message: string };

/**
 * JSON text parsed within the depth limit, or why not. A RangeError from JSON.parse is its own
 * stack running out on deep nesting, so it is the same failure as the walk finding it.
 */
export function parseLimitedJson(text: string, maxDepth = MAX_JSON_DEPTH): LimitedJson {
  const tooDeep: LimitedJson = { ok: false, reason: 'too-deep', message: `JSON nested deeper than ${maxDepth} levels` };
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (err) {
    return err instanceof RangeError ? tooDeep : { ok: false, reason: 'invalid', message: `not valid JSON: ${(err as Error).message}` };
  }
  return nestedDeeperThan(value, maxDepth) ? tooDeep : { ok: true, value };
}
