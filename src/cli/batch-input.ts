import { createReadStream } from 'node:fs';
import { stat } from 'node:fs/promises';
import { extname } from 'node:path';
import { IpemuError } from '../core/errors';
import { isPlainObject } from '../core/plain-object';
import { CsvRecord, csvRecords } from './csv-records';
import { MAX_LINE_BYTES, overLongProblem, physicalLines, PhysicalLine } from './line-reader';
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
/** A record's cells, or why it has none. */
type Cells = string[] | string;
type CsvLine = Exclude<CsvRecord, { blank: true }>;

/** The cells of one record, when a group did not parse as one row a record. */
function cellsOf(parse: ParseCsv, text: string): Cells {
  try {
    const rows = parse(text);
    return rows.length === 1 ? (rows[0] as string[]) : `${rows.length} records`;
  } catch (err) {
    return (err as Error).message;
  }
}

/** csv-parse unquotes records in groups: a call a record costs ~0.3 ms, ten times the rest of a line's work. */
const GROUP_RECORDS = 256;

/** The splitter passed each text as one well-quoted record, so a group parses to one row each. */
function unquoteGroup(parse: ParseCsv, texts: string[]): Cells[] {
  if (texts.length === 0) return [];
  try {
    const rows = parse(texts.join('\n'));
    if (rows.length === texts.length) return rows;
  } catch {
    // csv-parse disagrees on some record: find which, one by one.
  }
  return texts.map((text) => cellsOf(parse, text));
}

/** A record without a quote has nothing to unquote (RFC 4180: its cells are what lies between commas). */
function unquote(parse: ParseCsv, texts: string[]): Cells[] {
  const quoted = unquoteGroup(
    parse,
    texts.filter((text) => text.includes('"')),
  );
  let next = 0;
  return texts.map((text) => (text.includes('"') ? (quoted[next++] as Cells) : text.split(',')));
}

async function* groups(records: AsyncIterable<CsvRecord>, blank: { count: number }): AsyncGenerator<CsvLine[]> {
  let group: CsvLine[] = [];
  let bytes = 0;
  for await (const record of records) {
    if ('blank' in record) {
      blank.count += 1;
      continue;
    }
    group.push(record);
    if ('text' in record) bytes += record.text.length;
    if (group.length >= GROUP_RECORDS || bytes >= MAX_LINE_BYTES) {
      yield group;
      group = [];
      bytes = 0;
    }
  }
  if (group.length > 0) yield group;
}

function csvItem(record: CsvLine, cells: Cells, header: readonly string[]): BatchItem {
  if ('problem' in record) return { line: record.line, malformed: record.problem };
  if (typeof cells === 'string') return { line: record.line, malformed: `Line ${record.line}: not a valid CSV record (${cells}).` };
  if (cells.length !== header.length) {
    const count = `${cells.length} cell${cells.length === 1 ? '' : 's'}`;
    return { line: record.line, malformed: `Line ${record.line}: ${count} where the header has ${header.length}.` };
  }
  return { line: record.line, input: csvRecordToInput(header, cells) };
}

async function* csvItems(lines: AsyncIterable<PhysicalLine>, blank: { count: number }): AsyncGenerator<BatchItem> {
  const { parse } = await import('csv-parse/sync');
  // Records end at \n (the splitter joined them so); a lone \r inside an unquoted cell is data.
  const parseCsv: ParseCsv = (text) => parse(text, { relax_column_count: true, record_delimiter: '\n' }) as string[][];
  let header: string[] | undefined;
  for await (const group of groups(csvRecords(lines), blank)) {
    const parsed = unquote(
      parseCsv,
      group.flatMap((record) => ('text' in record ? [record.text] : [])),
    );
    let next = 0;
    for (const record of group) {
      const cells = 'problem' in record ? record.problem : (parsed[next++] as Cells);
      if (header !== undefined) {
        yield csvItem(record, cells, header);
        continue;
      }
      // Without its header no record can be read: a usage error before any output line.
      if (typeof cells === 'string') throw usageError(`--input-file: the CSV header (line ${record.line}) cannot be read: ${cells}`);
      header = cells;
    }
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
