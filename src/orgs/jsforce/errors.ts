import { OrgError, isOrgError } from '../../core/org';
import { IpemuError } from '../../core/errors';
import { scrubSecrets } from '../../core/secrets';

/**
 * Turns whatever jsforce (or node-fetch under it) threw into an OrgError the emulator maps to
 * INVOKE-502, keeping Salesforce's errorCode. jsforce errors lose the HTTP status, so the status
 * comes from the code Salesforce documents for it.
 */

const STATUS_OF: Readonly<Record<string, number>> = {
  INVALID_SESSION_ID: 401,
  REQUEST_LIMIT_EXCEEDED: 403,
  INSUFFICIENT_ACCESS: 403,
  INSUFFICIENT_ACCESS_OR_READONLY: 403,
  API_DISABLED_FOR_ORG: 403,
  API_CURRENTLY_DISABLED: 403,
  NOT_FOUND: 404,
  METHOD_NOT_ALLOWED: 405,
  UNKNOWN_EXCEPTION: 500,
  SERVER_UNAVAILABLE: 503,
  UNREACHABLE: 502,
  SERVER_ERROR: 502,
  INVALID_RESPONSE: 502,
};

const NETWORK_CODES = new Set([
  'ECONNREFUSED',
  'ECONNRESET',
  'ENOTFOUND',
  'ENETDOWN',
  'ENETUNREACH',
  'EHOSTDOWN',
  'EHOSTUNREACH',
  'ETIMEDOUT',
  'EPIPE',
  'EAI_AGAIN',
  'UND_ERR_SOCKET',
]);

function shorten(text: string, max = 500): string {
  return text.length > max ? `${text.slice(0, max)}…` : text;
}

function statusOf(errorCode: string): number {
  const http = /^ERROR_HTTP_(\d{3})$/.exec(errorCode);
  if (http) return Number(http[1]);
  return STATUS_OF[errorCode] ?? 400;
}

interface ErrorLike {
  name?: unknown;
  message?: unknown;
  errorCode?: unknown;
  code?: unknown;
  type?: unknown;
  /** jsforce's HttpApiError: the error item of the body, `{ message, errorCode, fields? }`. */
  data?: unknown;
}

/** The `fields` of the REST error item jsforce keeps as `data` (REQUIRED_FIELD_MISSING names them). */
function fieldsOf(e: ErrorLike): string[] | undefined {
  const fields = (e.data as { fields?: unknown } | null | undefined)?.fields;
  if (!Array.isArray(fields)) return undefined;
  const names = fields.filter((field): field is string => typeof field === 'string');
  return names.length > 0 ? names : undefined;
}

/**
 * `status` is the response's HTTP status when the caller saw it (writes do, through
 * OrgRequests.run): it beats the status the code is documented with.
 */
export function toOrgError(err: unknown, secrets: Iterable<string | undefined>, status?: number): OrgError | IpemuError {
  if (isOrgError(err) || err instanceof IpemuError) return err;
  const e = (typeof err === 'object' && err !== null ? err : { message: String(err) }) as ErrorLike;
  const rawMessage = typeof e.message === 'string' ? e.message : String(err);
  const message = shorten(scrubSecrets(rawMessage, secrets));

  if (e.name === 'FetchError' || (typeof e.code === 'string' && NETWORK_CODES.has(e.code))) {
    const code = typeof e.code === 'string' ? e.code : 'network error';
    // The URL in node-fetch's message may carry the SOQL; the code says all a caller needs.
    return new OrgError('UNREACHABLE', `The org could not be reached (${code}).`, 502);
  }
  if (rawMessage.startsWith('Unable to refresh session due to:')) {
    return new OrgError('INVALID_SESSION_ID', `Session expired or invalid; refreshing it failed: ${message.slice(33).trim()}`, 401);
  }
  if (typeof e.errorCode === 'string' && e.errorCode !== '') {
    const http = /^ERROR_HTTP_(\d{3})$/.exec(e.errorCode);
    if (http && Number(http[1]) >= 500) {
      return new OrgError('SERVER_ERROR', `The org answered HTTP ${http[1]}.`, Number(http[1]));
    }
    if (/html content/i.test(rawMessage)) {
      return new OrgError('INVALID_RESPONSE', `The org answered with an HTML page (${e.errorCode}).`, statusOf(e.errorCode));
    }
    return new OrgError(e.errorCode, message, status !== undefined && status >= 400 ? status : statusOf(e.errorCode), fieldsOf(e));
  }
  // jsforce hands an unparsable body on as a string; reading fields of it throws a TypeError.
  if (err instanceof TypeError || err instanceof SyntaxError) {
    return new OrgError('INVALID_RESPONSE', 'The org answered with a body that is not the expected JSON.', 502);
  }
  return new OrgError('SERVER_ERROR', message, 502);
}
