import { basename } from 'node:path';
import type { DataMapperDefinition, DefinitionSet, ProcedureDefinition } from '../model';
import { readExpandedDataPack } from './datapack-header';
import { HEADER_SUFFIX, PART_FILE } from './datapack-parts';
import { isRawDataPack, readRawDataPack } from './datapack-raw';
import { deepFreeze } from './freeze';
import { readOipXml } from './oip-xml';
import { addProblem, type ProblemSink } from './problems';
import { parseJsonText, readDefinitionText } from './read-file';
import { readRptXml } from './rpt-xml';
import { walkDefinitions } from './walk';

/**
 * Every export format to one tree (DESIGN.md §5 "Definitions"). Each path is a folder, read
 * recursively, or one file. Every version of every definition is kept: choosing the one that runs
 * is the runner's. Files that are no definition (a README, a LICENSE, `_SampleInput.json`) are
 * skipped; one that looks like a definition but cannot be read is a problem naming the file, the
 * element and the property, and a definition with a problem is left out. Nothing throws.
 */

export { MAX_DEFINITION_DEPTH, MAX_DEFINITION_FILE_BYTES } from './read-file';

const OIP_FILE = /\.oip(-meta\.xml)?$/i;
const RPT_FILE = /\.rpt(-meta\.xml)?$/i;

/** A `.json` file that is not part of an expanded DataPack: a raw DataPack, or not a definition at all. */
function readJsonCandidate(file: string, problems: ProblemSink, out: { procedures: ProcedureDefinition[]; dataMappers: DataMapperDefinition[] }): void {
  const text = readDefinitionText(file, problems);
  if (text === undefined) return;
  const parsed = parseJsonText(text);
  if (!parsed.ok) {
    // Only a file that claims to be a raw DataPack is one that cannot be read; other JSON is not ours.
    if (text.includes('"dataPacks"')) addProblem(problems, file, parsed.message);
    return;
  }
  if (!isRawDataPack(parsed.value)) return;
  const raw = readRawDataPack(file, parsed.value, problems);
  out.procedures.push(...raw.procedures);
  out.dataMappers.push(...raw.dataMappers);
}

export function loadDefinitions(paths: readonly string[]): DefinitionSet {
  const problems: ProblemSink = [];
  const out = { procedures: [] as ProcedureDefinition[], dataMappers: [] as DataMapperDefinition[] };
  // Overlapping paths (`a` and `a/b`) would otherwise load a definition twice.
  const read = new Set<string>();
  for (const folder of walkDefinitions(paths, problems)) {
    const consumed = new Set<string>();
    for (const file of folder.files) {
      if (!basename(file).endsWith(HEADER_SUFFIX) || read.has(file)) continue;
      read.add(file);
      const expanded = readExpandedDataPack(file, problems, consumed);
      if (expanded.kind === 'procedure' && expanded.definition !== undefined) out.procedures.push(expanded.definition);
      if (expanded.kind === 'dataMapper' && expanded.definition !== undefined) out.dataMappers.push(expanded.definition);
    }
    for (const file of folder.files) {
      const name = basename(file);
      if (read.has(file) || consumed.has(file) || name.endsWith(HEADER_SUFFIX)) continue;
      read.add(file);
      if (OIP_FILE.test(name)) {
        const definition = readOipXml(file, problems);
        if (definition !== undefined) out.procedures.push(definition);
      } else if (RPT_FILE.test(name)) {
        const definition = readRptXml(file, problems);
        if (definition !== undefined) out.dataMappers.push(definition);
      } else if (!PART_FILE.test(name)) {
        readJsonCandidate(file, problems, out);
      }
    }
  }
  return deepFreeze({ procedures: out.procedures, dataMappers: out.dataMappers, problems });
}
