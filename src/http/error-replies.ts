import { STATUS_CODES } from 'node:http';
import type { Socket } from 'node:net';
import type { FastifyError, FastifyReply, FastifyRequest } from 'fastify';
import { failure, FailureOutput } from '../core/envelope';
import { ErrorCode, ERROR_CODES, INTERNAL_ERROR_MESSAGE } from '../core/errors';
import type { RequestOutcome } from './logging';

/** Sends an output map with the table's status (or `status` where HTTP needs its own, 413/415). */
export function sendFailure(request: FastifyRequest, reply: FastifyReply, code: ErrorCode, message: string, status?: number): FastifyReply {
  const out: FailureOutput = failure(code, message);
  (request as unknown as RequestOutcome).ipemuCode = out.errorCode;
  return reply.code(status ?? ERROR_CODES[code].http).send(out);
}

/**
 * Every error fastify raises becomes an output map. Messages are ours, never the error's: a JSON
 * parse error quotes the body, and a stack trace must not leave the server.
 */
export function handleError(error: FastifyError, request: FastifyRequest, reply: FastifyReply): FastifyReply {
  const status = error.statusCode ?? 500;
  switch (error.code) {
    case 'FST_ERR_CTP_BODY_TOO_LARGE':
      return sendFailure(request, reply, 'INVALID_INPUT', `The request body is larger than ${request.routeOptions.bodyLimit} bytes.`, 413);
    case 'FST_ERR_CTP_INVALID_MEDIA_TYPE':
      return sendFailure(request, reply, 'INVALID_INPUT', 'Unsupported content type: send application/json.', 415);
    case 'FST_ERR_BAD_URL':
      return sendFailure(request, reply, 'INVALID_INPUT', 'The request URL is malformed: every % must start a %XX escape.');
    case 'FST_ERR_MAX_PARAM_LENGTH':
      return sendFailure(request, reply, 'INVALID_INPUT', 'The service key in the URL is longer than 200 characters.', 414);
    case 'FST_ERR_CTP_EMPTY_JSON_BODY':
    case 'FST_ERR_CTP_INVALID_JSON_BODY':
      return sendFailure(request, reply, 'INVALID_INPUT', 'The request body is not valid JSON.');
    default:
      break;
  }
  if (error instanceof SyntaxError || (status >= 400 && status < 500)) {
    // SyntaxError: the JSON parser's own; other 4xx: fastify refused the request (bad length, …).
    const message = error instanceof SyntaxError ? 'The request body is not valid JSON.' : 'The request could not be read.';
    return sendFailure(request, reply, 'INVALID_INPUT', message, error instanceof SyntaxError ? 400 : status);
  }
  reply.log.error({ err: error }, 'unexpected server error');
  return sendFailure(request, reply, 'INTERNAL', INTERNAL_ERROR_MESSAGE);
}

export function handleNotFound(request: FastifyRequest, reply: FastifyReply): FastifyReply {
  const [path = ''] = request.url.split('?');
  return sendFailure(request, reply, 'NOT_FOUND', `No route ${request.method} ${path.slice(0, 200)}.`);
}

/** What node reports for a request it could not parse or that came too slowly, before fastify sees it. */
function clientErrorReply(code: string | undefined): { status: number; message: string } {
  switch (code) {
    case 'ERR_HTTP_REQUEST_TIMEOUT':
      return { status: 408, message: 'The request did not arrive in time.' };
    case 'HPE_HEADER_OVERFLOW':
      return { status: 431, message: 'The request headers are too large.' };
    default:
      return { status: 400, message: 'The request is not valid HTTP.' };
  }
}

/**
 * fastify's `clientErrorHandler`: the same replies as its default (408, 431, 400), in the output-map
 * shape. The socket is closed after it: what follows a bad request on it cannot be trusted.
 */
export function handleClientError(error: Error & { code?: string }, socket: Socket): void {
  if (error.code === 'ECONNRESET' || socket.destroyed) return;
  const { status, message } = clientErrorReply(error.code);
  const body = JSON.stringify(failure('INVALID_INPUT', message));
  if (socket.writable) {
    socket.write(
      `HTTP/1.1 ${status} ${STATUS_CODES[status] ?? ''}\r\nContent-Type: application/json; charset=utf-8\r\nContent-Length: ${Buffer.byteLength(body)}\r\nConnection: close\r\n\r\n${body}`,
    );
  }
  socket.destroy(error);
}
