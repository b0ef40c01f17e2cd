import { OrgError, type RecordFields } from '../../core/org';
import { isPlainObject } from '../../core/plain-object';
import { MAX_JSON_DEPTH, nestedDeeperThan } from '../../core/limited-file';
import { isApiName } from '../../salesforce/api-names';
import type { MockOrg, ObjectAbilities } from '../mock-org';
import { MethodNotAllowed, UNEXPECTED } from './rest-errors';
import { notFound } from '../writes/write-errors';

/**
 * The sObject write resources (`POST /sobjects/X`, `PATCH` and `DELETE /sobjects/X/<Id>`) as one
 * answer each, so the single routes, /composite subrequests and nothing else word them: the org
 * decides every field rule (MockOrg.createSync …), this file only the REST envelope around it.
 */

/** A REST reply before it is sent: what a route sends, or what a composite subrequest reports. */
export interface RestAnswer {
  readonly status: number;
  readonly body: unknown;
  readonly headers?: Readonly<Record<string, string>>;
}

/** The Jackson token a JSON value starts with, as Salesforce's parser errors name it. */
function jacksonToken(value: unknown): string {
  if (Array.isArray(value)) return 'START_ARRAY';
  if (value === true) return 'VALUE_TRUE';
  if (value === false) return 'VALUE_FALSE';
  if (typeof value === 'number') return Number.isInteger(value) ? 'VALUE_NUMBER_INT' : 'VALUE_NUMBER_FLOAT';
  return value === null || value === undefined ? 'VALUE_NULL' : 'VALUE_STRING';
}

/**
 * What a client may send as a record: a JSON object, nested no deeper than any JSON ipemu reads.
 * Salesforce's Jackson parser words an array where an object goes this way.
 */
export function recordBody(body: unknown): RecordFields {
  if (isPlainObject(body)) {
    if (nestedDeeperThan(body, MAX_JSON_DEPTH)) throw new OrgError('JSON_PARSER_ERROR', `The request body is nested deeper than ${MAX_JSON_DEPTH} levels.`);
    return body;
  }
  throw new OrgError('JSON_PARSER_ERROR', `Can not deserialize SObject out of ${jacksonToken(body)} token at [line:1, column:1]`);
}

/** The object as the user's describe names it (NOT_FOUND for an unknown or hidden one), with what it allows. */
function abilitiesOf(org: MockOrg, sobject: string): ObjectAbilities {
  if (!isApiName(sobject)) throw notFound();
  return org.objectAbilities(sobject);
}

/** The methods `/sobjects/X` takes for this object, in Salesforce's order. */
export function objectMethods(abilities: ObjectAbilities): string[] {
  return abilities.createable ? ['GET', 'HEAD', 'POST'] : ['HEAD', 'GET'];
}

/** The methods `/sobjects/X/<Id>` takes for this object. */
export function rowMethods(abilities: ObjectAbilities): string[] {
  return ['HEAD', 'GET', ...(abilities.updateable ? ['PATCH'] : []), ...(abilities.deletable ? ['DELETE'] : [])];
}

/** `POST /sobjects/X`: 201 with the SaveResult. */
export function createAnswer(org: MockOrg, sobject: string, body: unknown, apiVersion: string): RestAnswer {
  const abilities = abilitiesOf(org, sobject);
  if (!abilities.createable) throw new MethodNotAllowed('POST', objectMethods(abilities));
  const id = org.createSync(abilities.name, recordBody(body));
  return {
    status: 201,
    body: { id, success: true, errors: [] },
    headers: { Location: `/services/data/${apiVersion}/sobjects/${abilities.name}/${id}` },
  };
}

/** `PATCH /sobjects/X/<Id>`: 204. */
export function updateAnswer(org: MockOrg, sobject: string, id: string, body: unknown): RestAnswer {
  const abilities = abilitiesOf(org, sobject);
  if (!abilities.updateable) throw new MethodNotAllowed('PATCH', rowMethods(abilities));
  org.updateSync(abilities.name, id, recordBody(body));
  return { status: 204, body: null };
}

/** `DELETE /sobjects/X/<Id>`: 204. */
export function deleteAnswer(org: MockOrg, sobject: string, id: string): RestAnswer {
  const abilities = abilitiesOf(org, sobject);
  if (!abilities.deletable) throw new MethodNotAllowed('DELETE', rowMethods(abilities));
  org.deleteSync(abilities.name, id);
  return { status: 204, body: null };
}

/** The methods a row URL takes, for a method it never takes (POST, PUT). */
export function rowMethodRefusal(org: MockOrg, sobject: string, method: string): OrgError {
  return new MethodNotAllowed(method, rowMethods(abilitiesOf(org, sobject)));
}

/** The methods an object URL takes, for a method it never takes (PATCH, PUT, DELETE). */
export function objectMethodRefusal(org: MockOrg, sobject: string, method: string): OrgError {
  return new MethodNotAllowed(method, objectMethods(abilitiesOf(org, sobject)));
}

/** Any thrown value as a REST answer: org errors keep their code and status; the rest is Salesforce's UNKNOWN_EXCEPTION. */
export function errorAnswer(err: unknown): RestAnswer {
  if (err instanceof MethodNotAllowed) return { status: err.status, body: err.toRestBody(), headers: { Allow: err.allowHeader } };
  if (err instanceof OrgError) return { status: err.status, body: err.toRestBody() };
  return { status: 500, body: UNEXPECTED };
}
