/**
 * What a service may know about an org. Both the real org (jsforce) and the mock org implement
 * it, and return what Salesforce's REST API returns.
 */

export interface RecordAttributes {
  type: string;
  /** Absent on an AggregateResult, which is no stored record. */
  url?: string;
}

/** A record as the REST API returns it; parent relationships are nested records (or null). */
export interface SObjectRecord {
  attributes: RecordAttributes;
  [field: string]: unknown;
}

export interface QueryResult<R = SObjectRecord> {
  totalSize: number;
  done: boolean;
  nextRecordsUrl?: string;
  records: R[];
}

/** A value of an Apex-style bind variable (`:name`); dates render unquoted. */
export type BindScalar = string | number | boolean | null | Date;
export type BindValue = BindScalar | readonly BindScalar[];
export type Binds = Readonly<Record<string, BindValue>>;

export interface FieldDescribe {
  name: string;
  label: string;
  type: string;
  nillable: boolean;
  filterable: boolean;
  idLookup: boolean;
  referenceTo: string[];
  relationshipName: string | null;
  picklistValues: { value: string; label: string; active: boolean; defaultValue: boolean }[];
  length: number;
  [key: string]: unknown;
}

export interface DescribeResult {
  name: string;
  label: string;
  keyPrefix: string | null;
  queryable: boolean;
  retrieveable: boolean;
  fields: FieldDescribe[];
  [key: string]: unknown;
}

/**
 * A query's promise that it may be merged with concurrent queries of the same text: its whole
 * WHERE is `<field> IN :<bind>`, `<field>` is selected, and it has no ORDER BY, LIMIT, OFFSET or
 * aggregate. A layer above the org (orgs/coalescing) may then send one query with the union of the
 * values and hand each caller the records whose `<field>` matches its own. Orgs ignore it.
 */
export interface QueryMerge {
  /** The WHERE field, as written in the query (`Id`, `Parent.Field`). */
  readonly field: string;
  /** The bind variable holding the values, without its colon. */
  readonly bind: string;
}

/**
 * A query's promise that a row whose `field` holds one of `values` never changes again (an
 * AsyncApexJob that is Completed, Failed or Aborted). Only with `merge`: a layer above a remote
 * org (orgs/coalescing) may then keep such rows, matched to the bind's values by the merge field,
 * and ask the org only for the values it does not hold. Orgs ignore it.
 */
export interface FinalRows {
  /** The field whose value says the row is final (`Status`). */
  readonly field: string;
  readonly values: readonly string[];
}

export interface QueryOptions {
  /** Abandon the request when this aborts (timeouts). */
  readonly signal?: AbortSignal;
  /** Set by the caller that wrote the query, never inferred from its text. */
  readonly merge?: QueryMerge;
  /** Set by the caller that wrote the query: which of its rows never change (see FinalRows). */
  readonly final?: FinalRows;
}

/** One query of `Org.queryBatch`: a SOQL text and its binds, as `Org.query` takes them. */
export interface BatchQuery {
  readonly soql: string;
  readonly binds?: Binds;
}

export interface WriteOptions {
  /** Abandon the request when this aborts (timeouts). */
  readonly signal?: AbortSignal;
}

/** Field values to write, as the REST API takes them (`attributes` is ignored). */
export type RecordFields = Readonly<Record<string, unknown>>;

/**
 * The managed package's parameters and answer for `Org.callPackage`: the service's input with its
 * options filled in (DESIGN.md §6), and the output map's payload (`{ jobId }`).
 */
export type PackageParams = Readonly<Record<string, unknown>>;
export type PackageAnswer = Record<string, unknown>;

export interface Org {
  /** Identifies org and running user: describe caches are kept per cacheKey. */
  readonly cacheKey: string;
  /**
   * Every query is a request to a server (a real org, or the fake REST API through jsforce), so
   * the layer above may keep the rows a query declares final (QueryOptions.final). An in-memory
   * org leaves it unset: its lookup costs less than a cache's, and its clock may be a test's.
   */
  readonly remote?: boolean;
  query<R = SObjectRecord>(soql: string, binds?: Binds, options?: QueryOptions): Promise<QueryResult<R>>;
  /**
   * Several queries in one request where the org can: a real org sends them as one
   * `POST /composite` (Salesforce counts it as one API call; at most 5 queries a request, so more
   * become several requests). Answers one outcome per query, in order, never rejecting as a whole:
   * each is the records (every page) or the error `query` would have given for that query alone.
   * Optional: an org without it (the in-memory mock org, whose queries cost no request) is asked
   * query by query. `options.merge`/`final` are ignored.
   */
  queryBatch?<R = SObjectRecord>(queries: readonly BatchQuery[], options?: QueryOptions): Promise<PromiseSettledResult<QueryResult<R>>[]>;
  /** Describe as the running user sees it: fields the user cannot read are left out. */
  describe(sobject: string, options?: QueryOptions): Promise<DescribeResult>;
  /**
   * Inserts one record as the running user (field-level security applies) and answers its
   * 18-character Id; a refusal is an OrgError with Salesforce's code (REQUIRED_FIELD_MISSING,
   * INVALID_FIELD_FOR_INSERT_UPDATE, INVALID_CROSS_REFERENCE_KEY, …). Optional: an org without
   * it is read-only, and a service that writes answers INVOKE-501.
   */
  create?(sobject: string, fields: RecordFields, options?: WriteOptions): Promise<string>;
  /** Updates one record's fields (ENTITY_IS_DELETED for a deleted one, NOT_FOUND for an unknown Id). */
  update?(sobject: string, id: string, fields: RecordFields, options?: WriteOptions): Promise<void>;
  /** Deletes one record (ENTITY_IS_DELETED when it already is). */
  delete?(sobject: string, id: string, options?: WriteOptions): Promise<void>;
  /**
   * Runs a service of the Insurance managed package inside the org (the job starters of DESIGN.md
   * §6, `Class:Method`), with parameters the service already checked. A mock org runs it itself;
   * a real org only when it says it is an ipemu mock. Absent, or IpemuError NOT_IMPLEMENTED: the
   * org cannot (INVOKE-501). Known outcomes are IpemuErrors (NOT_FOUND for an unknown quote).
   */
  callPackage?(key: string, params: PackageParams, options?: WriteOptions): Promise<PackageAnswer>;
  close?(): Promise<void>;
}

/**
 * An error the org reported, with Salesforce's `errorCode` kept (INVALID_FIELD, INVALID_TYPE,
 * MALFORMED_QUERY, INVALID_SESSION_ID, NOT_FOUND, REQUEST_LIMIT_EXCEEDED, …).
 */
export class OrgError extends Error {
  readonly errorCode: string;
  /** HTTP status the REST API answers with for this error. */
  readonly status: number;
  readonly fields?: string[];

  constructor(errorCode: string, message: string, status = 400, fields?: string[]) {
    super(message);
    this.name = 'OrgError';
    this.errorCode = errorCode;
    this.status = status;
    if (fields) this.fields = fields;
  }

  /** The REST API's error body: `[{ message, errorCode, fields? }]`. */
  toRestBody(): { message: string; errorCode: string; fields?: string[] }[] {
    const body: { message: string; errorCode: string; fields?: string[] } = {
      message: this.message,
      errorCode: this.errorCode,
    };
    if (this.fields) body.fields = this.fields;
    return [body];
  }
}

export function isOrgError(err: unknown): err is OrgError {
  return err instanceof OrgError;
}
