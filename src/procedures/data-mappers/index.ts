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
 * Compiles every Data Mapper once: SOQL texts, paths and formulas are decided here, runs only bind
 * values. Keyed by name; of two with one name the later wins (loaders give the highest version last).
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
    mappers.set(def.name, compiled.mapper);
  }
  return { mappers, problems };
}
