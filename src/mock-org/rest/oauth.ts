import { createHmac, randomBytes } from 'node:crypto';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { LRUCache } from 'lru-cache';
import { makeId } from '../../salesforce/ids';

/** The org Id the fake REST API reports (in identity URLs and token prefixes). */
export const MOCK_ORG_ID = makeId('00D', 1);

export const MAX_TOKENS = 10_000;

export function newAccessToken(): string {
  // Salesforce access tokens start with the 15-character org Id and a '!'.
  return `${MOCK_ORG_ID.slice(0, 15)}!${randomBytes(24).toString('base64url')}`;
}

/** Which user each access token belongs to; the startup token is the default user's. */
export class TokenStore {
  /** Bounded: past MAX_TOKENS the least recently used token stops working. */
  private readonly users = new LRUCache<string, string>({ max: MAX_TOKENS });

  issue(user: string, token = newAccessToken()): string {
    this.users.set(token, user);
    return token;
  }

  userOf(token: string | undefined): string | undefined {
    return token === undefined ? undefined : this.users.get(token);
  }
}

export interface OAuthDeps {
  tokens: TokenStore;
  defaultUser: string;
  userNames(): readonly string[];
  /** Fixture users get stable, valid 005 Ids in the order the fixtures list them. */
  userIdOf(user: string): string;
  instanceUrl(request: FastifyRequest): string;
}

function invalidGrant(): { error: string; error_description: string } {
  return { error: 'invalid_grant', error_description: 'authentication failure' };
}

/** `POST /services/oauth2/token`: password (username picks the fixture user), refresh_token, client_credentials. */
export function registerOAuthRoutes(app: FastifyInstance, deps: OAuthDeps): void {
  const signingKey = randomBytes(32);
  app.addContentTypeParser('application/x-www-form-urlencoded', { parseAs: 'string' }, (_req, body, done) => {
    done(null, Object.fromEntries(new URLSearchParams(String(body))));
  });

  app.post('/services/oauth2/token', async (request, reply) => {
    const params = (typeof request.body === 'object' && request.body !== null ? request.body : {}) as Record<string, unknown>;
    const grantType = params.grant_type;
    let user: string | undefined;
    if (grantType === 'password') {
      // (ipemu) Fixture users have no passwords: any password is accepted, the username decides.
      const name = typeof params.username === 'string' ? params.username : '';
      user = deps.userNames().find((u) => u === name);
    } else if (grantType === 'refresh_token') {
      user = typeof params.refresh_token === 'string' && params.refresh_token !== '' ? deps.defaultUser : undefined;
    } else if (grantType === 'client_credentials') {
      user = deps.defaultUser;
    } else {
      return reply.code(400).send({ error: 'unsupported_grant_type', error_description: 'grant type not supported' });
    }
    if (user === undefined) return reply.code(400).send(invalidGrant());
    const accessToken = deps.tokens.issue(user);
    const instanceUrl = deps.instanceUrl(request);
    const id = `${instanceUrl}/id/${MOCK_ORG_ID}/${deps.userIdOf(user)}`;
    const issuedAt = String(Date.now());
    const signature = createHmac('sha256', signingKey)
      .update(id + issuedAt)
      .digest('base64');
    return reply.send({ access_token: accessToken, instance_url: instanceUrl, id, token_type: 'Bearer', issued_at: issuedAt, signature });
  });
}
