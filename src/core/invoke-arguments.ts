/**
 * What `invoke` and `runProcedure` accept from a caller, read the same way for both: the input and
 * options as plain JSON copies, the timeout's range, and the answers for keys that name nothing.
 */
import { failure, OutputMap } from './envelope';
import type { InvokeOptions } from './define-service';
import { copyJson } from './json-copy';
import { isPlainObject } from './plain-object';
import { parseServiceKey } from './service-key';

export const DEFAULT_TIMEOUT_MS = 30_000;
export const MAX_TIMEOUT_MS = 120_000;
/** Input and options are copied as JSON up to this size (1 MiB): an HTTP body or a batch line holds no more. */
export const MAX_INPUT_CHARS = 1_048_576;

/** Options when the caller gave none: shared and frozen, so `invoke` can tell them apart without looking inside. */
export const NO_OPTIONS: InvokeOptions = Object.freeze({});

function refuse(message: string): { refused: OutputMap } {
  return { refused: failure('INVALID_INPUT', message) };
}

/** A caller's input as a plain JSON object copy, or the INVOKE-400 that says why it cannot be used. */
export function readInput(input: unknown): { input: Record<string, unknown> } | { refused: OutputMap } {
  // The callee gets a copy: a getter or Proxy of the caller's cannot answer differently later.
  const given = copyJson(input, MAX_INPUT_CHARS);
  if (!given.ok) return refuse(`Input could not be read as JSON: ${given.problem}.`);
  if (!isPlainObject(given.value)) return refuse('Input must be a JSON object.');
  return { input: given.value };
}

/** A caller's options as a plain copy, or the INVOKE-400 that says why they cannot be used. */
export function readOptions(options: unknown): { options: InvokeOptions } | { refused: OutputMap } {
  if (options === undefined || options === null) return { options: NO_OPTIONS };
  const copy = copyJson(options, MAX_INPUT_CHARS);
  if (!copy.ok) return refuse(`Options could not be read as JSON: ${copy.problem}.`);
  if (!isPlainObject(copy.value)) return refuse('Options must be a JSON object.');
  const timeout = copy.value.timeout;
  if (timeout !== undefined && timeout !== null) {
    if (typeof timeout !== 'number' || !Number.isInteger(timeout) || timeout < 1 || timeout > MAX_TIMEOUT_MS) {
      return refuse(`options.timeout must be a whole number of milliseconds from 1 to ${MAX_TIMEOUT_MS}.`);
    }
  }
  return { options: copy.value };
}

/** A key that names no registered service: 400 when it is not even `Class:Method`, else 404. */
export function unknownService(key: unknown): OutputMap {
  if (typeof key !== 'string') return failure('INVALID_INPUT', `The service key must be a Class:Method string, not ${key === null ? 'null' : typeof key}.`);
  const parsed = parseServiceKey(key);
  if (!parsed) return failure('INVALID_INPUT', `"${key.slice(0, 200)}" is not a Class:Method service key.`);
  return failure('NOT_FOUND', `Service ${parsed.key} was not found.`);
}

const PROCEDURE_KEY = /^[^\s_]+_[^\s]+$/;

/** A key that names no loaded procedure: 400 when it is not even `Type_SubType`, else 404. */
export function unknownProcedure(key: unknown): OutputMap {
  if (typeof key !== 'string') return failure('INVALID_INPUT', `The procedure key must be a Type_SubType string, not ${key === null ? 'null' : typeof key}.`);
  const shown = JSON.stringify(key.slice(0, 200));
  if (!PROCEDURE_KEY.test(key)) return failure('INVALID_INPUT', `${shown} is not a Type_SubType procedure key.`);
  return failure('NOT_FOUND', `Integration Procedure ${key} was not found.`);
}

/**
 * Services read their parameters from input, then from options (DESIGN.md §5: a Remote Action's
 * `remoteOptions` arrive as options). Input wins; only the input schema's own properties are taken.
 */
export function fillFromOptions(input: Record<string, unknown>, options: InvokeOptions, parameters: readonly string[]): void {
  if (options === NO_OPTIONS) return;
  for (const name of parameters) {
    if (input[name] === undefined && options[name] !== undefined && Object.hasOwn(options, name)) input[name] = options[name];
  }
}
