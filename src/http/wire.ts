import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { corsPluginOptions, type CorsOrigins } from '../core/cors-options';
import { RouteMethods } from '../core/route-methods';
import { handleNotFound, sendFailure } from './error-replies';

/**
 * `ipemu serve`'s transport before any route: CORS when asked for, and 405 for a method a path
 * does not take. Neither adds work to a routed request without `--cors`: the routes are recorded
 * as they are declared, and looked at only when the router found nothing.
 */

/** What a browser page may ask a preflight for: the server's routes are GET and POST. */
const SERVE_METHODS = ['GET', 'HEAD', 'POST'];

export interface ServeWire {
  /** Runs `register` after the CORS plugin when there is one, so that it answers preflights (which carry no token) and puts its header on every reply, 401 included. */
  afterCors(register: () => void): void;
  /** The not-found handler: 405 (INVOKE-400, with `Allow`) for a path that takes other methods, else the 404 INVOKE-404. */
  notFound(request: FastifyRequest, reply: FastifyReply): FastifyReply;
}

/** Call first, before any route or hook. */
export function registerServeWire(app: FastifyInstance, cors: CorsOrigins | undefined): ServeWire {
  const routes = new RouteMethods({ lenientSlashes: false });
  app.addHook('onRoute', (route) => routes.add(route.method, route.url));
  if (cors !== undefined) void app.register(import('@fastify/cors'), corsPluginOptions(cors, SERVE_METHODS));
  return {
    afterCors: (register) => {
      if (cors === undefined) register();
      else
        app.after((err) => {
          if (err) throw err;
          register();
        });
    },
    notFound: (request, reply) => {
      const allowed = routes.allowedOn(request.url);
      // A route that found no resource (reply.callNotFound) takes its own method: that is a 404.
      if (allowed.length === 0 || allowed.includes(request.method)) return handleNotFound(request, reply);
      void reply.header('allow', allowed.join(', '));
      return sendFailure(request, reply, 'INVALID_INPUT', `HTTP Method '${request.method}' not allowed. Allowed are ${allowed.join(',')}`, 405);
    },
  };
}
