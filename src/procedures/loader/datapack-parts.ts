import { basename, dirname, join } from 'node:path';
import { addProblem, type ProblemSink } from './problems';
import { readJsonDefinition } from './read-file';

/** The files of an expanded DataPack folder, as its `_DataPack.json` header names them. */

/** Header files end so; any other file of the folder is one of its parts. */
export const HEADER_SUFFIX = '_DataPack.json';

/** The parts of an expanded DataPack, never definitions of their own. */
export const PART_FILE = /(_Element_.+|_PropertySet|_PropertySetConfig|_SampleInput|_Mappings|_ParentKeys)\.json$/;

/** A header's reference to a file beside it; a path that leaves the folder is refused. */
export function partFile(header: string, reference: string, problems: ProblemSink, element: string | undefined, property: string): string | undefined {
  if (reference !== basename(reference) || reference === '..' || reference.includes('\\')) {
    addProblem(problems, header, `"${reference}" is not a file name in the DataPack's folder`, element, property);
    return undefined;
  }
  return join(dirname(header), reference);
}

/** A field holding a JSON value, or the name of the file beside the header that holds it. */
export function valueOrFile(
  header: string,
  value: unknown,
  problems: ProblemSink,
  property: string,
  consumed: Set<string>,
): { ok: boolean; value: unknown; fromFile?: boolean } {
  if (typeof value !== 'string' || !value.trim().endsWith('.json') || /^\s*[[{]/.test(value)) return { ok: true, value };
  const file = partFile(header, value.trim(), problems, undefined, property);
  if (file === undefined) return { ok: false, value: undefined };
  consumed.add(file);
  const problemsBefore = problems.length;
  const parsed = readJsonDefinition(file, problems, undefined, property);
  return { ok: problems.length === problemsBefore, value: parsed, fromFile: true };
}
