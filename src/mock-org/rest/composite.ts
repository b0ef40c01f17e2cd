import { OrgError } from '../../core/org';
import { isPlainObject } from '../../core/plain-object';
import type { MockOrg } from '../mock-org';
import { isKnownVersion } from './versions';
import { fieldsParam } from './record-fields';
import { NOT_FOUND_BODY } from './rest-errors';
import { resolveBody, resolveString, type ReferenceAnswers } from './composite-references';
import { runCollection } from './collections';
import { createAnswer, deleteAnswer, errorAnswer, objectMethodRefusal, recordBody, rowMethodRefusal, updateAnswer, type RestAnswer } from './sobject-writes';

/**
 * `POST /composite`: up to 25 subrequests run in order, later ones naming earlier answers
 * (`@{ref.id}`). allOrNone: one transaction; the first failure rolls everything back and every
 * other subrequest answers PROCESSING_HALTED. Otherwise each stands alone.
 */

/** Salesforce's caps on one composite request. */
export const MAX_SUBREQUESTS = 25;
export const MAX_QUERY_SUBREQUESTS = 5;

export interface Subrequest {
  readonly method: string;
  readonly url: string;
  readonly referenceId: string;
  readonly body?: unknown;
}

export interface SubrequestResult {
  body: unknown;
  httpHeaders: Record<string, string>;
  httpStatusCode: number;
  referenceId: string;
}

const REFERENCE_ID = /^[A-Za-z][A-Za-z0-9_]*$/;
const SUBREQUEST_URL = /^\/services\/data\/(v[^/]+)\/(.*)$/;

const ROLLED_BACK_BODY = [
  { message: 'The transaction was rolled back since another operation in the same transaction failed.', errorCode: 'PROCESSING_HALTED' },
];

const badRequest = (message: string, errorCode = 'JSON_PARSER_ERROR'): OrgError => new OrgError(errorCode, message, 400);

/** The composite body checked as a whole: Salesforce refuses a malformed request before running any of it. */
export function parseComposite(body: unknown): { allOrNone: boolean; subrequests: Subrequest[] } {
  const envelope = recordBody(body);
  const list = envelope.compositeRequest;
  if (!Array.isArray(list) || list.length === 0) throw badRequest('The request body needs a compositeRequest array with at least one subrequest.');
  if (list.length > MAX_SUBREQUESTS)
    throw badRequest(`A composite request can have at most ${MAX_SUBREQUESTS} subrequests; this one has ${list.length}.`, 'LIMIT_EXCEEDED');
  for (const flag of ['allOrNone', 'collateSubrequests'] as const) {
    if (envelope[flag] !== undefined && typeof envelope[flag] !== 'boolean') throw badRequest(`${flag} must be true or false.`);
  }
  const seen = new Set<string>();
  const subrequests = list.map((item: unknown, i): Subrequest => {
    if (!isPlainObject(item)) throw badRequest(`compositeRequest[${i}] is not an object.`);
    const { method, url, referenceId, body: subBody } = item;
    if (typeof method !== 'string' || typeof url !== 'string' || typeof referenceId !== 'string') {
      throw badRequest(`compositeRequest[${i}] needs method, url and referenceId strings.`);
    }
    if (!REFERENCE_ID.test(referenceId))
      throw badRequest(
        `Invalid referenceId '${referenceId.slice(0, 80)}': it starts with a letter and holds letters, digits and underscores.`,
        'INVALID_INPUT',
      );
    if (seen.has(referenceId)) throw badRequest(`Duplicate referenceId provided in the request: ${referenceId}`, 'INVALID_INPUT');
    seen.add(referenceId);
    return { method: method.toUpperCase(), url, referenceId, ...(subBody !== undefined ? { body: subBody } : {}) };
  });
  const queries = subrequests.filter((sub) => /\/(query|queryAll|composite\/sobjects)(\/|\?|$)/.test(sub.url)).length;
  if (queries > MAX_QUERY_SUBREQUESTS) {
    throw badRequest(
      `A composite request can have at most ${MAX_QUERY_SUBREQUESTS} query or sObject Collections subrequests; this one has ${queries}.`,
      'LIMIT_EXCEEDED',
    );
  }
  return { allOrNone: envelope.allOrNone === true, subrequests };
}

interface SubrequestContext {
  /** Inside the composite's allOrNone transaction: collections run in it, and any failure is the composite's. */
  readonly inTransaction: boolean;
}

/** One subrequest, its references already resolved, as the resource it names would answer. */
function route(base: MockOrg, method: string, url: string, body: unknown, context: SubrequestContext): RestAnswer {
  const parsed = new URL(url, 'http://composite.invalid');
  const match = SUBREQUEST_URL.exec(parsed.pathname);
  if (!match || !isKnownVersion(match[1]!)) return { status: 404, body: NOT_FOUND_BODY };
  const version = match[1]!;
  // A subrequest answers in its own URL's version (attributes.url, describe urls).
  const org = base.atApiVersion(version.slice(1));
  const parts = match[2]!.split('/').filter((part) => part !== '');
  const query = Object.fromEntries(parsed.searchParams);
  const [resource, sobject, id, extra] = parts;
  if (resource === 'sobjects' && sobject !== undefined && extra === undefined) {
    if (id === undefined) {
      if (method === 'POST') return createAnswer(org, sobject, body, version);
      if (method === 'GET') return { status: 404, body: NOT_FOUND_BODY };
      throw objectMethodRefusal(org, sobject, method);
    }
    if (id === 'describe' && method === 'GET') return { status: 200, body: org.describeSync(sobject) };
    if (method === 'GET') return { status: 200, body: org.retrieve(sobject, id, fieldsParam(query)) };
    if (method === 'PATCH') return updateAnswer(org, sobject, id, body);
    if (method === 'DELETE') return deleteAnswer(org, sobject, id);
    throw rowMethodRefusal(org, sobject, method);
  }
  if (resource === 'query' && parts.length === 1 && method === 'GET') {
    const q = parsed.searchParams.get('q');
    if (q === null || q.trim() === '') throw badRequest('A query string has to be specified', 'MALFORMED_QUERY');
    return { status: 200, body: org.querySync(q) };
  }
  if (resource === 'composite' && sobject === 'sobjects' && parts.length === 2 && (method === 'POST' || method === 'PATCH' || method === 'DELETE')) {
    const run = runCollection(org, method, { body, query }, { forceAllOrNone: context.inTransaction, inTransaction: context.inTransaction });
    // Under the composite's allOrNone a collection with a failed record is a failed subrequest.
    return { status: context.inTransaction && run.anyFailed ? 400 : 200, body: run.results };
  }
  return { status: 404, body: NOT_FOUND_BODY };
}

/** Runs one subrequest: references resolved, then routed; any refusal becomes its answer. */
function runSubrequest(org: MockOrg, sub: Subrequest, answers: ReferenceAnswers, context: SubrequestContext): RestAnswer {
  try {
    const url = resolveString(sub.url, answers);
    const body = sub.body === undefined ? undefined : resolveBody(sub.body, answers);
    return route(org, sub.method, String(url), body, context);
  } catch (err) {
    return errorAnswer(err);
  }
}

const failedAnswer = (answer: RestAnswer): boolean => answer.status >= 400;

function resultOf(sub: Subrequest, answer: RestAnswer): SubrequestResult {
  return { body: answer.body, httpHeaders: { ...(answer.headers ?? {}) }, httpStatusCode: answer.status, referenceId: sub.referenceId };
}

/** Thrown inside the transaction to roll it back at the first failed subrequest. */
class Halted extends Error {
  constructor(
    readonly index: number,
    readonly answer: RestAnswer,
  ) {
    super('halted');
  }
}

function runAll(org: MockOrg, subrequests: readonly Subrequest[], context: SubrequestContext, stopAtFailure: boolean): RestAnswer[] {
  const answers = new Map<string, unknown>();
  return subrequests.map((sub, index) => {
    const answer = runSubrequest(org, sub, answers, context);
    if (stopAtFailure && failedAnswer(answer)) throw new Halted(index, answer);
    // A failed answer is kept too: a reference into it finds no value and halts its subrequest.
    answers.set(sub.referenceId, answer.body);
    return answer;
  });
}

/** The whole composite request as its 200 answer (subrequest failures are inside it). */
export function runComposite(org: MockOrg, body: unknown): { compositeResponse: SubrequestResult[] } {
  const { allOrNone, subrequests } = parseComposite(body);
  if (!allOrNone) {
    const answers = runAll(org, subrequests, { inTransaction: false }, false);
    return { compositeResponse: subrequests.map((sub, i) => resultOf(sub, answers[i]!)) };
  }
  try {
    const answers = org.transaction((tx) => runAll(tx, subrequests, { inTransaction: true }, true));
    return { compositeResponse: subrequests.map((sub, i) => resultOf(sub, answers[i]!)) };
  } catch (err) {
    if (!(err instanceof Halted)) throw err;
    const halted: RestAnswer = { status: 400, body: ROLLED_BACK_BODY };
    return { compositeResponse: subrequests.map((sub, i) => resultOf(sub, i === err.index ? err.answer : halted)) };
  }
}
