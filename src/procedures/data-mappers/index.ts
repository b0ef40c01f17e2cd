import { IpemuError } from '../../core/errors';
import type { DataMapperDefinition, DefinitionProblem } from '../model';
import type { CompiledDataMapper } from './context';
import { compileExtract } from './extract';
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

/** Load and the other types are known to OmniStudio but not run here: reaching one is INVOKE-501. */
function notImplemented(def: DataMapperDefinition): CompiledDataMapper {
  return {
    name: def.name,
    type: def.type,
    run: () =>
      Promise.reject(
        new IpemuError('NOT_IMPLEMENTED', `Data Mapper ${def.name}: the type "${def.type}" is not implemented by ipemu.`, {
          dataMapper: def.name,
          type: def.type,
        }),
      ),
  };
}

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
        new IpemuError('INVALID_INPUT', problems[0]!.message, { dataMapper: def.name, file: def.origin.file, problems: problems.map((p) => p.message) }),
      ),
  };
}

/**
 * Compiles every Data Mapper once: SOQL texts, paths and formulas are decided here, runs only bind
 * values. Keyed by name; a later definition of a name replaces an earlier one.
 */
export function compileDataMappers(defs: readonly DataMapperDefinition[]): { mappers: ReadonlyMap<string, CompiledDataMapper>; problems: DefinitionProblem[] } {
  const mappers = new Map<string, CompiledDataMapper>();
  const problems: DefinitionProblem[] = [];
  for (const def of defs) {
    const compile = COMPILERS.get(def.type.trim().toLowerCase());
    if (!compile) {
      mappers.set(def.name, notImplemented(def));
      continue;
    }
    const compiled = compile(def);
    problems.push(...compiled.problems);
    mappers.set(def.name, compiled.problems.length ? refusing(def, compiled.problems) : compiled.mapper);
  }
  return { mappers, problems };
}
