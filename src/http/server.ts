import Fastify, { FastifyBaseLogger, FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { Emulator } from '../core/emulator';
import { MAX_TIMEOUT_MS } from '../core/emulator';
import type { InvokeOptions } from '../core/define-service';
import { httpStatusOf } from '../core/errors';
import { createTokenCheck } from './auth';
import { createHttpLogger, RequestLogController, RequestOutcome } from './logging';
import { handleError, handleNotFound, sendFailure } from './error-replies';
import { buildOpenApi } from './openapi';
import { isPlainObject } from '../core/plain-object';
import { DEFAULT_HOST, DEFAULT_SERVE_PORT } from '../core/listen-defaults';

export interface ServerOptions {
  emulator: Emulator;
  /** Bearer token every route but /healthz requires. */
  token?: string;
  /** pino level; default 'info'. */
  logLevel?: string;
  /** Where JSON log lines go; default stderr. */
  logStream?: NodeJS.WritableStream;
  /** Largest request body in bytes; default 1 MiB. */
  bodyLimit?: number;
}

export interface StartServerOptions extends ServerOptions {
  host?: string;
  port?: number;
}

export interface RunningServer {
  url: string;
  /** Stops accepting connections, lets in-flight requests finish, then resolves. */
  close(): Promise<void>;
}

export const DEFAULT_BODY_LIMIT = 1024 * 1024;
export { DEFAULT_HOST };
export const DEFAULT_PORT = DEFAULT_SERVE_PORT;

const BLANK = /^\s*$/;

interface InvokeRoute {
  Params: { key: string };
  Body: unknown;
}

export function buildServer(opts: ServerOptions): FastifyInstance {
  const { emulator } = opts;
  const checkToken = opts.token === undefined ? undefined : createTokenCheck(opts.token);
  const logger = createHttpLogger(opts.logLevel, opts.logStream);
  const app = Fastify({
    loggerInstance: logger,
    // Fastify binds a child logger (with the request id) to every request; when nothing is written
    // the bindings are serialized for nothing, a microsecond a request, so requests share the root.
    ...(logger.level === 'silent' ? { childLoggerFactory: (parent: FastifyBaseLogger) => parent } : {}),
    logController: new RequestLogController(),
    bodyLimit: opts.bodyLimit ?? DEFAULT_BODY_LIMIT,
    // Keep-alive sockets would otherwise hold close() open until the client hangs up.
    forceCloseConnections: 'idle',
    // A client that trickles its request (slowloris) is cut off; the longest invocation is MAX_TIMEOUT_MS.
    requestTimeout: MAX_TIMEOUT_MS + 10_000,
    // Class:Method is two 80-character identifiers and a colon.
    routerOptions: { maxParamLength: 200 },
  }) as unknown as FastifyInstance;

  let closing = false;
  app.addHook('preClose', (done) => {
    closing = true;
    done();
  });
  app.decorateRequest('ipemuCode', '');
  app.setErrorHandler(handleError);
  app.setNotFoundHandler(handleNotFound);

  // Only JSON is read; a text/plain body would otherwise arrive as a string and confuse callers.
  app.removeContentTypeParser('text/plain');
  const parseJson = app.getDefaultJsonParser('error', 'error');
  app.addContentTypeParser('application/json', { parseAs: 'string' }, (request, body, done) => {
    // Both `input` and `options` are optional, so an empty JSON body is the empty request.
    const text = typeof body === 'string' ? body : body.toString('utf8');
    if (BLANK.test(text)) done(null, undefined);
    // The default parser answers through `done`; `void` because its type also admits a Promise.
    else void parseJson(request, text, done);
  });

  if (checkToken) {
    app.addHook('onRequest', (request, reply, done) => {
      if (request.routeOptions.url === '/healthz' || checkToken(request.headers.authorization)) {
        done();
        return;
      }
      reply.header('www-authenticate', 'Bearer');
      sendFailure(request, reply, 'UNAUTHORIZED', 'Missing or wrong bearer token: send Authorization: Bearer <token>.');
    });
  }

  app.get('/healthz', async () => ({ status: 'ok' }));

  // The registry cannot change once the emulator exists, so both documents are built once.
  let services: string | undefined;
  app.get('/services', async (_request, reply) => {
    services ??= JSON.stringify(emulator.services());
    return reply.type('application/json; charset=utf-8').send(services);
  });
  let openApi: string | undefined;
  app.get('/openapi.json', async (_request, reply) => {
    openApi ??= JSON.stringify(buildOpenApi(emulator, { bearerAuth: checkToken !== undefined }));
    return reply.type('application/json; charset=utf-8').send(openApi);
  });

  app.post<InvokeRoute>('/invoke/:key', async (request: FastifyRequest<InvokeRoute>, reply: FastifyReply) => {
    const body = request.body;
    let input: unknown = {};
    let options: unknown;
    if (body !== undefined) {
      if (!isPlainObject(body))
        return sendFailure(request, reply, 'INVALID_INPUT', 'The request body must be a JSON object: { "input": {…}, "options": {…} }.');
      if (body.input !== undefined) input = body.input;
      // null options are "no options", as invoke reads them; a null input is not an object.
      options = body.options ?? undefined;
      if (!isPlainObject(input)) return sendFailure(request, reply, 'INVALID_INPUT', '"input" must be a JSON object.');
      if (options !== undefined && !isPlainObject(options)) return sendFailure(request, reply, 'INVALID_INPUT', '"options" must be a JSON object.');
    }
    const out = await emulator.invoke(request.params.key, input, options as InvokeOptions | undefined);
    (request as unknown as RequestOutcome).ipemuCode = out.errorCode;
    // An invocation that outlived close() must not leave its keep-alive socket holding the server open.
    if (closing) reply.header('connection', 'close');
    return reply.code(httpStatusOf(out.errorCode)).send(out);
  });

  return app;
}

function formatUrl(host: string, port: number): string {
  return `http://${host.includes(':') ? `[${host}]` : host}:${port}`;
}

export async function startServer(opts: StartServerOptions): Promise<RunningServer> {
  const app = buildServer(opts);
  const host = opts.host ?? DEFAULT_HOST;
  try {
    await app.listen({ host, port: opts.port ?? DEFAULT_PORT, listenTextResolver: () => 'listening' });
  } catch (err) {
    // EADDRINUSE and the like reach the caller as they are; nothing of the app may stay open.
    await app.close();
    throw err;
  }
  const address = app.server.address();
  const port = typeof address === 'object' && address !== null ? address.port : (opts.port ?? DEFAULT_PORT);
  return { url: formatUrl(host, port), close: () => app.close() };
}
