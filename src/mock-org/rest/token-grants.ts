import { secretMatches } from '../../core/secrets';
import type { RestSettings } from '../fixtures/rest-settings';

/** Salesforce's OAuth error body, as its token endpoint answers. */
export interface OAuthError {
  error: string;
  error_description: string;
}

export type GrantOutcome = { user: string } | { refused: OAuthError };

const AUTHENTICATION_FAILURE: OAuthError = { error: 'invalid_grant', error_description: 'authentication failure' };
const EXPIRED_REFRESH: OAuthError = { error: 'invalid_grant', error_description: 'expired access/refresh token' };
const INVALID_CLIENT_ID: OAuthError = { error: 'invalid_client_id', error_description: 'client identifier invalid' };
const INVALID_CLIENT: OAuthError = { error: 'invalid_client', error_description: 'invalid client credentials' };
export const UNSUPPORTED_GRANT: OAuthError = { error: 'unsupported_grant_type', error_description: 'grant type not supported' };

export interface GrantContext {
  settings: RestSettings;
  defaultUser: string;
  userNames(): readonly string[];
}

const text = (value: unknown): string | undefined => (typeof value === 'string' ? value : undefined);

/**
 * The connected app's check. A refresh may come from a public client without a secret (as
 * Salesforce allows), so there a secret is only checked when one is sent.
 */
function clientRefusal(params: Record<string, unknown>, settings: RestSettings, secretRequired: boolean): OAuthError | undefined {
  const app = settings.connectedApp;
  if (!app) return undefined;
  const id = text(params.client_id);
  if (id === undefined || !secretMatches(id, app.clientId)) return INVALID_CLIENT_ID;
  const secret = text(params.client_secret);
  if (secret === undefined && !secretRequired) return undefined;
  return secret !== undefined && secretMatches(secret, app.clientSecret) ? undefined : INVALID_CLIENT;
}

/**
 * Who a username and password log in as: the one rule for the password grant and SOAP login.
 * Once any user has a password, every password login is checked; a user without one cannot log in by password.
 */
export function passwordUser(params: Record<string, unknown>, ctx: GrantContext): GrantOutcome {
  const name = text(params.username) ?? '';
  const user = ctx.userNames().find((u) => u === name);
  if (user === undefined) return { refused: AUTHENTICATION_FAILURE };
  if (!passwordsChecked(ctx.settings)) return { user };
  const expected = ctx.settings.credentials.get(user)?.password;
  const presented = text(params.password);
  return expected !== undefined && presented !== undefined && secretMatches(presented, expected) ? { user } : { refused: AUTHENTICATION_FAILURE };
}

/** Once any user has a refresh token, only those tokens refresh, each for its own user. */
function refreshUser(params: Record<string, unknown>, ctx: GrantContext): GrantOutcome {
  const presented = text(params.refresh_token) ?? '';
  if (presented === '') return { refused: EXPIRED_REFRESH };
  if (!refreshTokensChecked(ctx.settings)) return { user: ctx.defaultUser };
  // Every configured token is compared, so the time taken does not say which user matched.
  let match: string | undefined;
  for (const [user, creds] of ctx.settings.credentials) {
    if (creds.refreshToken !== undefined && secretMatches(presented, creds.refreshToken)) match ??= user;
  }
  return match === undefined ? { refused: EXPIRED_REFRESH } : { user: match };
}

/** Who a token request logs in as, or Salesforce's refusal. */
export function grantFor(params: Record<string, unknown>, ctx: GrantContext): GrantOutcome {
  const grantType = params.grant_type;
  if (grantType !== 'password' && grantType !== 'refresh_token' && grantType !== 'client_credentials') return { refused: UNSUPPORTED_GRANT };
  const client = clientRefusal(params, ctx.settings, grantType !== 'refresh_token');
  if (client) return { refused: client };
  if (grantType === 'password') return passwordUser(params, ctx);
  if (grantType === 'refresh_token') return refreshUser(params, ctx);
  return { user: ctx.defaultUser };
}

function passwordsChecked(settings: RestSettings): boolean {
  for (const creds of settings.credentials.values()) if (creds.password !== undefined) return true;
  return false;
}

function refreshTokensChecked(settings: RestSettings): boolean {
  for (const creds of settings.credentials.values()) if (creds.refreshToken !== undefined) return true;
  return false;
}

/**
 * What the token endpoint accepts unchecked with these settings, as one sentence for `mock-org
 * serve`'s stderr; undefined when it checks everything.
 */
export function permissiveNotice(settings: RestSettings): string | undefined {
  const unchecked: string[] = [];
  const settable: string[] = [];
  if (!passwordsChecked(settings)) {
    unchecked.push('any password');
    settable.push('users.<name>.password');
  }
  if (!refreshTokensChecked(settings)) {
    unchecked.push('any refresh token');
    settable.push('users.<name>.refreshToken');
  }
  if (!settings.connectedApp) {
    unchecked.push('any client id and secret');
    settable.push('connectedApp.clientId/clientSecret');
  }
  if (unchecked.length === 0) return undefined;
  return `the fake token endpoint (POST /services/oauth2/token) accepts ${unchecked.join(', ')}; set ${settable.join(', ')} in the fixture (org.json) to check them.`;
}
