import { STATUS_CODES } from 'node:http';
import type { Socket } from 'node:net';
import type { FastifyError, FastifyReply, FastifyRequest } from 'fastify';
import { isOrgError, OrgError } from '../../core/org';
import type { OAuthError } from './token-grants';
import { TOKEN_PATH } from './oauth';

/**
 * Every reply of the fake REST API in Salesforce's shapes: the REST error array
 * `[{ message, errorCode }]`, and on the token endpoint the OAuth body `{ error, error_description }`.
 * fastify's own answers (bad URL encoding, unknown routes, body too large, bad content type,
 * malformed JSON, malformed HTTP) go through here too.
 */

export interface RestErrorItem {
  message: string;
  errorCode: string;
}

/** A REST error body of one item. */
export const restError = (errorCode: string, message: string): RestErrorItem[] => [{ message, errorCode }];

/** Salesforce's limit on the request URL, and on the URL plus headers together. */
export const MAX_URL_BYTES = 16_384;

export const SESSION_INVALID = restError('INVALID_SESSION_ID', 'Session expired or invalid');
export const NOT_FOUND_BODY = restError('NOT_FOUND', 'The requested resource does not exist');
export const LIMIT_EXCEEDED = restError('REQUEST_LIMIT_EXCEEDED', 'TotalRequests Limit exceeded.');
/** 414: the URL alone is over the limit. */
export const URI_TOO_LONG = restError('URI_TOO_LONG', `The request URL exceeds ${MAX_URL_BYTES} bytes.`);
/** 431: the URL and headers are, whether the server counted them (under node's header limit) or node refused them on the socket. */
export const HEADERS_TOO_LARGE = restError('REQUEST_HEADER_FIELDS_TOO_LARGE', `The request URL and headers exceed ${MAX_URL_BYTES} bytes.`);
export const UNEXPECTED = restError('UNKNOWN_EXCEPTION', 'An unexpected error occurred. Please include this ErrorId if you contact support.');

/** Salesforce's answer to a method a resource does not take: its wording, and the `Allow` header naming the ones it does. */
export class MethodNotAllowed extends OrgError {
  readonly allowed: readonly string[];

  constructor(method: string, allowed: readonly string[]) {
    super('METHOD_NOT_ALLOWED', `HTTP Method '${method}' not allowed. Allowed are ${allowed.join(',')}`, 405);
    this.allowed = allowed;
  }

  /** The `Allow` header's value. */
  get allowHeader(): string {
    return this.allowed.join(', ');
  }
}

/** Salesforce's words for a body type a resource does not read. */
export const unsupportedMediaTypeMessage = (contentType: unknown): string =>
  `Content-Type header specified in HTTP request is not supported: ${String(contentType ?? '')}`;

interface Refusal {
  status: number;
  errorCode: string;
  message: string;
}

/** fastify's request errors, by code, as Salesforce answers the same mistakes. */
function refusalOf(err: FastifyError, request: FastifyRequest): Refusal {
  switch (err.code) {
    case 'FST_ERR_CTP_INVALID_JSON_BODY':
    case 'FST_ERR_CTP_EMPTY_JSON_BODY':
      return { status: 400, errorCode: 'JSON_PARSER_ERROR', message: err.message };
    case 'FST_ERR_CTP_INVALID_MEDIA_TYPE':
      return {
        status: 415,
        errorCode: 'UNSUPPORTED_MEDIA_TYPE',
        message: unsupportedMediaTypeMessage(request.headers['content-type']),
      };
    case 'FST_ERR_CTP_BODY_TOO_LARGE':
    case 'FST_ERR_CTP_INVALID_CONTENT_LENGTH':
      return { status: err.statusCode ?? 413, errorCode: 'REQUEST_ENTITY_TOO_LARGE', message: 'The request body is too large.' };
    default:
      break;
  }
  // A JSON body that fails to parse arrives as a SyntaxError with status 400.
  const status = typeof err.statusCode === 'number' && err.statusCode >= 400 && err.statusCode < 500 ? err.statusCode : 500;
  if (status === 500) return { status, ...UNEXPECTED[0]! };
  return { status, errorCode: err instanceof SyntaxError ? 'JSON_PARSER_ERROR' : 'INVALID_REQUEST', message: err.message };
}

const isTokenEndpoint = (request: FastifyRequest): boolean => request.routeOptions.url === TOKEN_PATH;

/** The one error handler: org errors keep their code and status, the rest are mapped above. */
export function sendRestError(err: unknown, request: FastifyRequest, reply: FastifyReply): FastifyReply {
  if (err instanceof MethodNotAllowed) void reply.header('allow', err.allowHeader);
  if (isOrgError(err)) return reply.code(err.status).send(err.toRestBody());
  const refusal = err instanceof Error ? refusalOf(err as FastifyError, request) : { status: 500, ...UNEXPECTED[0]! };
  if (refusal.status >= 500) request.log.error({ err: err instanceof Error ? err.message : String(err) }, 'mock org failed');
  if (isTokenEndpoint(request)) {
    const body: OAuthError = { error: 'invalid_request', error_description: refusal.message };
    return reply.code(refusal.status).send(body);
  }
  return reply.code(refusal.status).send(restError(refusal.errorCode, refusal.message));
}

/**
 * Malformed HTTP that never becomes a request (bad request line, headers over the limit, a
 * header timeout): the error array written on the socket, as fastify's default handler does with
 * its own body.
 */
export function restClientErrorHandler(err: NodeJS.ErrnoException, socket: Socket): void {
  if (err.code === 'ECONNRESET' || socket.destroyed) return;
  const status = err.code === 'HPE_HEADER_OVERFLOW' ? 431 : err.code === 'ERR_HTTP_REQUEST_TIMEOUT' ? 408 : 400;
  const body = JSON.stringify(
    status === 431 ? HEADERS_TOO_LARGE : restError(status === 408 ? 'REQUEST_TIMEOUT' : 'INVALID_REQUEST', STATUS_CODES[status] ?? 'Bad Request'),
  );
  if (socket.writable) {
    socket.write(
      `HTTP/1.1 ${status} ${STATUS_CODES[status]}\r\nConnection: close\r\nContent-Length: ${Buffer.byteLength(body)}\r\nContent-Type: application/json\r\n\r\n${body}`,
    );
  }
  socket.destroy(err);
}
