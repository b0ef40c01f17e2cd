import Fastify, { type FastifyInstance, type FastifyReply, type FastifyRequest } from 'fastify';
import { isOrgError, OrgError } from '../../core/org';
import type { MockOrg } from '../mock-org';
import { makeId } from '../../salesforce/ids';
import { CursorStore } from './cursors';
import { registerOAuthRoutes, TokenStore, newAccessToken } from './oauth';
import { apiVersions, isKnownVersion } from './versions';
import { isApiName } from '../../salesforce/api-names';
import { applyListenLimits, DEFAULT_HOST, ListenLimits } from '../../core/listen-defaults';

export interface MockRestServerOptions {
  /** The same MockOrg the in-process path runs: no second engine. */
  org: MockOrg;
  host?: string;
  port?: number;
  /** The startup token (the default user's); random when omitted. */
  accessToken?: string;
  /** Request logs as JSON lines on stderr. */
  logger?: boolean;
  /** `DailyApiRequests.Max` reported by /limits. */
  dailyApiRequests?: number;
  /** Connection cap, header deadline and keep-alive idle time; defaults in DEFAULT_LISTEN_LIMITS. */
  limits?: Partial<ListenLimits>;
}

export interface MockRestServer {
  instanceUrl: string;
  accessToken: string;
  close(): Promise<void>;
  /** REST API requests served so far (what /limits counts). */
  requestCount(): number;
}

/** Salesforce's limit on the request URL plus headers. */
export const MAX_URL_BYTES = 16_384;

const SESSION_INVALID = [{ message: 'Session expired or invalid', errorCode: 'INVALID_SESSION_ID' }];
const NOT_FOUND_BODY = [{ errorCode: 'NOT_FOUND', message: 'The requested resource does not exist' }];

interface ServerState {
  tokens: TokenStore;
  cursors: CursorStore;
  counted: number;
  max: number;
}

const STATE = Symbol('ipemuRestState');
type AppWithState = FastifyInstance & { [STATE]?: ServerState };

function bearerOf(request: FastifyRequest): string | undefined {
  const header = request.headers.authorization;
  const m = typeof header === 'string' ? /^(?:Bearer|OAuth)\s+(\S+)$/i.exec(header) : null;
  return m ? m[1] : undefined;
}

function sendError(reply: FastifyReply, err: unknown): FastifyReply {
  if (isOrgError(err)) return reply.code(err.status).send(err.toRestBody());
  reply.log.error({ err: (err as Error)?.message }, 'mock org failed');
  return reply
    .code(500)
    .send([{ errorCode: 'UNKNOWN_EXCEPTION', message: 'An unexpected error occurred. Please include this ErrorId if you contact support.' }]);
}

/** The fake Salesforce REST API on a MockOrg, for inject() tests and `ipemu mock-org serve`. */
export function buildMockRestServer(opts: MockRestServerOptions): FastifyInstance {
  const app: AppWithState = Fastify({
    logger: opts.logger ? { level: 'info', stream: process.stderr } : false,
    // Node's default 16 KiB header limit would refuse a query URL Salesforce still accepts.
    http: { maxHeaderSize: 64 * 1024 },
  });
  applyListenLimits(app.server, opts.limits);
  const baseOrg = opts.org;
  const defaultUser = baseOrg.userName;
  const users = new Map<string, MockOrg>([[defaultUser, baseOrg]]);
  const orgFor = (user: string): MockOrg => {
    let org = users.get(user);
    if (!org) {
      org = baseOrg.asUser(user);
      users.set(user, org);
    }
    return org;
  };
  const userIds = new Map(baseOrg.userNames().map((name, i) => [name, makeId('005', i + 1)]));
  const state: ServerState = {
    tokens: new TokenStore(),
    cursors: new CursorStore(),
    counted: 0,
    max: opts.dailyApiRequests ?? 15_000,
  };
  app[STATE] = state;
  state.tokens.issue(defaultUser, opts.accessToken ?? newAccessToken());

  registerOAuthRoutes(app, {
    tokens: state.tokens,
    defaultUser,
    userNames: () => baseOrg.userNames(),
    userIdOf: (user) => userIds.get(user) ?? makeId('005', 0),
    instanceUrl: (request) => `${request.protocol}://${request.headers.host ?? DEFAULT_HOST}`,
  });

  app.get('/services/data', async () => apiVersions());
  app.get('/services/data/', async () => apiVersions());

  // Everything under a version: authenticated, counted, versions checked.
  app.register(
    async (api) => {
      api.addHook('onRequest', async (request, reply) => {
        const version = (request.params as { version?: string }).version ?? '';
        if (!isKnownVersion(version)) return reply.code(404).send(NOT_FOUND_BODY);
        if (Buffer.byteLength(request.url) > MAX_URL_BYTES) {
          return reply.code(414).send([{ errorCode: 'URI_TOO_LONG', message: `The request URL exceeds ${MAX_URL_BYTES} bytes.` }]);
        }
        const user = state.tokens.userOf(bearerOf(request));
        if (user === undefined) return reply.code(401).send(SESSION_INVALID);
        request.ipemuUser = user;
        const [path = ''] = request.url.split('?');
        if (!path.endsWith('/limits')) state.counted++;
        return undefined;
      });

      const queryUrl = (request: FastifyRequest): string => `/services/data/${(request.params as { version: string }).version}/query`;

      api.get('/query', async (request, reply) => {
        const q = (request.query as { q?: unknown }).q;
        if (typeof q !== 'string' || q.trim() === '') {
          return reply.code(400).send([{ errorCode: 'MALFORMED_QUERY', message: 'A query string has to be specified' }]);
        }
        try {
          const result = orgFor(request.ipemuUser as string).querySync(q);
          return state.cursors.firstPage(result.records, result.totalSize, request.ipemuUser as string, queryUrl(request));
        } catch (err) {
          return sendError(reply, err);
        }
      });

      api.get('/query/:locator', async (request, reply) => {
        const { locator } = request.params as { locator: string };
        const page = state.cursors.page(locator, request.ipemuUser as string, queryUrl(request));
        if (!page) return reply.code(400).send([{ errorCode: 'INVALID_QUERY_LOCATOR', message: 'invalid query locator' }]);
        return page;
      });

      api.get('/sobjects', async (request, reply) => {
        try {
          return orgFor(request.ipemuUser as string).describeGlobal();
        } catch (err) {
          return sendError(reply, err);
        }
      });

      api.get('/sobjects/:sobject/describe', async (request, reply) => {
        const { sobject } = request.params as { sobject: string };
        if (!isApiName(sobject)) return reply.code(404).send(NOT_FOUND_BODY);
        try {
          return orgFor(request.ipemuUser as string).describeSync(sobject);
        } catch (err) {
          return sendError(reply, err);
        }
      });

      api.get('/sobjects/:sobject/:id', async (request, reply) => {
        const { sobject, id } = request.params as { sobject: string; id: string };
        if (!isApiName(sobject)) return reply.code(404).send(NOT_FOUND_BODY);
        try {
          const record = orgFor(request.ipemuUser as string).retrieve(sobject, id);
          if (record === undefined || record === null) return reply.code(404).send(NOT_FOUND_BODY);
          return record;
        } catch (err) {
          return sendError(reply, err);
        }
      });

      api.get('/limits', async () => ({
        DailyApiRequests: { Max: state.max, Remaining: Math.max(0, state.max - state.counted) },
      }));
    },
    { prefix: '/services/data/:version' },
  );

  app.setNotFoundHandler((_request, reply) => reply.code(404).send(NOT_FOUND_BODY));
  app.setErrorHandler((err: { statusCode?: number; message?: string }, _request, reply) => {
    const status = typeof err.statusCode === 'number' && err.statusCode >= 400 ? err.statusCode : 500;
    const errorCode = status >= 500 ? 'UNKNOWN_EXCEPTION' : status === 415 ? 'UNSUPPORTED_MEDIA_TYPE' : 'INVALID_REQUEST';
    return reply.code(status).send([{ errorCode, message: status >= 500 ? 'An unexpected error occurred.' : String(err.message ?? 'Bad request') }]);
  });
  return app;
}

/** A fresh access token for a user of a server built by buildMockRestServer (for inject() tests). */
export function issueTokenFor(app: FastifyInstance, user: string): string {
  const state = (app as AppWithState)[STATE];
  if (!state) throw new OrgError('NOT_FOUND', 'Not a mock REST server.', 404);
  return state.tokens.issue(user);
}

/** REST requests counted so far by a server built by buildMockRestServer. */
export function requestCountOf(app: FastifyInstance): number {
  return (app as AppWithState)[STATE]?.counted ?? 0;
}

export async function startMockRestServer(opts: MockRestServerOptions): Promise<MockRestServer> {
  const accessToken = opts.accessToken ?? newAccessToken();
  const app = buildMockRestServer({ ...opts, accessToken });
  const address = await app.listen({ host: opts.host ?? DEFAULT_HOST, port: opts.port ?? 0 });
  const url = new URL(address);
  return {
    instanceUrl: `${url.protocol}//${url.host}`,
    accessToken,
    close: () => app.close(),
    requestCount: () => requestCountOf(app),
  };
}

declare module 'fastify' {
  interface FastifyRequest {
    ipemuUser?: string;
  }
}
