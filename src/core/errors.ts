/**
 * The one error table. Every outcome of an invocation has an ErrorCode; every transport maps it
 * through this table (INVOKE code in the output map, HTTP status, CLI exit code).
 */
export type ErrorCode = 'OK' | 'INVALID_INPUT' | 'UNAUTHORIZED' | 'FORBIDDEN' | 'NOT_FOUND' | 'INTERNAL' | 'ORG_ERROR' | 'NOT_IMPLEMENTED' | 'TIMEOUT';

export type InvokeCode = 'INVOKE-200' | 'INVOKE-400' | 'INVOKE-401' | 'INVOKE-403' | 'INVOKE-404' | 'INVOKE-500' | 'INVOKE-502' | 'INVOKE-501' | 'INVOKE-504';

export interface ErrorCodeEntry {
  readonly invoke: InvokeCode;
  readonly http: number;
  /** CLI exit code; null where the code cannot reach the CLI (INVOKE-401 is the HTTP server's). */
  readonly exit: number | null;
  readonly meaning: string;
}

export const ERROR_CODES: Readonly<Record<ErrorCode, ErrorCodeEntry>> = {
  OK: { invoke: 'INVOKE-200', http: 200, exit: 0, meaning: 'OK' },
  INVALID_INPUT: { invoke: 'INVOKE-400', http: 400, exit: 2, meaning: 'invalid input (schema, syntax, unsupported combination)' },
  UNAUTHORIZED: { invoke: 'INVOKE-401', http: 401, exit: null, meaning: 'HTTP server: missing or wrong bearer token' },
  FORBIDDEN: { invoke: 'INVOKE-403', http: 403, exit: 3, meaning: 'the running user lacks object or field access' },
  NOT_FOUND: { invoke: 'INVOKE-404', http: 404, exit: 4, meaning: 'a job, policy, reference number or Class:Method that does not exist' },
  INTERNAL: { invoke: 'INVOKE-500', http: 500, exit: 1, meaning: 'unexpected internal error' },
  ORG_ERROR: { invoke: 'INVOKE-502', http: 502, exit: 5, meaning: 'the org failed or refused (HTTP error, REQUEST_LIMIT_EXCEEDED, unreachable)' },
  NOT_IMPLEMENTED: {
    invoke: 'INVOKE-501',
    http: 501,
    exit: 7,
    meaning: 'known to Salesforce but not provided here: a job-starting service on a real org, an IP element type the runner does not implement',
  },
  TIMEOUT: { invoke: 'INVOKE-504', http: 504, exit: 6, meaning: 'the invocation ran past its timeout' },
};

const BY_INVOKE = new Map<string, ErrorCode>((Object.keys(ERROR_CODES) as ErrorCode[]).map((code) => [ERROR_CODES[code].invoke, code]));

/** The ErrorCode behind an INVOKE code, or undefined for a string that is not one of ours. */
export function errorCodeOf(invoke: string): ErrorCode | undefined {
  return BY_INVOKE.get(invoke);
}

/** HTTP status for an output map's errorCode; unknown codes are a server error. */
export function httpStatusOf(invoke: string): number {
  const code = errorCodeOf(invoke);
  return code ? ERROR_CODES[code].http : 500;
}

/** CLI exit code for an output map's errorCode; unknown codes are an internal error. */
export function exitCodeOf(invoke: string): number {
  const code = errorCodeOf(invoke);
  const exit = code ? ERROR_CODES[code].exit : null;
  return exit ?? 1;
}

/** An error that already knows its outcome. Anything else thrown by a handler is INVOKE-500. */
export class IpemuError extends Error {
  readonly code: ErrorCode;
  readonly details?: unknown;

  constructor(code: ErrorCode, message: string, details?: unknown) {
    super(message);
    this.name = 'IpemuError';
    this.code = code;
    if (details !== undefined) this.details = details;
  }
}

export const INTERNAL_ERROR_MESSAGE = 'An internal server error has occurred.';
