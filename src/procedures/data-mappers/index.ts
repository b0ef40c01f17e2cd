import { IpemuError } from '../../core/errors';
import type { DataMapperDefinition, DefinitionProblem } from '../model';
import type { CompiledDataMapper } from './context';
import { compileExtract } from './extract';
import { itemLabel, ItemEntry } from './problems';
import { compileTransform } from './transform';
import { compileTurboExtract } from './turbo-extract';

export type { CompiledDataMapper, DataMapperContext } from './context';

type Compiler = (def: DataMapperDefinition) => { mapper: CompiledDataMapper; problems: DefinitionProblem[] };

/** The types that run, by stored type lower-cased ("Turbo Extract" is also stored as "TurboExtract"). */
const COMPILERS: ReadonlyMap<string, Compiler> = new Map([
  ['extract', compileExtract],
  ['turbo extract', compileTurboExtract],
  ['turboextract', compileTurboExtract],
  ['transform', compileTransform],
]);

/**
 * Load and the other types, and lookup items, are known to OmniStudio but not run here: reaching
 * one is INVOKE-501 (an answer without the lookup would be an answer the definition does not give).
 */
function notImplemented(def: DataMapperDefinition, what: string, details: Record<string, unknown>): CompiledDataMapper {
  return {
    name: def.name,
    type: def.type,
    run: () =>
      Promise.reject(
        new IpemuError('NOT_IMPLEMENTED', `Data Mapper ${def.name}: ${what} is not implemented by ipemu.`, {
          dataMapper: def.name,
          type: def.type,
          ...details,
        }),
      ),
  };
}

function lookupItem(def: DataMapperDefinition): ItemEntry | undefined {
  const index = def.items.findIndex((item) => !item.isDisabled && item.lookupObjectName?.trim());
  return index < 0 ? undefined : { index, item: def.items[index]! };
}

const described = (problem: DefinitionProblem) => (problem.property ? `${problem.property}: ${problem.message}` : problem.message);

/**
 * A Data Mapper with problems never runs half of itself: a step or item left out would answer
 * something the definition does not say. Its run names the first problem.
 */
function refusing(def: DataMapperDefinition, problems: readonly DefinitionProblem[]): CompiledDataMapper {
  return {
    name: def.name,
    type: def.type,
    run: () =>
      Promise.reject(
        new IpemuError('INVALID_INPUT', `Data Mapper ${def.name} cannot run: ${described(problems[0]!)}.`, {
          dataMapper: def.name,
          file: def.origin.file,
          problems: problems.map(described),
        }),
      ),
  };
}

/** Ranks versions of one name: (ipemu) an active version before an inactive one, then the highest `version`. */
function runsBefore(a: DataMapperDefinition, b: DataMapperDefinition): boolean {
  const activeA = a.active !== false;
  const activeB = b.active !== false;
  if (activeA !== activeB) return activeA;
  return (a.version ?? 1) > (b.version ?? 1);
}

/** The version of each name that runs; of equal rank the later definition. */
function versionsThatRun(defs: readonly DataMapperDefinition[]): DataMapperDefinition[] {
  const chosen = new Map<string, DataMapperDefinition>();
  for (const def of defs) {
    const held = chosen.get(def.name);
    if (!held || !runsBefore(held, def)) chosen.set(def.name, def);
  }
  return [...chosen.values()];
}

/**
 * Compiles the Data Mapper each name runs, once: SOQL texts, paths and formulas are decided here,
 * runs only bind values. Versions that do not run are not compiled (their problems are not reported).
 */
export function compileDataMappers(defs: readonly DataMapperDefinition[]): { mappers: ReadonlyMap<string, CompiledDataMapper>; problems: DefinitionProblem[] } {
  const mappers = new Map<string, CompiledDataMapper>();
  const problems: DefinitionProblem[] = [];
  for (const def of versionsThatRun(defs)) {
    const compile = COMPILERS.get(def.type.trim().toLowerCase());
    if (!compile) {
      mappers.set(def.name, notImplemented(def, `the type "${def.type}"`, {}));
      continue;
    }
    const lookup = lookupItem(def);
    if (lookup) {
      const item = itemLabel(lookup.index, lookup.item);
      mappers.set(def.name, notImplemented(def, `${item}, a lookup of ${lookup.item.lookupObjectName!.trim()},`, { item }));
      continue;
    }
    const compiled = compile(def);
    problems.push(...compiled.problems);
    mappers.set(def.name, compiled.problems.length ? refusing(def, compiled.problems) : compiled.mapper);
  }
  return { mappers, problems };
}
