import { closeSync, constants, fstatSync, openSync, readSync, type Stats } from 'node:fs';
import { addProblem, type ProblemSink } from './problems';

/**
 * One definition file's text, whatever sits at its path. The same limits as the mock org's fixture
 * reader (src/mock-org/fixtures/read-json-file.ts), which procedures may not import: only a regular
 * file is read, opened without blocking (a FIFO would wait for a writer forever), never more than
 * MAX_DEFINITION_FILE_BYTES, and nothing nested deeper than MAX_DEFINITION_DEPTH is handed on.
 */

/** The same cap as a fixture file: well under V8's longest string, which readFileSync hits with an abort. */
export const MAX_DEFINITION_FILE_BYTES = 256 * 1024 * 1024;

/**
 * A definition needs about 20 levels (raw DataPack, pack, record, element, property set, nested
 * maps); code that later walks a value recursively (freeze, the runner, JSON.stringify) must not
 * meet 100,000.
 */
export const MAX_DEFINITION_DEPTH = 64;

const O_NONBLOCK: number = (constants as { O_NONBLOCK?: number }).O_NONBLOCK ?? 0;
const MIB = 1024 * 1024;

export function fileKind(stats: Stats): string {
  if (stats.isDirectory()) return 'a directory';
  if (stats.isFIFO()) return 'a FIFO';
  if (stats.isCharacterDevice()) return 'a character device';
  if (stats.isBlockDevice()) return 'a block device';
  if (stats.isSocket()) return 'a socket';
  return 'of an unknown kind';
}

export const errnoOf = (err: unknown): string => (err as NodeJS.ErrnoException).code ?? String(err);

/** The file's text, or undefined with a problem naming it (and the element and property it was read for). */
export function readDefinitionText(file: string, problems: ProblemSink, element?: string, property?: string): string | undefined {
  let fd: number;
  try {
    fd = openSync(file, constants.O_RDONLY | O_NONBLOCK);
  } catch (err) {
    addProblem(problems, file, `cannot be read (${errnoOf(err)})`, element, property);
    return undefined;
  }
  try {
    const stats = fstatSync(fd);
    if (!stats.isFile()) {
      addProblem(problems, file, `not a regular file (${fileKind(stats)}); definitions are read only from regular files`, element, property);
      return undefined;
    }
    const tooBig = (): undefined => {
      addProblem(problems, file, `larger than ${MAX_DEFINITION_FILE_BYTES / MIB} MiB, the most a definition file may hold`, element, property);
      return undefined;
    };
    if (stats.size > MAX_DEFINITION_FILE_BYTES) return tooBig();
    // Read to at most the cap + 1 bytes: a file may hold more than the size it reports.
    let buffer = Buffer.allocUnsafe(Math.min(MAX_DEFINITION_FILE_BYTES + 1, Math.max(stats.size + 1, 64 * 1024)));
    let length = 0;
    for (;;) {
      if (length === buffer.length) {
        if (length > MAX_DEFINITION_FILE_BYTES) return tooBig();
        const grown = Buffer.allocUnsafe(Math.min(MAX_DEFINITION_FILE_BYTES + 1, length * 2));
        buffer.copy(grown, 0, 0, length);
        buffer = grown;
      }
      const n = readSync(fd, buffer, length, buffer.length - length, null);
      if (n === 0) break;
      length += n;
    }
    return buffer.toString('utf8', 0, length);
  } catch (err) {
    addProblem(problems, file, `cannot be read (${errnoOf(err)})`, element, property);
    return undefined;
  } finally {
    closeSync(fd);
  }
}

/** True when parsed JSON has objects or arrays nested deeper than `max`; iterative, so it cannot overflow the stack itself. */
export function nestedDeeperThan(value: unknown, max: number): boolean {
  const values: unknown[] = [value];
  const depths: number[] = [1];
  while (values.length > 0) {
    const current = values.pop();
    const depth = depths.pop() ?? 1;
    if (current === null || typeof current !== 'object') continue;
    if (depth > max) return true;
    const children: unknown[] = Array.isArray(current) ? (current as unknown[]) : Object.values(current as Record<string, unknown>);
    for (const child of children) {
      if (child !== null && typeof child === 'object') {
        values.push(child);
        depths.push(depth + 1);
      }
    }
  }
  return false;
}

export type JsonParse = { readonly ok: true; readonly value: unknown } | { readonly ok: false; readonly message: string };

/** JSON text parsed within the depth limit, or why not. Used for files and for escaped property sets alike. */
export function parseJsonText(text: string): JsonParse {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (err) {
    const deep = err instanceof RangeError;
    return { ok: false, message: deep ? `JSON nested deeper than ${MAX_DEFINITION_DEPTH} levels` : `not valid JSON: ${(err as Error).message}` };
  }
  if (nestedDeeperThan(value, MAX_DEFINITION_DEPTH)) return { ok: false, message: `JSON nested deeper than ${MAX_DEFINITION_DEPTH} levels` };
  return { ok: true, value };
}

/** A file read and parsed as JSON, or undefined with a problem naming it. */
export function readJsonDefinition(file: string, problems: ProblemSink, element?: string, property?: string): unknown {
  const text = readDefinitionText(file, problems, element, property);
  if (text === undefined) return undefined;
  const parsed = parseJsonText(text);
  if (!parsed.ok) {
    addProblem(problems, file, parsed.message, element, property);
    return undefined;
  }
  return parsed.value;
}
