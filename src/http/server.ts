import Fastify, { FastifyBaseLogger, FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { Emulator } from '../core/emulator';
import { MAX_TIMEOUT_MS } from '../core/emulator';
import { httpStatusOf } from '../core/errors';
import { createRequestGuard } from './auth';
import { createHttpLogger, RequestLogController, RequestOutcome } from './logging';
import { handleClientError, handleError } from './error-replies';
import { openApiRoute } from './openapi-route';
import type { OutputMap } from '../core/envelope';
import { readInvokeBody } from './invoke-body';
import { apexRestRoutes, connectRoutes } from './procedure-routes';
import { docsPage } from './docs-page';
import { createDocsSession } from './docs-session';
import { applyListenLimits, DEFAULT_HOST, DEFAULT_SERVE_PORT, ListenLimits } from '../core/listen-defaults';
import { schemeOf, type TlsKeyPair } from '../core/tls-options';
import type { CorsOrigins } from '../core/cors-options';
import { registerServeWire } from './wire';

export interface ServerOptions {
  emulator: Emulator;
  /**
   * Bearer token every route but /healthz requires; empty, whitespace-padded or non-ASCII is refused.
   * Without one, only requests whose Host is 127.0.0.1, localhost or [::1] are answered (DNS rebinding).
   */
  token?: string;
  /** pino level; default 'info'. */
  logLevel?: string;
  /** Where JSON log lines go; default stderr. */
  logStream?: NodeJS.WritableStream;
  /** Largest request body in bytes; default 1 MiB. */
  bodyLimit?: number;
  /** Connection cap, header deadline and keep-alive idle time; defaults in DEFAULT_LISTEN_LIMITS. */
  limits?: Partial<ListenLimits>;
  /** Serve the interactive API page at /docs; default true. */
  docs?: boolean;
  /** HTTPS with this key pair; HTTP without. */
  tls?: TlsKeyPair;
  /** Origins a browser page may call from (`*` for any); no CORS without. */
  cors?: CorsOrigins;
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

interface KeyRoute {
  Params: { key: string };
  Body: unknown;
}

export function buildServer(opts: ServerOptions): FastifyInstance {
  const { emulator } = opts;
  const docs = opts.docs ?? true;
  const guard = createRequestGuard(opts.token, docs && opts.token !== undefined ? createDocsSession(opts.token) : undefined);
  const logger = createHttpLogger(opts.logLevel, opts.logStream);
  const app = Fastify({
    ...(opts.tls ? { https: opts.tls } : {}),
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
    // A URL the router cannot decode skips the hooks: the guard runs here first, so it is still 401.
    frameworkErrors: (error, request, reply) => {
      if (!guard(request, reply, false)) handleError(error, request, reply);
    },
    clientErrorHandler: handleClientError,
    // fastify's 503 while closing has its own body; requests still arriving are answered (with Connection: close).
    return503OnClosing: false,
  }) as unknown as FastifyInstance;
  const wire = registerServeWire(app, opts.cors);
  applyListenLimits(app.server, opts.limits);

  let closing = false;
  app.addHook('preClose', (done) => {
    closing = true;
    done();
  });
  app.decorateRequest('ipemuCode', '');
  app.setErrorHandler(handleError);
  app.setNotFoundHandler(wire.notFound);

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

  // First of all hooks, so nothing (body parsing, routing answers) reaches a caller the guard refuses.
  wire.afterCors(() =>
    app.addHook('onRequest', (request, reply, done) => {
      if (!guard(request, reply, request.routeOptions.url === '/healthz')) done();
    }),
  );

  app.get('/healthz', async () => ({ status: 'ok' }));

  // The registry cannot change once the emulator exists, so both documents are built once.
  let services: string | undefined;
  app.get('/services', async (_request, reply) => {
    services ??= JSON.stringify(emulator.services());
    return reply.type('application/json; charset=utf-8').send(services);
  });
  app.get('/openapi.json', openApiRoute(emulator, { bearerAuth: opts.token !== undefined }));

  const beforeAnswer = (request: FastifyRequest, reply: FastifyReply, errorCode: string): void => {
    (request as unknown as RequestOutcome).ipemuCode = errorCode;
    // A call that outlived close() must not leave its keep-alive socket holding the server open.
    if (closing) reply.header('connection', 'close');
  };
  /** The answer to a finished call: its INVOKE code logged, its status from the table. */
  const answer = (request: FastifyRequest, reply: FastifyReply, out: OutputMap): FastifyReply => {
    beforeAnswer(request, reply, out.errorCode);
    return reply.code(httpStatusOf(out.errorCode)).send(out);
  };

  app.post<KeyRoute>('/invoke/:key', async (request: FastifyRequest<KeyRoute>, reply: FastifyReply) => {
    const body = readInvokeBody(request, reply);
    if ('sent' in body) return body.sent;
    return answer(request, reply, await emulator.invoke(request.params.key, body.input, body.options));
  });

  app.post<KeyRoute>('/procedures/:key', async (request: FastifyRequest<KeyRoute>, reply: FastifyReply) => {
    const body = readInvokeBody(request, reply);
    if ('sent' in body) return body.sent;
    return answer(request, reply, await emulator.runProcedure(request.params.key, body.input, body.options));
  });

  // The routes an org serves for Integration Procedures, with the same guard and error handler.
  const procedureRoutes = { runnerOf: () => emulator, onAnswer: beforeAnswer };
  void app.register(apexRestRoutes(procedureRoutes), { prefix: '/services/apexrest' });
  void app.register(connectRoutes(procedureRoutes), { prefix: '/services/data/:version' });
  if (docs) void app.register(docsPage({ emulator, bearerAuth: opts.token !== undefined }));

  return app;
}

function formatUrl(scheme: string, host: string, port: number): string {
  return `${scheme}://${host.includes(':') ? `[${host}]` : host}:${port}`;
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
  return { url: formatUrl(schemeOf(opts.tls), host, port), close: () => app.close() };
}
