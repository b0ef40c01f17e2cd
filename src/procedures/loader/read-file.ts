import { MAX_FILE_BYTES, MAX_JSON_DEPTH, parseLimitedJson, readLimitedText, sizeText, type LimitedJson } from '../../core/limited-file';
import { addProblem, type ProblemSink } from './problems';

/**
 * One definition file's text, whatever sits at its path. The rules and the limits are
 * core/limited-file.ts's (shared with the mock org's fixture reader); this file words what it
 * refuses as a definition problem, naming the element and property it was read for.
 */

export const MAX_DEFINITION_FILE_BYTES = MAX_FILE_BYTES;
export const MAX_DEFINITION_DEPTH = MAX_JSON_DEPTH;

/** The file's text, or undefined with a problem naming it (and the element and property it was read for). */
export function readDefinitionText(file: string, problems: ProblemSink, element?: string, property?: string): string | undefined {
  const read = readLimitedText(file, MAX_DEFINITION_FILE_BYTES);
  if (read.ok) return read.text;
  let message: string;
  if (read.reason === 'unreadable') message = `cannot be read (${read.code})`;
  else if (read.reason === 'not-regular') message = `not a regular file (${read.kind}); definitions are read only from regular files`;
  else message = `larger than ${sizeText(read.maxBytes)}, the most a definition file may hold`;
  addProblem(problems, file, message, element, property);
  return undefined;
}

/** JSON text parsed within the depth limit, or why not. Used for files and for escaped property sets alike. */
export function parseJsonText(text: string): LimitedJson {
  return parseLimitedJson(text, MAX_DEFINITION_DEPTH);
}

/** A file read and parsed as JSON, or undefined with a problem naming it. */
export function readJsonDefinition(file: string, problems: ProblemSink, element?: string, property?: string): unknown {
  const text = readDefinitionText(file, problems, element, property);
  if (text === undefined) return undefined;
  const parsed = parseJsonText(text);
  if (!parsed.ok) {
    addProblem(problems, file, parsed.message, element, property);
    return undefined;
  }
  return parsed.value;
}
