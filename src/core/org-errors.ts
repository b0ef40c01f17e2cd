import { failure, FailureOutput } from './envelope';
import type { OrgError } from './org';

/**
 * An org error that reached `invoke` unhandled: the org failed or refused (INVOKE-502), with
 * Salesforce's errorCode kept in details. Messages come from the org, never with a token in them.
 */
export function orgErrorOutput(err: OrgError): FailureOutput {
  return failure('ORG_ERROR', `The org returned an error: ${err.message}`, { errorCode: err.errorCode, status: err.status });
}
