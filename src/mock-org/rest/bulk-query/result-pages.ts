import { Readable } from 'node:stream';
import type { SObjectRecord } from '../../../core/org';
import { stringify } from 'csv-stringify/sync';
import { cellOf, type CsvColumn } from './csv-columns';
import { invalidLocator, invalidMaxRecords } from './bulk-errors';
import { isParentColumn, type JobSnapshot } from './job-snapshot';
import { COLUMN_DELIMITERS, LINE_ENDINGS, type ColumnDelimiter, type LineEnding } from './job-info';

/**
 * (ipemu) Records per results page when the request sets no maxRecords. Salesforce pages by size
 * ("the server uses a default value based on the service", query_get_job_results.htm); the mock
 * pages by count.
 */
export const DEFAULT_MAX_RECORDS = 50_000;

/** Records projected and written per chunk of a page's body: a page is never built whole. */
const CHUNK_ROWS = 1000;

/**
 * A locator names the offset of its page's first record, base64 without padding, as Salesforce's
 * look (`MTAwMDA`, query_get_job_results.htm): stable for as long as the job exists, readable
 * any number of times. The string `null` says no page follows.
 */
export const locatorOf = (offset: number): string => Buffer.from(String(offset)).toString('base64').replace(/=+$/, '');

export interface PageRequest {
  readonly offset: number;
  readonly maxRecords: number;
}

/** The page a request's `locator` and `maxRecords` ask for; a locator this result never gave is refused. */
export function pageRequestOf(locator: unknown, maxRecords: unknown, length: number, defaultMax: number = DEFAULT_MAX_RECORDS): PageRequest {
  let offset = 0;
  if (locator !== undefined && locator !== '') {
    const text = String(locator);
    const decoded = Buffer.from(text, 'base64').toString('latin1');
    offset = /^[1-9]\d{0,9}$/.test(decoded) ? Number(decoded) : -1;
    if (offset <= 0 || offset >= length || locatorOf(offset) !== text) throw invalidLocator(text);
  }
  let max = defaultMax;
  if (maxRecords !== undefined && maxRecords !== '') {
    const text = String(maxRecords);
    if (!/^[1-9]\d{0,9}$/.test(text)) throw invalidMaxRecords(text);
    max = Number(text);
  }
  return { offset, maxRecords: max };
}

export interface CsvFormat {
  readonly columnDelimiter: ColumnDelimiter;
  readonly lineEnding: LineEnding;
}

export interface ResultPage {
  /** `Sforce-Locator`: the next page's locator, or `null`. */
  readonly nextLocator: string;
  /** `Sforce-NumberOfRecords`. */
  readonly numberOfRecords: number;
  /** The CSV: the header row, then the page's records, written a chunk at a time as the client reads. */
  readonly body: Readable;
}

/**
 * One page of a job's results as Salesforce writes it: every page starts with the header row,
 * every cell is quoted with `"` (a `"` inside doubled), in the job's delimiter and line ending.
 * (ipemu) An empty cell (null) is written `""`, as other cells are quoted.
 */
export function resultPage(snapshot: JobSnapshot, columns: readonly CsvColumn[], format: CsvFormat, page: PageRequest): ResultPage {
  const { rows: result, parentCells } = snapshot;
  const end = Math.min(result.length, page.offset + page.maxRecords);
  // Each column's cell: from the record, or (a parent column) from the cells the snapshot took.
  let parent = 0;
  const readers = columns.map((column) => {
    if (!parentCells || !isParentColumn(column)) return (record: SObjectRecord) => cellOf(record, column);
    const at = parent++;
    return (_record: SObjectRecord, row: number) => parentCells[row]![at]!;
  });
  const options = {
    quoted: true,
    quoted_empty: true,
    delimiter: COLUMN_DELIMITERS[format.columnDelimiter],
    record_delimiter: LINE_ENDINGS[format.lineEnding],
  };
  function* chunks(): Generator<string> {
    yield stringify([columns.map((column) => column.header)], options);
    for (let start = page.offset; start < end; start += CHUNK_ROWS) {
      const records = result.records(start, Math.min(end, start + CHUNK_ROWS));
      yield stringify(
        records.map((record, i) => readers.map((read) => read(record, start + i))),
        options,
      );
    }
  }
  return {
    nextLocator: end < result.length ? locatorOf(end) : 'null',
    numberOfRecords: Math.max(0, end - page.offset),
    body: Readable.from(chunks(), { objectMode: false }),
  };
}
