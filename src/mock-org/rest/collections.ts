import { OrgError } from '../../core/org';
import { omitKeys } from '../../core/omit-keys';
import { isPlainObject } from '../../core/plain-object';
import { keyPrefixOf, normalizeId } from '../../salesforce/ids';
import type { MockOrg } from '../mock-org';
import { recordBody, type RestAnswer } from './sobject-writes';

/**
 * sObject Collections (`/composite/sobjects`): up to 200 records created (POST), updated (PATCH)
 * or deleted (DELETE `?ids=`) in one request, answered as SaveResults in the order given. With
 * allOrNone every record is written or none is; without it each stands alone.
 */

/** Salesforce's cap on records per collection request. */
export const MAX_COLLECTION_RECORDS = 200;

export interface SaveError {
  statusCode: string;
  message: string;
  fields: string[];
}

export interface SaveResult {
  id?: string;
  success: boolean;
  errors: SaveError[];
}

/** One record's write, to run on the org (or the transaction) it is handed. */
interface PlannedWrite {
  /** Known before the write (update, delete): kept on a failed result. */
  readonly id?: string;
  /** Why it cannot even be tried (no type, no Id): its result without touching the org. */
  readonly refusal?: OrgError;
  run(org: MockOrg): string;
}

const ROLLED_BACK: SaveError = {
  statusCode: 'ALL_OR_NONE_OPERATION_ROLLED_BACK',
  message: 'Record rolled back because not all records were valid and the request was using AllOrNone header',
  fields: [],
};

function saveErrorOf(err: unknown): SaveError {
  if (err instanceof OrgError) return { statusCode: err.errorCode, message: err.message, fields: err.fields ? [...err.fields] : [] };
  return { statusCode: 'UNKNOWN_EXCEPTION', message: 'An unexpected error occurred. Please include this ErrorId if you contact support.', fields: [] };
}

const failed = (planned: PlannedWrite, error: SaveError): SaveResult => ({ ...(planned.id ? { id: planned.id } : {}), success: false, errors: [error] });

/** A request the collection refuses as a whole: 400 in the REST error shape. */
const badRequest = (errorCode: string, message: string): OrgError => new OrgError(errorCode, message, 400);

const tooMany = (): OrgError =>
  badRequest('EXCEEDED_ID_LIMIT', `record limit reached. cannot submit more than ${MAX_COLLECTION_RECORDS} records into this call`);

function typeOf(record: Readonly<Record<string, unknown>>): string | undefined {
  const attributes = record.attributes;
  return isPlainObject(attributes) && typeof attributes.type === 'string' && attributes.type !== '' ? attributes.type : undefined;
}

const noType = (): OrgError => new OrgError('INVALID_TYPE', 'Must specify a type in the attributes map of each record', 400);

/** The records of a POST or PATCH body, checked as a whole first (shape, count). */
function recordsOf(body: unknown): { allOrNone: boolean; records: Readonly<Record<string, unknown>>[] } {
  const envelope = recordBody(body);
  const records = envelope.records;
  if (!Array.isArray(records)) throw badRequest('JSON_PARSER_ERROR', 'The request body needs a records array.');
  if (records.length > MAX_COLLECTION_RECORDS) throw tooMany();
  if (!records.every(isPlainObject)) throw badRequest('JSON_PARSER_ERROR', 'Can not deserialize SObject out of a value that is not an object in records.');
  if (envelope.allOrNone !== undefined && typeof envelope.allOrNone !== 'boolean') throw badRequest('JSON_PARSER_ERROR', 'allOrNone must be true or false.');
  return { allOrNone: envelope.allOrNone === true, records };
}

function plannedCreate(record: Readonly<Record<string, unknown>>): PlannedWrite {
  const type = typeOf(record);
  if (!type) return { refusal: noType(), run: () => '' };
  const fields = omitKeys(record, ['attributes']);
  return { run: (org) => org.createSync(type, fields) };
}

function plannedUpdate(record: Readonly<Record<string, unknown>>): PlannedWrite {
  const rawId = typeof record.id === 'string' ? record.id : typeof record.Id === 'string' ? record.Id : undefined;
  const id = rawId === undefined ? undefined : (normalizeId(rawId) ?? rawId);
  if (id === undefined) return { refusal: new OrgError('MISSING_ARGUMENT', 'Id not specified in an update call', 400), run: () => '' };
  const type = typeOf(record);
  if (!type) return { id, refusal: noType(), run: () => '' };
  const fields = omitKeys(record, ['attributes', 'id', 'Id']);
  return {
    id,
    run: (org) => {
      org.updateSync(type, id, fields);
      return id;
    },
  };
}

function plannedDelete(rawId: string, typeByPrefix: ReadonlyMap<string, string>): PlannedWrite {
  const id = normalizeId(rawId);
  if (!id) return { id: rawId, refusal: new OrgError('MALFORMED_ID', `malformed id ${rawId}`, 400), run: () => '' };
  const type = typeByPrefix.get(keyPrefixOf(id));
  if (!type) return { id, refusal: new OrgError('INVALID_CROSS_REFERENCE_KEY', 'invalid cross reference id', 400), run: () => '' };
  return {
    id,
    run: (org) => {
      org.deleteSync(type, id);
      return id;
    },
  };
}

/** Runs each write on `org`, keeping its result; a failure does not stop the others. */
function runEach(org: MockOrg, planned: readonly PlannedWrite[]): { results: SaveResult[]; anyFailed: boolean } {
  let anyFailed = false;
  const results = planned.map((write): SaveResult => {
    if (write.refusal) {
      anyFailed = true;
      return failed(write, saveErrorOf(write.refusal));
    }
    try {
      return { id: write.run(org), success: true, errors: [] };
    } catch (err) {
      anyFailed = true;
      return failed(write, saveErrorOf(err));
    }
  });
  return { results, anyFailed };
}

/** Thrown inside a transaction to roll it back, carrying the results to answer. */
class RolledBack extends Error {
  constructor(readonly results: SaveResult[]) {
    super('rolled back');
  }
}

export interface CollectionRun {
  readonly results: SaveResult[];
  readonly anyFailed: boolean;
}

/**
 * Runs the writes. allOrNone: in one transaction (or, `inTransaction`, in the caller's, which rolls
 * back itself); when any fails, the ones that did not fail report ALL_OR_NONE_OPERATION_ROLLED_BACK.
 */
function runWrites(org: MockOrg, planned: readonly PlannedWrite[], allOrNone: boolean, inTransaction: boolean): CollectionRun {
  if (!allOrNone) return runEach(org, planned);
  const rollback = (run: CollectionRun): SaveResult[] => run.results.map((result, i) => (result.success ? failed(planned[i]!, ROLLED_BACK) : result));
  if (inTransaction) {
    const run = runEach(org, planned);
    return run.anyFailed ? { results: rollback(run), anyFailed: true } : run;
  }
  try {
    return org.transaction((tx) => {
      const run = runEach(tx, planned);
      if (run.anyFailed) throw new RolledBack(rollback(run));
      return run;
    });
  } catch (err) {
    if (err instanceof RolledBack) return { results: err.results, anyFailed: true };
    throw err;
  }
}

function typesByPrefix(org: MockOrg): Map<string, string> {
  const map = new Map<string, string>();
  for (const object of org.describeGlobal().sobjects) if (object.keyPrefix) map.set(object.keyPrefix, object.name);
  return map;
}

/** `?ids=a,b&allOrNone=true` of a DELETE. */
function deleteQuery(query: unknown): { ids: string[]; allOrNone: boolean } {
  const q = isPlainObject(query) ? query : {};
  const raw = typeof q.ids === 'string' ? q.ids : Array.isArray(q.ids) ? q.ids.filter((v): v is string => typeof v === 'string').join(',') : '';
  const ids = raw
    .split(',')
    .map((id) => id.trim())
    .filter((id) => id !== '');
  if (ids.length === 0) throw badRequest('MISSING_ARGUMENT', 'The ids parameter is required: a comma-separated list of record Ids.');
  if (ids.length > MAX_COLLECTION_RECORDS) throw tooMany();
  return { ids, allOrNone: q.allOrNone === 'true' };
}

export type CollectionMethod = 'POST' | 'PATCH' | 'DELETE';

/**
 * One collection request as an answer: 200 with the SaveResults, or the whole request refused
 * (thrown OrgError). `forceAllOrNone` is a composite's allOrNone, which overrides the request's own.
 */
export function runCollection(
  org: MockOrg,
  method: CollectionMethod,
  request: { body?: unknown; query?: unknown },
  options: { forceAllOrNone?: boolean; inTransaction?: boolean } = {},
): CollectionRun {
  let planned: PlannedWrite[];
  let allOrNone: boolean;
  if (method === 'DELETE') {
    const { ids, allOrNone: own } = deleteQuery(request.query);
    const types = typesByPrefix(org);
    planned = ids.map((id) => plannedDelete(id, types));
    allOrNone = own;
  } else {
    const { records, allOrNone: own } = recordsOf(request.body);
    planned = records.map(method === 'POST' ? plannedCreate : plannedUpdate);
    allOrNone = own;
  }
  return runWrites(org, planned, options.forceAllOrNone === true || allOrNone, options.inTransaction === true);
}

export function collectionAnswer(run: CollectionRun): RestAnswer {
  return { status: 200, body: run.results };
}
