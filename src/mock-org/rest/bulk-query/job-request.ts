import { isPlainObject } from '../../../core/plain-object';
import { invalidJob, notOneOf } from './bulk-errors';
import { COLUMN_DELIMITERS, LINE_ENDINGS, OPERATIONS, type ColumnDelimiter, type LineEnding, type Operation } from './job-info';

/** A create request read and checked: `POST /jobs/query` with `{ operation, query, contentType?, columnDelimiter?, lineEnding? }`. */
export interface JobRequest {
  readonly operation: Operation;
  readonly query: string;
  readonly columnDelimiter: ColumnDelimiter;
  readonly lineEnding: LineEnding;
}

function oneOf<T extends string>(body: Record<string, unknown>, key: string, typeName: string, allowed: readonly T[], fallback: T): T {
  const value = body[key];
  if (value === undefined || value === null) return fallback;
  if (typeof value === 'string' && (allowed as readonly string[]).includes(value)) return value as T;
  throw notOneOf(typeName, value, allowed);
}

/**
 * The job a body asks for. Defaults as the guide's create request documents them: contentType
 * CSV (the only one), columnDelimiter COMMA, lineEnding LF (query_create_job.htm). (ipemu)
 * Properties the resource does not know are ignored.
 */
export function readJobRequest(body: unknown): JobRequest {
  if (!isPlainObject(body)) throw invalidJob('The request body must be a JSON object describing the query job.');
  if (body.operation === undefined || body.operation === null) throw invalidJob('The operation is required: query or queryAll.');
  const operation = oneOf(body, 'operation', 'OperationEnum', OPERATIONS, 'query');
  const query = body.query;
  if (typeof query !== 'string' || query.trim() === '') throw invalidJob('The query is required: a SOQL query string.');
  oneOf(body, 'contentType', 'ContentTypeEnum', ['CSV'], 'CSV');
  const columnDelimiter = oneOf(body, 'columnDelimiter', 'ColumnDelimiterEnum', Object.keys(COLUMN_DELIMITERS) as ColumnDelimiter[], 'COMMA');
  const lineEnding = oneOf(body, 'lineEnding', 'LineEndingEnum', Object.keys(LINE_ENDINGS) as LineEnding[], 'LF');
  return { operation, query, columnDelimiter, lineEnding };
}
