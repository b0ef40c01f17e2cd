import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { corsPluginOptions, type CorsOrigins } from '../../core/cors-options';
import { RouteMethods } from '../../core/route-methods';
import type { TlsKeyPair } from '../../core/tls-options';
import { HEADERS_TOO_LARGE, MAX_URL_BYTES, MethodNotAllowed, sendRestError, URI_TOO_LONG, type RestErrorItem } from './rest-errors';

/**
 * The fake REST API's transport, as clients meet it before any resource: HTTPS, paths written the
 * way clients write them, CORS, a wrong method, and Salesforce's limit on the URL and headers.
 */

/** Every method some resource of the API takes: what a CORS preflight may ask for. */
const API_METHODS = ['GET', 'HEAD', 'POST', 'PATCH', 'PUT', 'DELETE'];

export interface WireOptions {
  /** HTTPS with this key pair; HTTP without. */
  tls?: TlsKeyPair;
  /** Origins a browser page may call from; no CORS without. */
  cors?: CorsOrigins;
}

/**
 * fastify's server options for the wire: `/query/`, `/limits/`, `/sobjects/X/` (simple-salesforce)
 * and `//services/…` (the sf CLI keeps instance URLs with a trailing slash) route like the plain
 * path. Both are a string check the router makes on every lookup, nothing more.
 */
export function wireServerOptions(opts: WireOptions): { https?: TlsKeyPair; routerOptions: { ignoreTrailingSlash: true; ignoreDuplicateSlashes: true } } {
  return { ...(opts.tls ? { https: opts.tls } : {}), routerOptions: { ignoreTrailingSlash: true, ignoreDuplicateSlashes: true } };
}

export interface Wire {
  /** After the CORS plugin when there is one, so that it answers preflights (which carry no token) and puts its header on every reply, 401 included. */
  afterCors(register: () => void): void;
  /** A path no route has for this method: 405 naming the methods it takes, or 404. */
  answerUnrouted(request: FastifyRequest, reply: FastifyReply, notFound: () => FastifyReply): FastifyReply;
}

/** Call first, before any route or hook: it records every route the API declares. */
export function registerWire(app: FastifyInstance, opts: WireOptions): Wire {
  const routes = new RouteMethods({ lenientSlashes: true });
  app.addHook('onRoute', (route) => routes.add(route.method, route.url));
  const { cors } = opts;
  if (cors !== undefined) void app.register(import('@fastify/cors'), corsPluginOptions(cors, API_METHODS));
  return {
    afterCors: (register) => {
      if (cors === undefined) register();
      else
        app.after((err) => {
          if (err) throw err;
          register();
        });
    },
    answerUnrouted: (request, reply, notFound) => {
      const allowed = routes.allowedOn(request.url);
      // A route that found no resource (reply.callNotFound) takes its own method: that is a 404.
      if (allowed.length === 0 || allowed.includes(request.method)) return notFound();
      return sendRestError(new MethodNotAllowed(request.method, allowed), request, reply);
    },
  };
}

/** Salesforce's refusal of a request too long to read: the URL (414), else the URL and headers (431). */
export function oversizeRefusal(request: FastifyRequest): { status: number; body: RestErrorItem[] } | undefined {
  const urlBytes = Buffer.byteLength(request.url);
  if (urlBytes > MAX_URL_BYTES) return { status: 414, body: URI_TOO_LONG };
  let bytes = urlBytes;
  const raw = request.raw.rawHeaders;
  for (let i = 0; i < raw.length; i++) bytes += Buffer.byteLength(raw[i]!);
  if (bytes > MAX_URL_BYTES) return { status: 431, body: HEADERS_TOO_LARGE };
  return undefined;
}
