/**
 * How the Integration Procedure routes read a request and answer with a run's envelope, the way an
 * org's endpoints do: Apex REST answers the IP's response itself, the Connect API wraps responses
 * in `{ error, response, status }`. Pure functions: both servers (`ipemu serve`, `mock-org serve`)
 * send what these return, so the two answer alike.
 */
import type { OutputMap } from '../core/envelope';
import { failure } from '../core/envelope';
import { httpStatusOf } from '../core/errors';
import { isPlainObject } from '../core/plain-object';

/** What a route sends: status, extra headers, body. */
export interface ProcedureReply {
  readonly status: number;
  readonly headers: Readonly<Record<string, string>>;
  readonly body: unknown;
}

/** The Connect API came with v64.0 (DESIGN.md §5); an older version has no such resource. */
export const CONNECT_API_MIN_MAJOR = 64;

/** Salesforce's Apex REST namespaces for Integration Procedures, and none (`/services/apexrest/v1/…`). */
export const APEX_REST_NAMESPACES: readonly string[] = ['vlocity_ins', 'vlocity_cmt', 'vlocity_ps', 'omnistudio'];

const HEADER_NAME = /^[!#$%&'*+.^_`|~0-9A-Za-z-]+$/;
// Visible ASCII, spaces and tabs: anything else (CR, LF, NUL, non-ASCII) would be refused by node or split a header.
const HEADER_VALUE = /^[\t\x20-\x7e]*$/;
// Headers the server itself owns: an IP setting them would contradict the body or the connection.
const RESERVED_HEADERS = new Set(['content-length', 'content-type', 'connection', 'transfer-encoding', 'keep-alive', 'upgrade', 'host', 'set-cookie']);

/**
 * A Response Action's `vlcResponseHeaders` as the envelope's `responseHeaders` carries them:
 * `StatusCode` sets the HTTP status (100–599, else ignored), other keys with a header-safe name
 * and a string, number or boolean value become response headers; the rest is dropped rather than
 * failing a run that has already succeeded.
 */
export function responseHeadersOf(value: unknown): { status?: number; headers: Record<string, string> } {
  const headers: Record<string, string> = {};
  if (!isPlainObject(value)) return { headers };
  let status: number | undefined;
  for (const [name, raw] of Object.entries(value)) {
    if (name === 'StatusCode') {
      const code = typeof raw === 'string' && /^\d{3}$/.test(raw.trim()) ? Number(raw.trim()) : raw;
      if (typeof code === 'number' && Number.isInteger(code) && code >= 100 && code <= 599) status = code;
      continue;
    }
    if (typeof raw !== 'string' && typeof raw !== 'number' && typeof raw !== 'boolean') continue;
    const text = String(raw);
    if (!HEADER_NAME.test(name) || !HEADER_VALUE.test(text) || RESERVED_HEADERS.has(name.toLowerCase())) continue;
    headers[name] = text;
  }
  return status === undefined ? { headers } : { status, headers };
}

/** The failure map of an envelope: the code, the message and the details, nothing the run added (trace). */
function failureBody(out: OutputMap): OutputMap {
  const body: OutputMap = { errorCode: out.errorCode, error: out.error };
  if (out.details !== undefined) body.details = out.details;
  return body;
}

/**
 * Apex REST (`/services/apexrest/<ns>/v1/integrationprocedure/<key>/`): the IP's response as the
 * body, the status a Response Action set (else 200); a failure is its failure map with the
 * status of the one error table.
 */
export function apexRestReply(out: OutputMap): ProcedureReply {
  if (out.errorCode !== 'INVOKE-200') return { status: httpStatusOf(out.errorCode), headers: {}, body: failureBody(out) };
  const { status, headers } = responseHeadersOf(out.responseHeaders);
  // An IP without a response has nothing to send; JSON null keeps the body parseable.
  return { status: status ?? 200, headers, body: out.IPResult ?? null };
}

/** The Apex REST input: a GET's query parameters (each a string, a repeated one a list) or the POST body. */
export function apexRestInput(method: string, body: unknown, query: unknown): unknown {
  if (method === 'GET') return isPlainObject(query) ? { ...query } : {};
  return body === undefined ? {} : body;
}

/**
 * The most runs one Connect API request may ask for *(ipemu)*: each runs in turn, and a body of 1 MiB
 * could otherwise hold some 200,000 of them and keep the server busy with one request.
 */
export const MAX_CONNECT_INPUTS = 100;

/** A Connect API request read: the inputs to run in order, and the options they share. */
export type ConnectRequest = { readonly inputs: readonly unknown[]; readonly options: unknown } | { readonly refused: OutputMap };

function refuse(message: string): { refused: OutputMap } {
  return { refused: failure('INVALID_INPUT', message) };
}

/**
 * `{"input":{"inputs":["<input as a JSON string>", …]},"options":{…}}`. Each entry of `inputs` is
 * one run; ipemu also takes an entry that is already a JSON object. No `inputs` (or an empty list)
 * is one run on `{}`.
 */
export function readConnectRequest(body: unknown): ConnectRequest {
  if (body === undefined) return { inputs: [{}], options: undefined };
  if (!isPlainObject(body)) return refuse('The request body must be a JSON object: {"input":{"inputs":["<input as a JSON string>"]},"options":{…}}.');
  const input = body.input ?? {};
  if (!isPlainObject(input)) return refuse('"input" must be a JSON object: {"inputs":["<input as a JSON string>"]}.');
  const list = input.inputs ?? [];
  if (!Array.isArray(list)) return refuse('"input.inputs" must be a list of inputs, each a JSON object as a string.');
  if (list.length > MAX_CONNECT_INPUTS) return refuse(`"input.inputs" holds ${list.length} inputs; one request runs at most ${MAX_CONNECT_INPUTS}.`);
  const inputs: unknown[] = [];
  for (const [i, entry] of list.entries()) {
    if (typeof entry !== 'string') {
      inputs.push(entry);
      continue;
    }
    try {
      inputs.push(JSON.parse(entry));
    } catch {
      return refuse(`"input.inputs[${i}]" is not valid JSON.`);
    }
  }
  return { inputs: inputs.length === 0 ? [{}] : inputs, options: body.options ?? undefined };
}

/**
 * The Connect API reply: `response` holds each run's IP response in order; the first failure
 * stops the runs, its failure map closes `response`, and `error` is its message with the status
 * of the one error table.
 */
export function connectReply(outs: readonly OutputMap[]): ProcedureReply {
  const response: unknown[] = [];
  for (const out of outs) {
    if (out.errorCode !== 'INVOKE-200') {
      response.push(failureBody(out));
      return { status: httpStatusOf(out.errorCode), headers: {}, body: { error: out.error, response, status: 'Error' } };
    }
    response.push(out.IPResult ?? null);
  }
  return { status: 200, headers: {}, body: { error: null, response, status: 'Success' } };
}

/** The Connect API's answer to a request it could not read (`readConnectRequest` refused it). */
export function connectRefusal(refused: OutputMap): ProcedureReply {
  return connectReply([refused]);
}
