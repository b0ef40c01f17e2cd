import { IpemuError } from '../core/errors';

/** A usage error is INVALID_INPUT, so it exits 2 through the one error table like INVOKE-400. */
export function usageError(message: string): IpemuError {
  return new IpemuError('INVALID_INPUT', message);
}
