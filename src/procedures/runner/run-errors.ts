/**
 * How a failing step becomes an outcome. A step's failure is an IpemuError whose details name the
 * element and its type; the IP answers it with failOnStepError, a Try Catch Block may catch it.
 * Two failures no block catches: the run's deadline (the emulator answers 504) and an element
 * type ipemu does not implement (501: catching it would hide that the IP did not run as written).
 */
import { ErrorCode, ERROR_CODES, errorCodeOf, IpemuError } from '../../core/errors';
import { isOrgError } from '../../core/org';
import { isPlainObject } from '../../core/plain-object';

export class FatalRunError extends IpemuError {
  constructor(code: ErrorCode, message: string, details?: Record<string, unknown>) {
    super(code, message, details);
    this.name = 'FatalRunError';
  }
}

/** A step that failed: what the trace, the data JSON and the answer say about it. */
export interface StepFault {
  readonly code: ErrorCode;
  readonly message: string;
  readonly details?: Record<string, unknown>;
}

/** The run's deadline passed: stop before the next element (`expired` costs nothing, the signal is made on first read). */
export function stopIfExpired(host: { readonly expired: boolean }, element: string): void {
  if (host.expired) throw new FatalRunError('TIMEOUT', `The run stopped before element ${element}: its deadline passed.`, { element });
}

/** A failed output map (an errorCode that is not INVOKE-200) as a fault, or undefined for a success. */
export function faultOfOutputMap(value: unknown): StepFault | undefined {
  if (!isPlainObject(value) || typeof value.errorCode !== 'string' || value.errorCode === ERROR_CODES.OK.invoke) return undefined;
  const code = errorCodeOf(value.errorCode) ?? 'INTERNAL';
  const message = typeof value.error === 'string' ? value.error : `errorCode ${value.errorCode}`;
  return isPlainObject(value.details) ? { code, message, details: value.details } : { code, message };
}

/**
 * What a step threw, as a fault: an org error is the org's refusal (502, Salesforce's errorCode
 * kept), an IpemuError keeps its code (a formula that could not be evaluated is one: 400, or 501
 * for a function ipemu lacks). Anything else is a bug and is thrown on, for the emulator's 500.
 */
export function faultOfThrown(err: unknown): StepFault {
  if (err instanceof FatalRunError) throw err;
  if (isOrgError(err)) return { code: 'ORG_ERROR', message: `The org returned an error: ${err.message}`, details: { errorCode: err.errorCode } };
  if (err instanceof IpemuError)
    return isPlainObject(err.details) ? { code: err.code, message: err.message, details: err.details } : { code: err.code, message: err.message };
  throw err;
}

/** A fault as the map written into the data JSON when the IP goes on (failOnStepError false): an output map's shape. */
export function faultResult(fault: StepFault): Record<string, unknown> {
  const result: Record<string, unknown> = { errorCode: ERROR_CODES[fault.code].invoke, error: fault.message };
  if (fault.details !== undefined) result.details = fault.details;
  return result;
}

/** A fault as what the IP answers: the fault's details, and the element and its type (these win). */
export function faultError(fault: StepFault, element: string, type: string, extra?: Record<string, unknown>): IpemuError {
  return new IpemuError(fault.code, fault.message, { ...(fault.details ?? {}), ...(extra ?? {}), element, type });
}
