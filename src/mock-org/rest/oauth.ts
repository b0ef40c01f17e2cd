import { createHmac, randomBytes } from 'node:crypto';
import type { FastifyInstance } from 'fastify';
import { LRUCache } from 'lru-cache';
import { MOCK_ORG_ID } from '../schema/users';
import { isPlainObject } from '../../core/plain-object';
import { grantFor, type GrantContext } from './token-grants';
import { identityUrl } from './identity-bodies';

// Its home is the schema, where the Organization record gets it too.
export { MOCK_ORG_ID };

/** The token endpoint's path; its replies are OAuth bodies, not the REST API's error array. */
export const TOKEN_PATH = '/services/oauth2/token';

/** How many issued tokens are kept; the start-up token comes on top and is never evicted. */
export const MAX_TOKENS = 10_000;

export function newAccessToken(): string {
  // Salesforce access tokens start with the 15-character org Id and a '!'.
  return `${MOCK_ORG_ID.slice(0, 15)}!${randomBytes(24).toString('base64url')}`;
}

/** Which user each access token belongs to. */
export class TokenStore {
  /** The start-up token: what `mock-org serve` printed must keep working however many tokens are asked for. */
  private readonly pinned = new Map<string, string>();
  /** Bounded: past MAX_TOKENS the least recently used issued token stops working. */
  private readonly issued = new LRUCache<string, string>({ max: MAX_TOKENS });

  /** A token that is never evicted. */
  pin(user: string, token: string): string {
    this.pinned.set(token, user);
    return token;
  }

  issue(user: string, token = newAccessToken()): string {
    this.issued.set(token, user);
    return token;
  }

  /** Ends an issued token (SOAP logout). (ipemu) The start-up token is never revoked: what `mock-org serve` printed keeps working. */
  revoke(token: string): void {
    this.issued.delete(token);
  }

  userOf(token: string | undefined): string | undefined {
    return token === undefined ? undefined : (this.pinned.get(token) ?? this.issued.get(token));
  }

  /** Issued tokens held (the pinned one not counted). */
  get size(): number {
    return this.issued.size;
  }
}

export interface OAuthDeps extends GrantContext {
  tokens: TokenStore;
  /** Fixture users get stable, valid 005 Ids in the order the fixtures list them. */
  userIdOf(user: string): string;
  /** The server's own URL: never taken from the request's `Host`, which the client controls. */
  instanceUrl(): string;
}

/** `POST /services/oauth2/token`: password (username picks the fixture user), refresh_token, client_credentials. */
export function registerOAuthRoutes(app: FastifyInstance, deps: OAuthDeps): void {
  const signingKey = randomBytes(32);
  app.addContentTypeParser('application/x-www-form-urlencoded', { parseAs: 'string' }, (_req, body, done) => {
    done(null, Object.fromEntries(new URLSearchParams(String(body))));
  });

  app.post(TOKEN_PATH, { config: { publicRoute: true } }, async (request, reply) => {
    const params = isPlainObject(request.body) ? request.body : {};
    const outcome = grantFor(params, deps);
    if ('refused' in outcome) return reply.code(400).send(outcome.refused);
    const { user } = outcome;
    const accessToken = deps.tokens.issue(user);
    const instanceUrl = deps.instanceUrl();
    const id = identityUrl(instanceUrl, deps.userIdOf(user));
    const issuedAt = String(Date.now());
    const signature = createHmac('sha256', signingKey)
      .update(id + issuedAt)
      .digest('base64');
    return reply.send({ access_token: accessToken, instance_url: instanceUrl, id, token_type: 'Bearer', issued_at: issuedAt, signature });
  });
}

declare module 'fastify' {
  interface FastifyContextConfig {
    /** Answered without a bearer token (the token endpoint, the version list). */
    publicRoute?: boolean;
  }
}
