import type { FastifyInstance, FastifyReply } from 'fastify';
import type { MockOrg } from '../mock-org';
import { MOCK_ORG_ID } from '../schema/users';
import { majorOf } from '../../salesforce/api-versions';
import { OLDEST_VERSION, NEWEST_VERSION } from './versions';
import type { TokenStore } from './oauth';
import { passwordUser, type GrantContext } from './token-grants';
import { loginResponse, logoutResponse, readSoapRequest, soapFault, xmlTools, type SoapApi, type XmlFields } from './soap-envelope';

/*
 * SOAP login (`POST /services/Soap/u/<version>`, and `/c/` for the enterprise WSDL): what jsforce's
 * login() without OAuth settings, the jsforce CLI and simple-salesforce send; and `logout`, which
 * jsforce's logout() sends after a SOAP login. Who may log in is
 * the token endpoint's password rule (passwordUser); the session Id is an access token the REST
 * API accepts. (ipemu) Not counted against DailyApiRequests, as the token endpoint is not.
 */

/** A login envelope is a few hundred bytes; anything this large is not one. */
export const MAX_SOAP_BODY_BYTES = 64 * 1024;

const INVALID_LOGIN = 'Invalid username, password, security token; or user locked out.';
const INVALID_SESSION = 'Invalid Session ID found in SessionHeader: Illegal Session';
/** (ipemu) The session's lifetime Salesforce's default session settings report (2 hours). */
const SESSION_SECONDS = 7200;

export interface SoapLoginDeps extends GrantContext {
  tokens: TokenStore;
  /** The org the server serves (identity reads in system mode). */
  org: MockOrg;
  userIdOf(user: string): string;
  /** The server's own URL: never taken from the request's `Host`. */
  instanceUrl(): string;
}

type Values = Readonly<Record<string, string | number | boolean | null>>;
const text = (values: Values | undefined, field: string): string | null => {
  const value = values?.[field];
  return typeof value === 'string' ? value : null;
};

function fault(reply: FastifyReply, api: SoapApi, code: string, message: string): FastifyReply {
  return reply
    .code(500)
    .type('text/xml; charset=utf-8')
    .send(soapFault(api, code, message));
}

/** The loginResult for a user who logged in with session Id `sessionId`. */
function loginResult(deps: SoapLoginDeps, api: SoapApi, version: string, user: string, sessionId: string): XmlFields {
  const base = deps.instanceUrl();
  const userId = deps.userIdOf(user);
  const person = deps.org.systemValues('User', userId);
  const organization = deps.org.systemValues('Organization', MOCK_ORG_ID);
  return [
    ['metadataServerUrl', `${base}/services/Soap/m/${version}/${MOCK_ORG_ID}`],
    ['passwordExpired', false],
    ['sandbox', organization?.IsSandbox === true],
    ['serverUrl', `${base}/services/Soap/${api}/${version}/${MOCK_ORG_ID}`],
    ['sessionId', sessionId],
    ['userId', userId],
    [
      'userInfo',
      [
        ['accessibilityMode', false],
        ['chatterExternal', false],
        ['currencySymbol', '$'],
        ['orgAttachmentFileSizeLimit', 5242880],
        ['orgDefaultCurrencyIsoCode', 'USD'],
        ['orgDefaultCurrencyLocale', 'en_US'],
        ['orgDisallowHtmlAttachments', false],
        ['orgHasPersonAccounts', false],
        ['organizationId', MOCK_ORG_ID],
        ['organizationMultiCurrency', false],
        ['organizationName', text(organization, 'Name')],
        ['profileId', text(person, 'ProfileId')],
        ['roleId', null],
        ['sessionSecondsValid', SESSION_SECONDS],
        ['userDefaultCurrencyIsoCode', null],
        ['userEmail', text(person, 'Email')],
        ['userFullName', text(person, 'Name')],
        ['userId', userId],
        ['userLanguage', text(person, 'LanguageLocaleKey')],
        ['userLocale', text(person, 'LocaleSidKey')],
        ['userName', text(person, 'Username')],
        ['userTimeZone', text(person, 'TimeZoneSidKey')],
        ['userType', text(person, 'UserType')],
        ['userUiSkin', 'Theme3'],
      ],
    ],
  ];
}

/** `64.0` within the versions the server lists, else undefined. */
function versionOf(segment: string): string | undefined {
  const major = majorOf(segment);
  return major !== undefined && major >= OLDEST_VERSION && major <= NEWEST_VERSION && segment === `${major}.0` ? segment : undefined;
}

export function registerSoapLoginRoutes(app: FastifyInstance, deps: SoapLoginDeps): void {
  // Its own scope: the XML body parser and the fault-writing error handler apply to SOAP only.
  void app.register(async (scope) => {
    scope.addContentTypeParser(['text/xml', 'application/soap+xml'], { parseAs: 'string', bodyLimit: MAX_SOAP_BODY_BYTES }, (_request, body, done) => {
      done(null, body);
    });
    // Whatever fastify refuses (a body too large, another content type) is a fault, not the REST API's error array.
    scope.setErrorHandler((err, request, reply) => {
      const api: SoapApi = request.url.startsWith('/services/Soap/c/') ? 'c' : 'u';
      return fault(reply, api, 'soapenv:Client', err instanceof Error ? err.message : 'The request cannot be read.');
    });

    for (const api of ['u', 'c'] as const) {
      scope.post(`/services/Soap/${api}/:version`, { config: { publicRoute: true }, bodyLimit: MAX_SOAP_BODY_BYTES }, async (request, reply) => {
        const version = versionOf((request.params as { version: string }).version);
        if (version === undefined) return fault(reply, api, 'sf:UNSUPPORTED_API_VERSION', 'Invalid Api version specified on URL');
        const body = typeof request.body === 'string' ? request.body : '';
        const read = readSoapRequest(body, await xmlTools());
        if ('unreadable' in read) return fault(reply, api, 'soapenv:Client', read.unreadable);
        if ('operation' in read) return fault(reply, api, 'soapenv:Client', `No operation available for request ${read.operation || '(none)'}`);
        if ('logout' in read) {
          if (deps.tokens.userOf(read.logout.sessionId) === undefined) return fault(reply, api, 'sf:INVALID_SESSION_ID', INVALID_SESSION);
          deps.tokens.revoke(read.logout.sessionId);
          return reply.type('text/xml; charset=utf-8').send(logoutResponse(api));
        }
        const outcome = passwordUser({ username: read.login.username, password: read.login.password }, deps);
        if ('refused' in outcome) return fault(reply, api, 'sf:INVALID_LOGIN', INVALID_LOGIN);
        const sessionId = deps.tokens.issue(outcome.user);
        return reply.type('text/xml; charset=utf-8').send(loginResponse(api, loginResult(deps, api, version, outcome.user, sessionId)));
      });
    }
  });
}
