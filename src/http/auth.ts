import type { FastifyReply, FastifyRequest } from 'fastify';
import { IpemuError } from '../core/errors';
import { isLoopbackHost } from '../core/listen-defaults';
import { secretMatcher } from '../core/secrets';
import { sendFailure } from './error-replies';

/** Checks an `Authorization` header value against the server's bearer token. */
export type TokenCheck = (authorization: string | undefined) => boolean;

/** Below this a token can be guessed; the CLI warns (a library caller chose it on purpose). */
export const MIN_TOKEN_LENGTH = 16;

const BEARER = /^bearer[ \t]+/i;
// Visible ASCII and inner spaces: a client cannot reliably send anything else in a header.
const SENDABLE = /^[\x20-\x7e]*$/;

/** Why `token` could never authenticate a request (so must not start a server), or undefined. */
export function tokenProblem(token: string): string | undefined {
  if (token.length === 0) return 'The server token must not be empty: an empty IPEMU_TOKEN or --token would leave the server open.';
  if (token.trim() !== token) {
    return 'The server token must not start or end with whitespace (a trailing newline or CR from a file?): no request could ever match it.';
  }
  if (!SENDABLE.test(token)) return 'The server token must be printable ASCII: a client cannot send other characters in an Authorization header.';
  return undefined;
}

/** The stderr warning for a token short enough to guess, or undefined. */
export function shortTokenWarning(token: string): string | undefined {
  if (token.length >= MIN_TOKEN_LENGTH) return undefined;
  return `warning: the server token is ${token.length} characters long; use at least ${MIN_TOKEN_LENGTH} random characters (for example: openssl rand -hex 32).`;
}

/** The presented bearer token is compared in constant time (`secretMatcher`: the server's token is hashed once, not per request). */
export function createTokenCheck(token: string): TokenCheck {
  const problem = tokenProblem(token);
  if (problem !== undefined) throw new IpemuError('INVALID_INPUT', problem);
  const matches = secretMatcher(token);
  return (authorization) => {
    if (typeof authorization !== 'string' || !BEARER.test(authorization)) return false;
    return matches(authorization.replace(BEARER, '').trim());
  };
}

// A host name (no colon) or a bracketed IPv6 literal, then an optional port.
const HOST_HEADER = /^(\[[0-9a-f:.]+\]|[^:[\]]+)(?::\d{1,5})?$/i;

/** Whether a `Host` header names this machine's loopback, whatever the port (a tunnel may change it). */
export function isLoopbackHostHeader(host: string | undefined): boolean {
  const name = host === undefined ? undefined : HOST_HEADER.exec(host)?.[1];
  return name !== undefined && isLoopbackHost(name);
}

/**
 * Answers a request that may not go on (and returns true), or returns false. With a token every
 * route but `exempt` needs it; without one, only requests addressed to a loopback name are
 * answered, because a browser page whose DNS name was rebound to 127.0.0.1 sends its own name.
 */
export type RequestGuard = (request: FastifyRequest, reply: FastifyReply, exempt: boolean) => boolean;

/**
 * Another credential some requests may carry instead of the bearer header (the API page's cookie):
 * 'pass' lets the request on, 'sent' means it answered itself, 'refuse' leaves it to the 401.
 * Asked only once the bearer check failed, so an authorised request pays nothing for it.
 */
export type OtherCredential = (request: FastifyRequest, reply: FastifyReply) => 'pass' | 'sent' | 'refuse';

export function createRequestGuard(token: string | undefined, other?: OtherCredential): RequestGuard {
  if (token === undefined) {
    return (request, reply) => {
      if (isLoopbackHostHeader(request.headers.host)) return false;
      sendFailure(
        request,
        reply,
        'INVALID_INPUT',
        'This server has no token, so it answers only requests addressed to 127.0.0.1, localhost or [::1]; start it with --token (or IPEMU_TOKEN) to serve other host names.',
        421,
      );
      return true;
    };
  }
  const checkToken = createTokenCheck(token);
  return (request, reply, exempt) => {
    if (exempt || checkToken(request.headers.authorization)) return false;
    const verdict = other?.(request, reply) ?? 'refuse';
    if (verdict !== 'refuse') return verdict === 'sent';
    reply.header('www-authenticate', 'Bearer');
    sendFailure(request, reply, 'UNAUTHORIZED', 'Missing or wrong bearer token: send Authorization: Bearer <token>.');
    return true;
  };
}
