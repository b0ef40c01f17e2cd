import type { Server } from 'node:http';
import Fastify, { type FastifyHttpOptions, type FastifyInstance, type FastifyReply, type FastifyRequest } from 'fastify';
import { OrgError } from '../../core/org';
import { scrubSecrets } from '../../core/secrets';
import type { MockOrg } from '../mock-org';
import { makeId } from '../../salesforce/ids';
import { CursorStore } from './cursors';
import { registerOAuthRoutes, TokenStore, newAccessToken } from './oauth';
import { apiVersions, isKnownVersion } from './versions';
import { applyListenLimits, DEFAULT_HOST, ListenLimits } from '../../core/listen-defaults';
import { LIMIT_EXCEEDED, NOT_FOUND_BODY, restClientErrorHandler, sendRestError, SESSION_INVALID } from './rest-errors';
import { permissiveNotice } from './token-grants';
import { orgViews } from './org-views';
import { registerQueryRoutes } from './query-routes';
import { registerSObjectRoutes } from './sobject-routes';
import { registerVersionRoot } from './version-root';
import { registerRecordWrites } from './record-writes';
import { oversizeRefusal, registerWire, wireServerOptions, type WireOptions } from './wire';
import { schemeOf } from '../../core/tls-options';
import { bearerOf } from './bearer';
import { identityUrl, registerIdentityRoutes } from './identity';
import { registerSoapLoginRoutes } from './soap-login';
import { JobStore, type BulkQueryOptions } from './bulk-query/job-store';
import { registerBulkQueryRoutes } from './bulk-query/bulk-query-routes';
import { bulkQueryLimits } from './bulk-query/bulk-limits';

export interface MockRestServerOptions extends WireOptions {
  /** The same MockOrg the in-process path runs: no second engine. */
  org: MockOrg;
  host?: string;
  port?: number;
  /** The startup token (the default user's); random when omitted. */
  accessToken?: string;
  /** Request logs as JSON lines on stderr (or `logStream`); URLs are scrubbed of tokens. */
  logger?: boolean;
  /** Where the request logs go instead of stderr (tests). */
  logStream?: NodeJS.WritableStream;
  /** `DailyApiRequests.Max`: reported by /limits and enforced. Default: the fixture's `limits.DailyApiRequests`, else 15,000. */
  dailyApiRequests?: number;
  /** Connection cap, header deadline and keep-alive idle time; defaults in DEFAULT_LISTEN_LIMITS. */
  limits?: Partial<ListenLimits>;
  /** Routes other layers add (the CLI adds the Integration Procedure routes): mock-org imports neither. */
  extensions?: readonly MockRestExtension[];
  /** Bulk API 2.0 query jobs: processing delay, bounds, clock. */
  bulkQuery?: BulkQueryOptions;
}

/** A fastify plugin mounted in one of the REST API's scopes, where its token rules, version check and limits apply. */
export type MockRestRoutes = (scope: FastifyInstance) => Promise<void>;

export interface MockRestExtension {
  /** Mounted under `/services/apexrest`: authenticated, and counted against the daily limit like any API request. */
  apexRest?: MockRestRoutes;
  /** Mounted under `/services/data/:version`: the version checked, authenticated and counted. */
  dataApi?: MockRestRoutes;
}

export interface MockRestServer {
  instanceUrl: string;
  accessToken: string;
  close(): Promise<void>;
  /** REST API requests served so far (what /limits counts). */
  requestCount(): number;
  /** What the token endpoint accepts unchecked (for stderr); undefined when the fixture sets every credential. */
  permissiveNotice: string | undefined;
}

/** Salesforce's default daily API request allowance for the mock org. */
export const DEFAULT_DAILY_API_REQUESTS = 15_000;

export { MAX_URL_BYTES } from './rest-errors';

interface ServerState {
  tokens: TokenStore;
  cursors: CursorStore;
  jobs: JobStore;
  counted: number;
  max: number;
  /** Set once listening (startMockRestServer); inject()-only servers fall back to the default host. */
  instanceUrl?: string;
}

const STATE = Symbol('ipemuRestState');
type AppWithState = FastifyInstance & { [STATE]?: ServerState };

/**
 * What a request log line says of the request: its URL without tokens, since jsforce's identity()
 * sends the access token as `?oauth_token=` (and clients may send `access_token=`).
 */
function loggedRequest(request: FastifyRequest): Record<string, unknown> {
  return { method: request.method, url: scrubSecrets(request.url, []), remoteAddress: request.ip };
}

/** A URL fastify could not route: 401 without a valid token, as everywhere, else NOT_FOUND. */
function answerUnroutable(tokens: TokenStore, request: FastifyRequest, reply: FastifyReply): void {
  if (tokens.userOf(bearerOf(request)) === undefined) void reply.code(401).send(SESSION_INVALID);
  else void reply.code(404).send(NOT_FOUND_BODY);
}

/** Authentication comes first: the routes marked public are the only ones answered without a valid token. */
function authenticate(tokens: TokenStore, request: FastifyRequest, reply: FastifyReply): FastifyReply | undefined {
  if (request.routeOptions.config.publicRoute === true) return undefined;
  const user = tokens.userOf(bearerOf(request));
  if (user === undefined) return reply.code(401).send(SESSION_INVALID);
  request.ipemuUser = user;
  return undefined;
}

/** The fake Salesforce REST API on a MockOrg, for inject() tests and `ipemu mock-org serve`. */
export function buildMockRestServer(opts: MockRestServerOptions): FastifyInstance {
  const state: ServerState = {
    tokens: new TokenStore(),
    cursors: new CursorStore(),
    jobs: new JobStore(opts.bulkQuery),
    counted: 0,
    max: opts.dailyApiRequests ?? opts.org.restSettings.dailyApiRequests ?? DEFAULT_DAILY_API_REQUESTS,
  };
  const app: AppWithState = Fastify({
    ...wireServerOptions(opts),
    logger: opts.logger ? { level: 'info', stream: opts.logStream ?? process.stderr, serializers: { req: loggedRequest } } : false,
    // Node's default 16 KiB header limit would refuse a query URL Salesforce still accepts.
    http: { maxHeaderSize: 64 * 1024 },
    // A URL fastify cannot route (bad percent-encoding, an over-long parameter) names no resource. No hook runs for it, so the token is checked here.
    frameworkErrors: (_err, request, reply) => {
      answerUnroutable(state.tokens, request, reply);
    },
    clientErrorHandler: restClientErrorHandler,
  } as FastifyHttpOptions<Server>);
  const wire = registerWire(app, opts);
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
  const userIds = new Map(baseOrg.userNames().map((name) => [name, baseOrg.asUser(name).userId]));
  app[STATE] = state;
  state.tokens.pin(defaultUser, opts.accessToken ?? newAccessToken());

  // Authentication first, then Salesforce's limit on what it reads of a request.
  wire.afterCors(() =>
    app.addHook('onRequest', async (request, reply) => {
      const refused = authenticate(state.tokens, request, reply);
      if (refused) return refused;
      const oversize = oversizeRefusal(request);
      return oversize ? reply.code(oversize.status).send(oversize.body) : undefined;
    }),
  );

  /** An API request: refused past the daily limit, else counted. /limits neither counts nor is refused, so a client can still see why. */
  const countRequest = async (request: FastifyRequest, reply: FastifyReply): Promise<FastifyReply | undefined> => {
    if (request.routeOptions.url?.endsWith('/limits')) return undefined;
    if (state.counted >= state.max) return reply.code(403).send(LIMIT_EXCEEDED);
    state.counted++;
    return undefined;
  };

  const oauth = {
    tokens: state.tokens,
    defaultUser,
    settings: baseOrg.restSettings,
    userNames: () => baseOrg.userNames(),
    isActive: (user: string) => baseOrg.systemValues('User', userIds.get(user) ?? '')?.IsActive !== false,
    userIdOf: (user: string) => userIds.get(user) ?? makeId('005', 0),
    instanceUrl: () => state.instanceUrl ?? `${schemeOf(opts.tls)}://${DEFAULT_HOST}`,
  };
  registerOAuthRoutes(app, oauth);
  registerIdentityRoutes(app, { ...oauth, org: baseOrg });
  registerSoapLoginRoutes(app, { ...oauth, org: baseOrg });

  app.get('/services/data', { config: { publicRoute: true } }, async () => apiVersions());

  // Everything under a version (already authenticated): versions checked, then the daily limit enforced and counted.
  app.register(
    async (api) => {
      api.addHook('onRequest', async (request, reply) => {
        const version = (request.params as { version?: string }).version ?? '';
        if (!isKnownVersion(version)) return reply.code(404).send(NOT_FOUND_BODY);
        return countRequest(request, reply);
      });
      for (const extension of opts.extensions ?? []) if (extension.dataApi) void api.register(extension.dataApi);

      const orgOf = orgViews(orgFor);
      void api.register(async (scope) =>
        registerVersionRoot(scope, (request) => identityUrl(oauth.instanceUrl(), oauth.userIdOf(request.ipemuUser as string))),
      );
      void api.register(async (scope) => registerQueryRoutes(scope, { orgOf, cursors: state.cursors }));
      void api.register(async (scope) => registerSObjectRoutes(scope, { orgOf }));
      void api.register(async (scope) => registerBulkQueryRoutes(scope, { orgOf, jobs: state.jobs }));
      void api.register(async (writes) => registerRecordWrites(writes, orgFor));

      api.get('/limits', async () => ({
        DailyApiRequests: { Max: state.max, Remaining: Math.max(0, state.max - state.counted) },
        ...bulkQueryLimits(state.jobs),
      }));
    },
    { prefix: '/services/data/:version' },
  );

  const apexRest = (opts.extensions ?? []).flatMap((extension) => (extension.apexRest ? [extension.apexRest] : []));
  if (apexRest.length > 0) {
    app.register(
      async (scope) => {
        scope.addHook('onRequest', countRequest);
        for (const routes of apexRest) void scope.register(routes);
      },
      { prefix: '/services/apexrest' },
    );
  }

  app.setNotFoundHandler((request, reply) => wire.answerUnrouted(request, reply, () => reply.code(404).send(NOT_FOUND_BODY)));
  app.setErrorHandler((err, request, reply) => sendRestError(err, request, reply));
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
  const instanceUrl = `${url.protocol}//${url.host}`;
  (app as AppWithState)[STATE]!.instanceUrl = instanceUrl;
  return {
    instanceUrl,
    accessToken,
    close: () => app.close(),
    requestCount: () => requestCountOf(app),
    permissiveNotice: permissiveNotice(opts.org.restSettings),
  };
}

declare module 'fastify' {
  interface FastifyRequest {
    ipemuUser?: string;
  }
}
