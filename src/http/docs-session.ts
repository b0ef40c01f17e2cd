import { randomBytes } from 'node:crypto';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { secretMatcher } from '../core/secrets';
import type { OtherCredential } from './auth';

/** Where the API page and its assets live (`GET /docs`, `/docs/...`). */
export const DOCS_PREFIX = '/docs';

/** The query parameter that trades the server's token for the page's cookie, once. */
export const DOCS_TOKEN_PARAM = 'token';

/** Whether a matched route is the API page or one of its assets. */
export function isDocsRoute(route: string | undefined): boolean {
  return route !== undefined && (route === DOCS_PREFIX || route.startsWith(`${DOCS_PREFIX}/`));
}

/**
 * Ports share a host's cookies, so each server names its own: two `ipemu serve` on one machine
 * must not log each other out.
 */
function cookieName(request: FastifyRequest): string {
  return `ipemu_docs_${request.socket.localPort ?? 0}`;
}

function cookieValue(header: string | undefined, name: string): string | undefined {
  if (header === undefined) return undefined;
  for (const part of header.split(';')) {
    const eq = part.indexOf('=');
    if (eq > 0 && part.slice(0, eq).trim() === name) return part.slice(eq + 1).trim();
  }
  return undefined;
}

/**
 * How a browser opens the API page on a server with a token, since a browser cannot add an
 * Authorization header to a page it navigates to: `GET /docs?token=<token>` answers 303 to the
 * same address without the token and sets an HttpOnly, SameSite=Strict cookie scoped to /docs.
 * The cookie holds a random session value made at start (never the token itself), so it opens
 * only GET and HEAD of the page and its assets: every call the page makes still needs the bearer
 * header (Swagger UI's Authorize button), and a restart logs the browser out.
 */
export function createDocsSession(token: string): OtherCredential {
  const tokenMatches = secretMatcher(token);
  const session = randomBytes(32).toString('base64url');
  const sessionMatches = secretMatcher(session);
  return (request, reply) => {
    if ((request.method !== 'GET' && request.method !== 'HEAD') || !isDocsRoute(request.routeOptions.url)) return 'refuse';
    const queryAt = request.url.indexOf('?');
    const path = queryAt < 0 ? request.url : request.url.slice(0, queryAt);
    const query = new URLSearchParams(queryAt < 0 ? '' : request.url.slice(queryAt + 1));
    const presented = query.get(DOCS_TOKEN_PARAM);
    if (presented !== null) {
      if (!tokenMatches(presented)) return 'refuse';
      query.delete(DOCS_TOKEN_PARAM);
      signIn(request, reply, session, path, query);
      return 'sent';
    }
    const cookie = cookieValue(request.headers.cookie, cookieName(request));
    return cookie !== undefined && sessionMatches(cookie) ? 'pass' : 'refuse';
  };
}

function signIn(request: FastifyRequest, reply: FastifyReply, session: string, path: string, rest: URLSearchParams): void {
  const secure = request.protocol === 'https' ? '; Secure' : '';
  const others = rest.toString();
  // The route matched, so `path` starts with /docs: the Location cannot point at another site.
  void reply
    .code(303)
    .header('set-cookie', `${cookieName(request)}=${session}; Path=${DOCS_PREFIX}; HttpOnly; SameSite=Strict${secure}`)
    .header('location', others === '' ? path : `${path}?${others}`)
    .header('cache-control', 'no-store')
    .header('referrer-policy', 'no-referrer')
    .send();
}
