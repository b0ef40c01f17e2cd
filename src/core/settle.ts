import { ERROR_CODES, errorCodeOf, INTERNAL_ERROR_MESSAGE, IpemuError } from './errors';
import { failure, FailureOutput, OutputMap } from './envelope';
import { copyJson } from './json-copy';
import type { Logger } from './logger';
import { isOrgError } from './org';
import { orgErrorOutput } from './org-errors';
import { isPlainObject } from './plain-object';

/**
 * The most an output map may hold (characters of its strings and keys): four times the largest input
 * (an HTTP body, a batch line), room for an answer that echoes its whole input, and far below the
 * answers that used to take a transport down (a 50 MB string).
 */
export const MAX_OUTPUT_CHARS = 4 * 1_048_576;

/** How a handler (or the org loader before it) ended: what its promise resolved to, or what it threw. */
export type Outcome = { readonly returned: unknown } | { readonly threw: unknown };

const SHOWN_CODE_CHARS = 40;
const LOGGED_CHARS = 1_000;

/** What a plugin's value is, for a message: typeof and Array.isArray run no trap of a live object. */
function kindOf(value: unknown): string {
  if (value === null) return 'null';
  if (typeof value !== 'object') return typeof value;
  try {
    return Array.isArray(value) ? 'an array' : 'an object';
  } catch {
    // A revoked Proxy.
    return 'an object';
  }
}

function internal(message: string = INTERNAL_ERROR_MESSAGE): FailureOutput {
  return failure('INTERNAL', message);
}

/**
 * A candidate output map as the caller will get it: a plain JSON copy, at most MAX_OUTPUT_CHARS,
 * whose errorCode is one of the table (a plugin may use no other) and whose error is a string.
 * No errorCode at all is a success and gets INVOKE-200 "OK".
 */
function checked(key: string, candidate: unknown): OutputMap {
  const copy = copyJson(candidate, MAX_OUTPUT_CHARS);
  if (!copy.ok) return internal(`The answer of ${key} is not a JSON output map: ${copy.problem}.`);
  const map = copy.value;
  if (!isPlainObject(map)) return internal(`${key} answered ${kindOf(map)}, not an output map.`);
  if (map.errorCode === undefined) {
    // The copy is ours to extend; a spread of it would cost a third of a small invoke.
    map.errorCode = ERROR_CODES.OK.invoke;
    map.error = 'OK';
    return map as OutputMap;
  }
  if (typeof map.errorCode !== 'string' || errorCodeOf(map.errorCode) === undefined) {
    const shown = typeof map.errorCode === 'string' ? JSON.stringify(map.errorCode.slice(0, SHOWN_CODE_CHARS)) : kindOf(map.errorCode);
    return internal(`${key} answered errorCode ${shown}, which is not an INVOKE code of ipemu's error table.`);
  }
  if (typeof map.error !== 'string') return internal(`${key} answered ${map.errorCode} with ${kindOf(map.error)} as error, not a string message.`);
  return map as OutputMap;
}

/** A short line for the log: a thrown value may be huge or hostile, and is never shown to the caller. */
function describeThrown(err: unknown): string {
  try {
    const text = typeof err === 'object' && err !== null ? (err as { message?: unknown }).message : err;
    return typeof text === 'string' ? text.slice(0, LOGGED_CHARS) : kindOf(text);
  } catch {
    return 'a value that threw when read';
  }
}

/** What a thrown value says of the outcome, read once and warily: its own code, the org's, or none. */
function thrownOutput(key: string, err: unknown, logger: Logger): unknown {
  if (err instanceof IpemuError) {
    if (!Object.hasOwn(ERROR_CODES, err.code)) return internal(`${key} threw an IpemuError with a code that is not in ipemu's error table.`);
    return failure(err.code, err.message, err.details);
  }
  if (isOrgError(err)) return orgErrorOutput(err);
  if ((err as { name?: unknown } | null)?.name === 'AbortError') return failure('TIMEOUT', 'The invocation was aborted.');
  logger.error({ key, err: describeThrown(err) }, 'handler failed');
  return internal();
}

/**
 * The one place where whatever a handler did becomes the output map the caller gets. It never
 * throws: every getter, trap and toJSON of the value runs here, once, inside a guard.
 */
export function settle(key: string, outcome: Outcome, logger: Logger): OutputMap {
  try {
    return checked(key, 'threw' in outcome ? thrownOutput(key, outcome.threw, logger) : outcome.returned);
  } catch (err) {
    try {
      logger.error({ key, err: describeThrown(err) }, 'handler failed');
    } catch {
      // A logger that throws must not take the answer with it.
    }
    return internal();
  }
}
