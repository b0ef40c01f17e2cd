import { createHash } from 'node:crypto';
import { IpemuError } from '../../core/errors';
import type { Logger } from '../../core/logger';
import { JsforceOrg } from './jsforce-org';
import { sfOrgAuth } from './sf-cli';
import { createTransport } from './transport';
import { OrgRequests } from './org-requests';
import { scrubSecrets } from '../../core/secrets';
import { checkApiVersion, DEFAULT_API_VERSION } from '../../salesforce/api-versions';

export { DEFAULT_API_VERSION };
export const DEFAULT_LOGIN_URL = 'https://login.salesforce.com';
/**
 * A token request serves every request waiting on it (jsforce queues them during a refresh), so it
 * runs under a deadline of its own rather than under one caller's, which could end it for all.
 */
export const TOKEN_REQUEST_TIMEOUT_MS = 30_000;

export interface ConnectOptions {
  instanceUrl?: string;
  accessToken?: string;
  /** Default '64.0': the first version in which every object the default job link reads exists. */
  apiVersion?: string;
  loginUrl?: string;
  username?: string;
  password?: string;
  clientId?: string;
  clientSecret?: string;
  refreshToken?: string;
  /** An sf CLI alias or username. */
  targetOrg?: string;
  /** jsforce's GET retry count on 5xx and connection resets; default jsforce's (5). */
  maxRetries?: number;
  logger?: Logger;
}

/** Credentials from SF_* environment variables, or undefined when none are set. */
export function connectOptionsFromEnv(env: NodeJS.ProcessEnv = process.env): ConnectOptions | undefined {
  const pick = (name: string): string | undefined => (env[name] && env[name] !== '' ? env[name] : undefined);
  if (!pick('SF_ACCESS_TOKEN') && !pick('SF_USERNAME') && !pick('SF_REFRESH_TOKEN')) return undefined;
  const options: ConnectOptions = {};
  const set = (key: keyof ConnectOptions, name: string): void => {
    const value = pick(name);
    if (value !== undefined) (options as Record<string, unknown>)[key] = value;
  };
  set('instanceUrl', 'SF_INSTANCE_URL');
  set('accessToken', 'SF_ACCESS_TOKEN');
  set('loginUrl', 'SF_LOGIN_URL');
  set('username', 'SF_USERNAME');
  set('password', 'SF_PASSWORD');
  set('clientId', 'SF_CLIENT_ID');
  set('clientSecret', 'SF_CLIENT_SECRET');
  set('refreshToken', 'SF_REFRESH_TOKEN');
  return options;
}

/** The name the CLI brief uses for the same function. */
export const orgOptionsFromEnv = connectOptionsFromEnv;

function checkUrl(value: string, what: string): string {
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    throw new IpemuError('INVALID_INPUT', `${what} is not a URL: "${value.slice(0, 200)}".`);
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') throw new IpemuError('INVALID_INPUT', `${what} must be an http(s) URL.`);
  return url.origin;
}

interface TokenGrant {
  access_token?: unknown;
  instance_url?: unknown;
  id?: unknown;
}

/** `…/id/<orgId>/<userId>` → `<orgId>/<userId>`: a stable identity across token refreshes. */
function identityOf(grant: TokenGrant): string | undefined {
  if (typeof grant.id !== 'string') return undefined;
  const m = /\/id\/([^/]+)\/([^/?]+)/.exec(grant.id);
  return m ? `${m[1]}/${m[2]}` : undefined;
}

function authFailure(err: unknown, secrets: (string | undefined)[]): IpemuError {
  if (err instanceof IpemuError) return err;
  const e = err as { name?: unknown; message?: unknown; code?: unknown };
  if (e?.name === 'FetchError') {
    return new IpemuError('ORG_ERROR', `The login server could not be reached (${String(e.code ?? 'network error')}).`, { errorCode: 'UNREACHABLE' });
  }
  const errorCode = typeof e?.name === 'string' && e.name !== 'Error' ? e.name : 'AUTHENTICATION_FAILURE';
  const message = scrubSecrets(typeof e?.message === 'string' ? e.message : String(err), secrets).slice(0, 300);
  return new IpemuError('ORG_ERROR', `Authentication failed: ${message}`, { errorCode });
}

/**
 * Connects to a real org (or the fake REST API). Precedence: instanceUrl + accessToken, then
 * targetOrg (sf CLI), then username + password, then refreshToken. Missing or malformed
 * options are INVALID_INPUT; credentials the login server rejects are ORG_ERROR.
 */
export async function connectOrg(options: ConnectOptions): Promise<JsforceOrg> {
  const version = checkApiVersion(options.apiVersion ?? DEFAULT_API_VERSION);
  const secrets = [options.accessToken, options.refreshToken, options.password, options.clientSecret];
  const loginUrl = checkUrl(options.loginUrl ?? DEFAULT_LOGIN_URL, 'loginUrl');
  if (options.refreshToken && !options.clientId) {
    throw new IpemuError('INVALID_INPUT', 'A refresh token needs a client id (SF_CLIENT_ID) to be used.');
  }
  if (options.maxRetries !== undefined && (!Number.isInteger(options.maxRetries) || options.maxRetries < 0)) {
    throw new IpemuError('INVALID_INPUT', 'maxRetries must be a whole number of at least 0.');
  }

  const jsforce = await import('jsforce');
  const { Transport } = await import('jsforce/lib/transport');
  const oauth2 = new jsforce.OAuth2({
    loginUrl,
    clientId: options.clientId,
    clientSecret: options.clientSecret,
    redirectUri: 'http://localhost:1717/OauthRedirect',
  });

  const requests = new OrgRequests();
  const passwordGrant = (): Promise<TokenGrant> =>
    requests.run(
      async () => await oauth2.requestToken({ grant_type: 'password', username: options.username ?? '', password: options.password ?? '' }),
      undefined,
      TOKEN_REQUEST_TIMEOUT_MS,
    );
  const refreshGrant = (): Promise<TokenGrant> =>
    requests.run(async () => await oauth2.refreshToken(options.refreshToken ?? ''), undefined, TOKEN_REQUEST_TIMEOUT_MS);
  const canRefresh = Boolean(options.refreshToken && options.clientId);
  const canRelogin = Boolean(options.username && options.password);

  let instanceUrl: string | undefined;
  let accessToken: string | undefined;
  let identity: string | undefined;
  try {
    if (options.accessToken) {
      if (!options.instanceUrl) throw new IpemuError('INVALID_INPUT', 'An access token needs an instance URL (--instance-url or SF_INSTANCE_URL).');
      instanceUrl = checkUrl(options.instanceUrl, 'instanceUrl');
      accessToken = options.accessToken;
      identity = options.username;
    } else if (options.targetOrg) {
      const auth = await sfOrgAuth(options.targetOrg);
      secrets.push(auth.accessToken);
      instanceUrl = checkUrl(auth.instanceUrl, 'The instance URL from sf');
      accessToken = auth.accessToken;
      identity = auth.username ?? options.targetOrg;
    } else if (canRelogin || canRefresh) {
      const grant = canRelogin ? await passwordGrant() : await refreshGrant();
      if (typeof grant.access_token !== 'string' || typeof grant.instance_url !== 'string') {
        throw new IpemuError('ORG_ERROR', 'The login server answered without access_token or instance_url.', { errorCode: 'INVALID_RESPONSE' });
      }
      accessToken = grant.access_token;
      instanceUrl = checkUrl(options.instanceUrl ?? grant.instance_url, 'instance_url');
      identity = identityOf(grant) ?? options.username;
    } else {
      throw new IpemuError(
        'INVALID_INPUT',
        'No org credentials: give instanceUrl and accessToken, targetOrg, username and password, or refreshToken with clientId.',
      );
    }
  } catch (err) {
    throw authFailure(err, secrets);
  }

  // Refresh on 401 at most once until a request succeeds again: a token the org keeps
  // refusing must end as INVALID_SESSION_ID, not as an endless refresh loop.
  let refreshedSinceSuccess = false;
  const refreshFn =
    canRefresh || canRelogin
      ? async (_conn: unknown, callback: (err?: Error | null, token?: string) => void): Promise<void> => {
          if (refreshedSinceSuccess) {
            callback(new Error('Session expired or invalid'));
            return;
          }
          refreshedSinceSuccess = true;
          try {
            const grant = canRefresh ? await refreshGrant() : await passwordGrant();
            if (typeof grant.access_token !== 'string') throw new Error('The token endpoint answered without access_token.');
            callback(null, grant.access_token);
          } catch (err) {
            // No new token was tried, so the next 401 may refresh again (the login server may be back).
            refreshedSinceSuccess = false;
            callback(new Error(scrubSecrets((err as Error)?.message ?? String(err), secrets)));
          }
        }
      : undefined;

  // eslint-disable-next-line @typescript-eslint/no-misused-promises -- refreshFn never rejects: every path ends in callback().
  const connection = new jsforce.Connection({ instanceUrl, accessToken, version, oauth2, ...(refreshFn ? { refreshFn } : {}) });
  connection._transport = createTransport(Transport, {
    maxRetries: options.maxRetries,
    onResponse: (status) => {
      if (status !== 401) refreshedSinceSuccess = false;
    },
  });
  identity ??= `token:${createHash('sha256').update(accessToken).digest('hex').slice(0, 16)}`;
  return new JsforceOrg(connection, { identity, secrets, logger: options.logger, requests });
}
