import type { Connection } from 'jsforce';
import type { HttpRequestOptions } from 'jsforce/lib/types';
import { OrgError, type BatchQuery, type QueryResult } from '../../core/org';
import { isPlainObject } from '../../core/plain-object';
import { renderSoql } from '../../salesforce/soql-binds';
import type { OrgRequests } from './org-requests';

/**
 * `Org.queryBatch` through jsforce: queries as the subrequests of `POST /composite`, which
 * Salesforce counts as one API call ("Send Multiple Requests Using Composite": up to 25
 * subrequests, of which at most 5 may be queries). allOrNone is false, so each query answers on
 * its own: a refused one (MALFORMED_QUERY, INVALID_FIELD) fails alone, with the error a single
 * query would give.
 */

/** Salesforce's cap on query subrequests in one composite request. */
export const MAX_QUERIES_PER_COMPOSITE = 5;

export interface QueryBatchDeps {
  readonly connection: Connection;
  readonly requests: OrgRequests;
  /** Request options that make jsforce send the POST once (a lost answer is not resent). */
  readonly once: HttpRequestOptions;
  /** Maps what jsforce threw (or a subrequest's error item) as JsforceOrg.query does, tokens scrubbed. */
  fail(op: string, err: unknown): unknown;
  /** One query sent on its own (JsforceOrg.query), for an org without the composite resource. */
  alone(query: BatchQuery, signal: AbortSignal | undefined): Promise<QueryResult>;
  /** Set once the org answered the composite resource NOT_FOUND (an API version before it): later batches go query by query. */
  readonly door: { missing: boolean };
}

type Outcome = PromiseSettledResult<QueryResult>;

interface Rendered {
  readonly index: number;
  readonly query: BatchQuery;
  readonly text: string;
}

interface Subresponse {
  readonly body: unknown;
  readonly httpStatusCode: number;
  readonly referenceId: string;
}

function isQueryResult(value: unknown): value is QueryResult {
  return isPlainObject(value) && Array.isArray(value.records) && typeof value.totalSize === 'number';
}

function isSubresponse(value: unknown): value is Subresponse {
  return isPlainObject(value) && typeof value.httpStatusCode === 'number' && typeof value.referenceId === 'string';
}

const invalidResponse = (): OrgError =>
  new OrgError('INVALID_RESPONSE', 'The org answered a composite request with a body that is not a composite response.', 502);

/**
 * A failed subrequest as jsforce would have thrown it for the same query sent alone: the one error
 * item's code and message (`ERROR_HTTP_<status>` for a body that is not Salesforce's error list),
 * so the mapping (errors.ts) is the single query's.
 */
function subrequestError(sub: Subresponse): unknown {
  const items = Array.isArray(sub.body) ? sub.body : [];
  const item: unknown = items.length === 1 ? items[0] : undefined;
  if (isPlainObject(item) && typeof item.errorCode === 'string') {
    const err = new Error(typeof item.message === 'string' ? item.message : item.errorCode);
    return Object.assign(err, { name: item.errorCode, errorCode: item.errorCode, data: item });
  }
  if (items.length > 1)
    return Object.assign(new Error('Multiple errors returned.'), { name: 'MULTIPLE_API_ERRORS', errorCode: 'MULTIPLE_API_ERRORS', data: items });
  const errorCode = `ERROR_HTTP_${sub.httpStatusCode}`;
  return Object.assign(new Error(typeof sub.body === 'string' ? sub.body : errorCode), { name: errorCode, errorCode });
}

/** The subresponses in the order of the subrequests (`q0`, `q1`, …), whatever order they came in. */
function subresponsesOf(answer: unknown, count: number): Subresponse[] {
  const list = isPlainObject(answer) ? answer.compositeResponse : undefined;
  if (!Array.isArray(list)) throw invalidResponse();
  const byRef = new Map<string, Subresponse>();
  for (const sub of list) if (isSubresponse(sub)) byRef.set(sub.referenceId, sub);
  return Array.from({ length: count }, (_, k) => {
    const sub = byRef.get(`q${k}`);
    if (sub === undefined) throw invalidResponse();
    return sub;
  });
}

/** Every page of one answered subrequest: a longer result is followed with ordinary queryMore GETs. */
async function allPages(deps: QueryBatchDeps, sub: Subresponse): Promise<QueryResult> {
  if (sub.httpStatusCode >= 400) throw subrequestError(sub);
  if (!isQueryResult(sub.body)) throw new OrgError('INVALID_RESPONSE', 'The org answered a query with a body that is not a query result.', 502);
  let page: QueryResult = sub.body;
  const records = [...page.records];
  while (!page.done && typeof page.nextRecordsUrl === 'string') {
    const next: unknown = await deps.connection.request({ method: 'GET', url: page.nextRecordsUrl });
    if (!isQueryResult(next)) throw new OrgError('INVALID_RESPONSE', 'The org answered a query with a body that is not a query result.', 502);
    page = next;
    records.push(...page.records);
  }
  return { totalSize: sub.body.totalSize, done: page.done, records };
}

/** One composite request for at most MAX_QUERIES_PER_COMPOSITE queries; writes each one's outcome. */
async function sendOne(deps: QueryBatchDeps, group: readonly Rendered[], outcomes: Outcome[], signal: AbortSignal | undefined): Promise<void> {
  const base = `/services/data/v${deps.connection.version}/query?q=`;
  const body = JSON.stringify({
    allOrNone: false,
    compositeRequest: group.map((q, k) => ({ method: 'GET', url: base + encodeURIComponent(q.text), referenceId: `q${k}` })),
  });
  try {
    // The pages of every subrequest are read inside the same deadline.
    const settled = await deps.requests.run(async () => {
      const answer: unknown = await deps.connection.request(
        { method: 'POST', url: '/composite', body, headers: { 'content-type': 'application/json' } },
        deps.once,
      );
      return await Promise.allSettled(subresponsesOf(answer, group.length).map((sub) => allPages(deps, sub)));
    }, signal);
    settled.forEach((outcome, k) => {
      outcomes[group[k]!.index] = outcome.status === 'fulfilled' ? outcome : { status: 'rejected', reason: deps.fail('query', outcome.reason) };
    });
  } catch (err) {
    const reason = deps.fail('query', err);
    if ((reason as OrgError).errorCode === 'NOT_FOUND' && (reason as OrgError).status === 404) {
      // No composite resource at this API version: the queries still have an answer, one request each.
      deps.door.missing = true;
      await sendAlone(deps, group, outcomes, signal);
      return;
    }
    // The request itself failed (network, session, abort): every query in it fails alike.
    for (const q of group) outcomes[q.index] = { status: 'rejected', reason };
  }
}

async function sendAlone(deps: QueryBatchDeps, group: readonly Rendered[], outcomes: Outcome[], signal: AbortSignal | undefined): Promise<void> {
  const settled = await Promise.allSettled(group.map((q) => deps.alone(q.query, signal)));
  settled.forEach((outcome, k) => {
    outcomes[group[k]!.index] = outcome;
  });
}

/** The queries in requests of at most MAX_QUERIES_PER_COMPOSITE, sent at once; one outcome per query, in order. */
export async function sendQueryBatch(deps: QueryBatchDeps, queries: readonly BatchQuery[], signal: AbortSignal | undefined): Promise<Outcome[]> {
  const outcomes: Outcome[] = new Array<Outcome>(queries.length);
  const rendered: Rendered[] = [];
  queries.forEach((q, index) => {
    try {
      rendered.push({ index, query: q, text: renderSoql(q.soql, q.binds) });
    } catch (err) {
      // As JsforceOrg.query: a bind that cannot be rendered is refused before any request.
      outcomes[index] = { status: 'rejected', reason: err };
    }
  });
  if (deps.door.missing) {
    await sendAlone(deps, rendered, outcomes, signal);
    return outcomes;
  }
  const groups: Rendered[][] = [];
  for (let i = 0; i < rendered.length; i += MAX_QUERIES_PER_COMPOSITE) groups.push(rendered.slice(i, i + MAX_QUERIES_PER_COMPOSITE));
  await Promise.all(groups.map((group) => sendOne(deps, group, outcomes, signal)));
  return outcomes;
}
