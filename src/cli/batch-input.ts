import { createReadStream, ReadStream } from 'node:fs';
import { open, stat } from 'node:fs/promises';
import { extname } from 'node:path';
import { createInterface } from 'node:readline';
import { IpemuError } from '../core/errors';
import { usageError } from './usage';
import { isPlainObject } from '../core/plain-object';

/** One line of a batch: an input map, or the reason it is not one. */
export type BatchItem = { input: Record<string, unknown> } | { malformed: string };

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
    return { malformed: `Line ${line}: not valid JSON (${(err as Error).message}).` };
  }
  if (!isPlainObject(value)) return { malformed: `Line ${line}: an input must be a JSON object.` };
  return { input: value };
}

async function* jsonlItems(stream: ReadStream, blank: { count: number }): AsyncGenerator<BatchItem> {
  const lines = createInterface({ input: stream, crlfDelay: Infinity });
  let line = 0;
  for await (const text of lines) {
    line += 1;
    if (text.trim() === '') {
      blank.count += 1;
      continue;
    }
    yield parseJsonLine(text, line);
  }
}

/** A CSV record as an input map: header = keys, an empty cell is "not passed". */
export function csvRecordToInput(record: Record<string, string>): Record<string, unknown> {
  const input: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(record)) if (value !== '') input[key] = value;
  return input;
}

/** A record csv-parse could not read (a class, so no CSV header can be mistaken for it). */
class CsvSkip {
  constructor(readonly message: string) {}
}

async function endsWithNewline(path: string, size: number): Promise<boolean> {
  if (size === 0) return false;
  const file = await open(path, 'r');
  try {
    const { buffer } = await file.read(Buffer.alloc(1), 0, 1, size - 1);
    return buffer[0] === 0x0a;
  } finally {
    await file.close();
  }
}

async function* csvItems(stream: ReadStream, blank: { count: number }, path: string, size: number): AsyncGenerator<BatchItem> {
  const { parse } = await import('csv-parse');
  const parser = parse({ columns: true, bom: true, skip_empty_lines: true, skip_records_with_error: true });
  // csv-parse emits 'skip' for a bad record synchronously while it parses; pushing a marker
  // there keeps it in input order with the good records around it.
  parser.on('skip', (err: Error | undefined) => {
    parser.push(new CsvSkip(err ? err.message : 'malformed record'));
  });
  stream.on('error', (err) => parser.destroy(err));
  stream.pipe(parser);
  for await (const record of parser as AsyncIterable<Record<string, string> | CsvSkip>) {
    if (record instanceof CsvSkip) yield { malformed: `CSV: ${record.message}` };
    else yield { input: csvRecordToInput(record) };
  }
  // csv-parse counts the newline that ends the last record as an empty line; readers do not.
  blank.count += Math.max(0, parser.info.empty_lines - ((await endsWithNewline(path, size)) ? 1 : 0));
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
  const blank = { count: 0 };
  return {
    items: format === 'jsonl' ? jsonlItems(stream, blank) : csvItems(stream, blank, path, size),
    bytesRead: () => stream.bytesRead,
    totalBytes: size,
    blankLines: () => blank.count,
  };
}
