import { IpemuError } from '../core/errors';
import { isOrgError } from '../core/org';
import type { RecordingSource } from '../core/recording-source';
import type { FixtureRecord } from '../mock-org/fixtures/types';
import type { Anonymizer } from './anonymize';
import { recordFromCsvRow } from './csv-values';
import type { RecordedFields } from './record-fields';
import type { FinishedObject, Via } from './record-manifest';
import type { RecordProgress } from './record-progress';
import { RecordFileWriter } from './record-writer';

/** One object of a recording: count, then its records through REST or Bulk API 2.0 into its file. */
export interface ObjectRun {
  readonly source: RecordingSource;
  readonly out: string;
  readonly object: string;
  readonly fields: RecordedFields;
  readonly where?: string;
  readonly limit?: number;
  readonly bulkThreshold: number;
  readonly bulkPageSize?: number;
  readonly anonymizer?: Anonymizer;
  readonly progress: RecordProgress;
  readonly signal?: AbortSignal;
  readonly now: () => number;
}

/** What the org says of a condition it cannot run: the user's --where, not the org, is at fault. */
const CONDITION_CODES = new Set(['MALFORMED_QUERY', 'INVALID_FIELD', 'INVALID_QUERY_FILTER_OPERATOR', 'INVALID_TYPE']);

function whereOf(run: ObjectRun): string {
  return run.where === undefined ? '' : ` WHERE (${run.where})`;
}

async function countOf(run: ObjectRun): Promise<number> {
  const soql = `SELECT COUNT() FROM ${run.object}${whereOf(run)}`;
  let total: number;
  try {
    total = await run.source.count(soql, { signal: run.signal });
  } catch (err) {
    if (run.where !== undefined && isOrgError(err) && CONDITION_CODES.has(err.errorCode)) {
      throw new IpemuError('INVALID_INPUT', `--where ${run.object}: the org refused the condition (${err.errorCode}: ${err.message.slice(0, 300)}).`, {
        errorCode: err.errorCode,
      });
    }
    throw err;
  }
  return run.limit === undefined ? total : Math.min(total, run.limit);
}

function withoutAttributes(record: Record<string, unknown>): FixtureRecord {
  const copy: FixtureRecord = {};
  for (const key in record) if (key !== 'attributes') copy[key] = record[key];
  return copy;
}

function checkStop(signal: AbortSignal | undefined): void {
  if (signal?.aborted)
    throw signal.reason instanceof Error ? signal.reason : Object.assign(new Error('The recording was interrupted.'), { name: 'AbortError' });
}

/**
 * (ipemu) Bulk API 2.0 refusing a query job it cannot run (an object it does not support, a field
 * it cannot export) before any row came: the object is read through REST instead, and the summary
 * says why. Failures of the org itself (limits, session, network) end the recording as they are.
 */
const NOT_FALLBACK = new Set(['REQUEST_LIMIT_EXCEEDED', 'INVALID_SESSION_ID', 'UNREACHABLE', 'SERVER_ERROR', 'INVALID_RESPONSE', 'TIMEOUT']);

type Add = (record: FixtureRecord) => Promise<void>;

async function pullBulk(run: ObjectRun, soql: string, add: Add, written: () => number, total: number): Promise<void> {
  for await (const page of run.source.bulkQuery(soql, { signal: run.signal, pageSize: run.bulkPageSize })) {
    checkStop(run.signal);
    for (const row of page.rows) await add(recordFromCsvRow(page.header, row, run.fields.types));
    run.progress.rows?.(run.object, written(), total);
  }
}

async function pullRest(run: ObjectRun, soql: string, add: Add, written: () => number, total: number): Promise<void> {
  let page = await run.source.query(soql, { signal: run.signal });
  for (;;) {
    checkStop(run.signal);
    for (const record of page.records) await add(withoutAttributes(record));
    run.progress.rows?.(run.object, written(), total);
    if (page.nextRecordsUrl === undefined) return;
    page = await run.source.queryMore(page.nextRecordsUrl, { signal: run.signal });
  }
}

export async function recordObject(run: ObjectRun): Promise<FinishedObject> {
  const started = run.now();
  const total = await countOf(run);
  let via: Via = total > 0 && total >= run.bulkThreshold ? 'bulk' : 'rest';
  const soql = `SELECT ${run.fields.names.join(', ')} FROM ${run.object}${whereOf(run)}${run.limit === undefined ? '' : ` LIMIT ${run.limit}`}`;
  run.progress.started?.(run.object, total, via);
  const writer = await RecordFileWriter.create(run.out, run.object);
  const add: Add = async (record) => {
    await writer.add(run.anonymizer ? run.anonymizer.anonymizeRecord(run.object, run.fields.decls, record) : record);
  };
  const written = (): number => writer.rows;
  let bulkRefused: string | undefined;
  try {
    if (via === 'bulk') {
      try {
        await pullBulk(run, soql, add, written, total);
      } catch (err) {
        if (writer.rows > 0 || !isOrgError(err) || NOT_FALLBACK.has(err.errorCode) || run.signal?.aborted) throw err;
        bulkRefused = `${err.errorCode}: ${err.message.slice(0, 200)}`;
        via = 'rest';
        await pullRest(run, soql, add, written, total);
      }
    } else {
      await pullRest(run, soql, add, written, total);
    }
    checkStop(run.signal);
    await writer.finish();
  } catch (err) {
    await writer.discard();
    throw err;
  }
  const finished: FinishedObject = { rows: writer.rows, via, ms: run.now() - started };
  if (bulkRefused !== undefined) finished.bulkRefused = bulkRefused;
  run.progress.finished?.(run.object, finished.rows, via, finished.ms);
  return finished;
}
