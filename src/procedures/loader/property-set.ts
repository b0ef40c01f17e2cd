import { isPlainObject } from '../../core/plain-object';
import type { JsonObject } from '../model';
import { addProblem, type ProblemSink } from './problems';
import { parseJsonText } from './read-file';

/** Where a property set was read, for the problem that refuses it. */
export interface PropertySetPlace {
  readonly file: string;
  readonly element?: string;
  readonly property: string;
}

/**
 * A property set as exported: an object (expanded DataPacks), an escaped JSON string (raw
 * DataPacks, metadata XML) or nothing (`{}`). Anything else is a problem, and undefined.
 * `escaped: false` for a value already parsed from its own file, where a string is just a string.
 */
export function readPropertySet(value: unknown, place: PropertySetPlace, problems: ProblemSink, escaped = true): JsonObject | undefined {
  if (value === undefined || value === null) return {};
  let parsed: unknown = value;
  if (typeof value === 'string' && escaped) {
    if (value.trim() === '') return {};
    const result = parseJsonText(value);
    if (!result.ok) {
      addProblem(problems, place.file, `the property set is ${result.message.replace(/^not valid JSON/, 'not JSON')}`, place.element, place.property);
      return undefined;
    }
    parsed = result.value;
  }
  if (!isPlainObject(parsed)) {
    const kind = Array.isArray(parsed) ? 'an array' : parsed === null ? 'null' : `a ${typeof parsed}`;
    addProblem(problems, place.file, `the property set must be a JSON object, not ${kind}`, place.element, place.property);
    return undefined;
  }
  // Parsed JSON (the file's or the escaped string's), so every value in it is a JsonValue.
  return parsed as JsonObject;
}
