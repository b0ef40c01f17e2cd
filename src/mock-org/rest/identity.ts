import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { MockOrg } from '../mock-org';
import { MOCK_ORG_ID } from '../schema/users';
import { normalizeId } from '../../salesforce/ids';
import { NEWEST_VERSION } from './versions';
import { bearerOf } from './bearer';
import type { TokenStore } from './oauth';
import { identityBody, userInfoBody } from './identity-bodies';
import { majorOf } from '../../salesforce/api-versions';

export { identityUrl } from './identity-bodies';

/*
 * The identity service: `GET|POST /services/oauth2/userinfo` and the identity URL
 * `GET /id/<orgId>/<userId>`. It is not the REST API: it answers a token it does not accept with
 * 403 and one word of plain text (Salesforce's `Bad_OAuth_Token`), not 401 INVALID_SESSION_ID,
 * and (ipemu) its requests are not counted against DailyApiRequests.
 */

export const USERINFO_PATH = '/services/oauth2/userinfo';

export interface IdentityDeps {
  tokens: TokenStore;
  /** The org the server serves (any user's view: identity reads in system mode). */
  org: MockOrg;
  /** The fixture user's User Id. */
  userIdOf(user: string): string;
  /** The server's own URL: never taken from the request's `Host`. */
  instanceUrl(): string;
}

interface Caller {
  user: string;
  userId: string;
}

/** The token as a header or, as Salesforce also accepts, the `oauth_token` or `access_token` parameter. */
function tokenOf(request: FastifyRequest): string | undefined {
  const bearer = bearerOf(request);
  if (bearer !== undefined) return bearer;
  const query = request.query as Record<string, unknown>;
  const param = query.oauth_token ?? query.access_token;
  return typeof param === 'string' && param !== '' ? param : undefined;
}

/** The identity service's refusals: 403 with one word of plain text. */
function refuse(reply: FastifyReply, word: string, status = 403): FastifyReply {
  return reply.code(status).type('text/plain; charset=utf-8').send(word);
}

/** `version=NN.0` or `latest` puts that version in the answer's URLs; anything else leaves `{version}` (ipemu: a version it does not serve too). */
function versionParam(request: FastifyRequest): string | undefined {
  const raw = (request.query as Record<string, unknown>).version;
  if (raw === 'latest') return `${NEWEST_VERSION}.0`;
  const major = typeof raw === 'string' ? majorOf(raw) : undefined;
  return major === undefined ? undefined : `${major}.0`;
}

export function registerIdentityRoutes(app: FastifyInstance, deps: IdentityDeps): void {
  const callerOf = (request: FastifyRequest, reply: FastifyReply): Caller | FastifyReply => {
    const token = tokenOf(request);
    // (ipemu) Salesforce's word for a request without any token is not documented.
    if (token === undefined) return refuse(reply, 'Missing_OAuth_Token');
    const user = deps.tokens.userOf(token);
    if (user === undefined) return refuse(reply, 'Bad_OAuth_Token');
    return { user, userId: deps.userIdOf(user) };
  };
  const person = (userId: string) => {
    const values = deps.org.systemValues('User', userId);
    return values === undefined ? undefined : { userId, instanceUrl: deps.instanceUrl(), values, now: Date.now() };
  };

  const userInfo = async (request: FastifyRequest, reply: FastifyReply) => {
    const caller = callerOf(request, reply);
    if (!('userId' in caller)) return caller;
    const found = person(caller.userId);
    if (found === undefined) return refuse(reply, 'Bad_Id');
    return reply.send(userInfoBody(found, versionParam(request)));
  };
  app.get(USERINFO_PATH, { config: { publicRoute: true } }, userInfo);
  app.post(USERINFO_PATH, { config: { publicRoute: true } }, userInfo);

  app.get('/id/:orgId/:userId', { config: { publicRoute: true } }, async (request, reply) => {
    const caller = callerOf(request, reply);
    if (!('userId' in caller)) return caller;
    const params = request.params as { orgId: string; userId: string };
    // (ipemu) Any user of the org may be asked about, as Salesforce allows a token with the api scope;
    // another org's Id, or an Id of no User, is 403 Bad_Id.
    const userId = normalizeId(params.userId);
    const found = normalizeId(params.orgId) === MOCK_ORG_ID && userId !== undefined ? person(userId) : undefined;
    if (found === undefined) return refuse(reply, 'Bad_Id');
    return reply.send(identityBody(found, userId === caller.userId, versionParam(request)));
  });
}
