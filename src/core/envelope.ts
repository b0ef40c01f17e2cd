import { ERROR_CODES, ErrorCode, IpemuError, InvokeCode } from './errors';

/** The INVOKE-style output map every invocation returns. */
export interface OutputMap {
  errorCode: InvokeCode | string;
  error: string;
  details?: unknown;
  [key: string]: unknown;
}

export interface FailureOutput extends OutputMap {
  errorCode: InvokeCode;
}

export function failure(code: ErrorCode, message: string, details?: unknown): FailureOutput {
  const out: FailureOutput = { errorCode: ERROR_CODES[code].invoke, error: message };
  if (details !== undefined) out.details = details;
  return out;
}

export function failureFromError(err: IpemuError): FailureOutput {
  return failure(err.code, err.message, err.details);
}

export function isOutputMap(value: unknown): value is OutputMap {
  return typeof value === 'object' && value !== null && typeof (value as OutputMap).errorCode === 'string' && typeof (value as OutputMap).error === 'string';
}
