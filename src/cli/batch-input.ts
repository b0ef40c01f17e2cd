import { createReadStream } from 'node:fs';
import { stat } from 'node:fs/promises';
import { extname } from 'node:path';
import { IpemuError } from '../core/errors';
import { isPlainObject } from '../core/plain-object';
import { csvRecords } from './csv-records';
import { overLongProblem, physicalLines, PhysicalLine } from './line-reader';
import { usageError } from './usage';

/** One input record of a batch, at its (first) physical line: an input map, or why it is not one. */
export type BatchItem = { line: number; input: Record<string, unknown> } | { line: number; malformed: string };

export interface BatchSource {
  items: AsyncIterable<BatchItem>;
  /** Bytes read so far and the file's size, for the progress bar. */
  bytesRead(): number;
  readonly totalBytes: number;
  /** Blank lines skipped so far. */
  blankLines(): number;
}

export type BatchFormat = 'jsonl' | 'csv';

export function formatOf(path: string): BatchFormat {
  const ext = extname(path).toLowerCase();
  if (ext === '.jsonl' || ext === '.ndjson') return 'jsonl';
  if (ext === '.csv') return 'csv';
  throw usageError(`--input-file ${path}: expected a .jsonl (or .ndjson) or .csv file.`);
}

export function parseJsonLine(text: string, line: number): BatchItem {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (err) {
    return { line, malformed: `Line ${line}: not valid JSON (${(err as Error).message}).` };
  }
  if (!isPlainObject(value)) return { line, malformed: `Line ${line}: an input must be a JSON object.` };
  return { line, input: value };
}

async function* jsonlItems(lines: AsyncIterable<PhysicalLine>, blank: { count: number }): AsyncGenerator<BatchItem> {
  for await (const physical of lines) {
    if ('overLong' in physical) yield { line: physical.line, malformed: overLongProblem(physical.line) };
    else if (physical.text.trim() === '') blank.count += 1;
    else yield parseJsonLine(physical.text, physical.line);
  }
}

/** A CSV record as an input map: header = keys, an empty cell is "not passed". */
export function csvRecordToInput(header: readonly string[], cells: readonly string[]): Record<string, unknown> {
  // fromEntries defines own properties, so a `__proto__` column is data, not a prototype.
  const entries: [string, string][] = [];
  header.forEach((key, i) => {
    const value = cells[i] ?? '';
    if (value !== '') entries.push([key, value]);
  });
  return Object.fromEntries(entries);
}

type ParseCsv = (text: string) => string[][];

/** The cells of one record the splitter already found well-quoted; csv-parse does the unquoting. */
function cellsOf(parse: ParseCsv, text: string): string[] | string {
  try {
    const rows = parse(text);
    return rows.length === 1 ? (rows[0] as string[]) : `${rows.length} records`;
  } catch (err) {
    return (err as Error).message;
  }
}

async function* csvItems(lines: AsyncIterable<PhysicalLine>, blank: { count: number }): AsyncGenerator<BatchItem> {
  const { parse } = await import('csv-parse/sync');
  const parseCsv: ParseCsv = (text) => parse(text, { relax_column_count: true }) as string[][];
  let header: string[] | undefined;
  for await (const record of csvRecords(lines)) {
    if ('blank' in record) {
      blank.count += 1;
      continue;
    }
    const cells = 'problem' in record ? record.problem : cellsOf(parseCsv, record.text);
    if (header === undefined) {
      // Without its header no record can be read: a usage error before any output line.
      if (typeof cells === 'string') throw usageError(`--input-file: the CSV header (line ${record.line}) cannot be read: ${cells}`);
      header = cells;
    } else if ('problem' in record) yield { line: record.line, malformed: record.problem };
    else if (typeof cells === 'string') yield { line: record.line, malformed: `Line ${record.line}: not a valid CSV record (${cells}).` };
    else if (cells.length !== header.length) {
      const count = `${cells.length} cell${cells.length === 1 ? '' : 's'}`;
      yield { line: record.line, malformed: `Line ${record.line}: ${count} where the header has ${header.length}.` };
    } else yield { line: record.line, input: csvRecordToInput(header, cells) };
  }
}

export async function openBatchSource(path: string): Promise<BatchSource> {
  const format = formatOf(path);
  let size: number;
  try {
    const info = await stat(path);
    if (!info.isFile()) throw usageError(`Cannot read --input-file ${path}: not a file.`);
    size = info.size;
  } catch (err) {
    if (err instanceof IpemuError) throw err;
    const code = (err as NodeJS.ErrnoException).code;
    throw usageError(`Cannot read --input-file ${path}: ${code === 'ENOENT' ? 'no such file' : (code ?? 'unreadable')}.`);
  }
  const stream = createReadStream(path);
  const lines = physicalLines(stream);
  const blank = { count: 0 };
  return {
    items: format === 'jsonl' ? jsonlItems(lines, blank) : csvItems(lines, blank),
    bytesRead: () => stream.bytesRead,
    totalBytes: size,
    blankLines: () => blank.count,
  };
}
