import pino, { Logger as PinoLogger } from 'pino';
import { LogController, FastifyReply, FastifyRequest } from 'fastify';
import { IpemuError } from '../core/errors';

const LEVELS = new Set(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']);

/** Longest service key written to a log line: the URL segment is caller-controlled. */
const MAX_LOGGED_KEY = 200;

/** What the request path leaves on the request for the single log line. */
export interface RequestOutcome {
  ipemuCode: string;
}

/**
 * JSON lines on `stream` (stderr by default). The serializers replace fastify's own so that a
 * request or reply object passed to the logger can never bring headers (Authorization) with it.
 */
export function createHttpLogger(level = 'info', stream?: NodeJS.WritableStream): PinoLogger {
  if (!LEVELS.has(level)) {
    throw new IpemuError('INVALID_INPUT', `Unknown log level "${level}": use one of ${[...LEVELS].join(', ')}.`);
  }
  const destination = stream ?? pino.destination({ dest: 2, sync: true });
  return pino(
    {
      level,
      base: { pid: process.pid },
      timestamp: pino.stdTimeFunctions.isoTime,
      serializers: {
        req: (req: { method?: string; routeOptions?: { url?: string } }) => ({ method: req.method, route: req.routeOptions?.url }),
        res: (res: { statusCode?: number }) => ({ statusCode: res.statusCode }),
        err: (err: { name?: string; code?: string; message?: string }) => ({ type: err.name, code: err.code, message: err.message }),
      },
    },
    destination,
  );
}

/**
 * One line per request, written when the response is done: request id (bound by fastify),
 * service key, errorCode, status and duration. Never headers, never the body.
 */
export class RequestLogController extends LogController {
  constructor() {
    super({ disableRequestLogging: false, requestIdLogLabel: 'reqId' });
  }

  override incomingRequest(): void {
    // The completed line carries everything; a second line per request would halve log throughput.
  }

  override requestCompleted(error: Error | null | undefined, request: FastifyRequest, reply: FastifyReply): void {
    const params = request.params as { key?: unknown } | undefined;
    const key = typeof params?.key === 'string' ? params.key.slice(0, MAX_LOGGED_KEY) : undefined;
    const line = {
      method: request.method,
      route: request.routeOptions.url,
      key,
      status: reply.statusCode,
      errorCode: (request as unknown as RequestOutcome).ipemuCode || undefined,
      ms: Math.round(reply.elapsedTime * 100) / 100,
    };
    if (error) reply.log.error({ ...line, err: error }, 'request failed');
    else reply.log.info(line, 'request');
  }
}
