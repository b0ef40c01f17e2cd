import { IpemuError } from '../../core/errors';
import { isPlainObject } from '../../core/plain-object';
import type { ChangeStep, StoreChange } from '../writes/changes';
import type { RowValues } from '../store/values';

/*
 * The state file is a journal of JSON lines: a header, then one line per committed transaction
 * (`{"changes":[…]}`, each a StoreChange with timeline steps at absolute epoch ms). One line is one
 * write, so a transaction is in the file whole or, torn by a kill, recognisably not at all.
 */

export const STATE_FORMAT = 'mock-org-state';
export const STATE_VERSION = 1;

const NEWLINE = 0x0a;

export function headerLine(now: number): string {
  return `${JSON.stringify({ ipemu: STATE_FORMAT, version: STATE_VERSION, createdAt: new Date(now).toISOString() })}\n`;
}

export function transactionLine(changes: readonly StoreChange[]): string {
  return `${JSON.stringify({ changes })}\n`;
}

export interface JournalTransaction {
  /** 1-based line number in the file. */
  readonly line: number;
  readonly changes: readonly StoreChange[];
}

export interface ParsedJournal {
  /** False for an empty file, or one whose header line was torn while it was being created. */
  readonly hasHeader: boolean;
  readonly transactions: JournalTransaction[];
  /** Bytes of whole lines; past them is the torn write, if any. */
  readonly validBytes: number;
  /** Bytes of the torn last line (0 when none). */
  readonly tornBytes: number;
}

function corrupt(file: string, line: number, reason: string): IpemuError {
  return new IpemuError(
    'INVALID_INPUT',
    `The state file ${file} is damaged at line ${line}: ${reason}. ipemu never skips a line of it; restore the file from a copy, or move it away to start from the fixtures.`,
    { file, line },
  );
}

function parseJson(text: string): { ok: true; value: unknown } | { ok: false } {
  try {
    return { ok: true, value: JSON.parse(text) as unknown };
  } catch {
    return { ok: false };
  }
}

/** The header's first characters: a file holding only a prefix of them is a header torn at creation. */
const HEADER_START = `{"ipemu":"${STATE_FORMAT}"`;

/**
 * Reads a journal: every line must be a whole transaction, except the last, which may be the
 * write a kill tore (no newline, or not JSON): it is reported in `tornBytes`, for the caller to
 * drop. Any other bad line throws INVALID_INPUT naming the file and line.
 */
export function parseJournal(bytes: Buffer, file: string): ParsedJournal {
  const lines: { start: number; end: number; terminated: boolean }[] = [];
  for (let start = 0; start < bytes.length;) {
    const nl = bytes.indexOf(NEWLINE, start);
    const end = nl === -1 ? bytes.length : nl;
    lines.push({ start, end, terminated: nl !== -1 });
    start = end + 1;
  }
  const transactions: JournalTransaction[] = [];
  let validBytes = 0;
  for (let i = 0; i < lines.length; i++) {
    const { start, end, terminated } = lines[i]!;
    const number = i + 1;
    const text = bytes.toString('utf8', start, end);
    const last = i === lines.length - 1;
    const parsed = terminated ? parseJson(text) : { ok: false as const };
    if (!parsed.ok) {
      if (!last) throw corrupt(file, number, 'not a JSON line');
      if (i === 0 && !HEADER_START.startsWith(text.slice(0, HEADER_START.length))) {
        throw notAStateFile(file);
      }
      return { hasHeader: i > 0, transactions, validBytes, tornBytes: bytes.length - validBytes };
    }
    if (i === 0) checkHeader(parsed.value, file);
    else transactions.push({ line: number, changes: parseChanges(parsed.value, file, number) });
    validBytes = end + 1;
  }
  return { hasHeader: lines.length > 0, transactions, validBytes, tornBytes: 0 };
}

function notAStateFile(file: string): IpemuError {
  return new IpemuError(
    'INVALID_INPUT',
    `${file} is not an ipemu mock-org state file (its first line is not {"ipemu":"${STATE_FORMAT}",…}); ipemu leaves it alone.`,
    {
      file,
    },
  );
}

function checkHeader(value: unknown, file: string): void {
  if (!isPlainObject(value) || value.ipemu !== STATE_FORMAT) throw notAStateFile(file);
  if (value.version !== STATE_VERSION) {
    throw new IpemuError('INVALID_INPUT', `The state file ${file} has version ${JSON.stringify(value.version)}; this ipemu reads version ${STATE_VERSION}.`, {
      file,
    });
  }
}

function isStoredValue(value: unknown): boolean {
  return value === null || typeof value === 'string' || typeof value === 'boolean' || (typeof value === 'number' && Number.isFinite(value));
}

function parseValues(value: unknown, where: string, fail: (reason: string) => never): RowValues {
  if (!isPlainObject(value)) fail(`${where} is not an object of field values`);
  for (const [field, v] of Object.entries(value)) if (!isStoredValue(v)) fail(`${where}.${field} is not a stored value`);
  return value as RowValues;
}

function parseTimeline(value: unknown, where: string, fail: (reason: string) => never): ChangeStep[] | undefined {
  if (value === undefined) return undefined;
  if (!Array.isArray(value)) fail(`${where} is not a list of steps`);
  return value.map((step: unknown, i) => {
    if (!isPlainObject(step) || typeof step.at !== 'number' || !Number.isFinite(step.at)) fail(`${where}[${i}] is not a step { at, values }`);
    return { at: step.at, values: parseValues(step.values, `${where}[${i}].values`, fail) };
  });
}

function parseChange(value: unknown, where: string, fail: (reason: string) => never): StoreChange {
  if (!isPlainObject(value) || typeof value.id !== 'string' || value.id === '') fail(`${where} is not a change with an id`);
  const id = value.id;
  switch (value.op) {
    case 'insert': {
      if (typeof value.object !== 'string' || value.object === '') fail(`${where} (insert) names no object`);
      const timeline = parseTimeline(value.timeline, `${where}.timeline`, fail);
      return { op: 'insert', object: value.object, id, values: parseValues(value.values, `${where}.values`, fail), ...(timeline ? { timeline } : {}) };
    }
    case 'update': {
      const timeline = parseTimeline(value.timeline, `${where}.timeline`, fail);
      return { op: 'update', id, values: parseValues(value.values, `${where}.values`, fail), ...(timeline ? { timeline } : {}) };
    }
    case 'delete':
      return { op: 'delete', id };
    default:
      return fail(`${where} has op ${JSON.stringify(value.op)} (insert, update or delete)`);
  }
}

function parseChanges(value: unknown, file: string, line: number): StoreChange[] {
  const fail = (reason: string): never => {
    throw corrupt(file, line, reason);
  };
  if (!isPlainObject(value) || !Array.isArray(value.changes)) fail('not a transaction {"changes":[…]}');
  return (value as { changes: unknown[] }).changes.map((change, i) => parseChange(change, `changes[${i}]`, fail));
}
