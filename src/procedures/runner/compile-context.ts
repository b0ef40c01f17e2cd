/**
 * What compiling one procedure needs: the formula, merge-field and path compilers, each wrapped so
 * that a syntax error becomes a problem naming the file, the element, the property and the
 * position, and the procedure still compiles (a broken value answers INVOKE-400 if it is reached).
 */
import { IpemuError } from '../../core/errors';
import type { DefinitionProblem, ElementDefinition } from '../model';
import { compileCondition, FormulaScope } from '../formula';
import { compileValue, ValueTemplate } from '../merge-fields';
import { compilePath, CompiledPath } from '../paths';
import type { CompiledDataMapper } from '../data-mappers';
import type { BlockCache } from './block-cache';
import type { CompiledElement } from './types';

export type Condition = (scope: FormulaScope) => boolean;

/** What the whole library shares with the elements it compiles. */
export interface LibraryServices {
  readonly dataMappers: ReadonlyMap<string, CompiledDataMapper>;
  readonly cache: BlockCache;
}

export interface CompileContext {
  readonly file: string;
  readonly library: LibraryServices;
  readonly procedureKey: string;
  readonly problems: DefinitionProblem[];
  problem(element: string, property: string | undefined, message: string): void;
  /** A property value with its merge fields and `=` formulas compiled. */
  value(element: string, property: string, raw: unknown): ValueTemplate;
  /** A condition; undefined when the property is empty (no condition). */
  condition(element: string, property: string, raw: unknown): Condition | undefined;
  /** A colon path; undefined when the property is empty. */
  path(element: string, property: string, raw: unknown): CompiledPath | undefined;
  /** A block's children, through the element table. */
  children(defs: readonly ElementDefinition[]): CompiledElement[];
}

function broken(element: string, property: string, message: string): () => never {
  return () => {
    throw new IpemuError('INVALID_INPUT', `Element ${element}, property ${property}: ${message}`, { element, property });
  };
}

export function createCompileContext(
  library: LibraryServices,
  file: string,
  procedureKey: string,
  problems: DefinitionProblem[],
  compileChildren: (defs: readonly ElementDefinition[], cc: CompileContext) => CompiledElement[],
): CompileContext {
  const cc: CompileContext = {
    file,
    library,
    procedureKey,
    problems,
    problem(element, property, message) {
      problems.push(property === undefined ? { file, element, message } : { file, element, property, message });
    },
    value(element, property, raw) {
      try {
        return compileValue(raw, property);
      } catch (err) {
        const message = err instanceof Error ? err.message : String(err);
        cc.problem(element, property, message);
        return broken(element, property, message);
      }
    },
    condition(element, property, raw) {
      try {
        return compileCondition(raw);
      } catch (err) {
        const message = err instanceof Error ? err.message : String(err);
        cc.problem(element, property, message);
        return broken(element, property, message);
      }
    },
    path(element, property, raw) {
      if (raw === undefined || raw === null || raw === '') return undefined;
      if (typeof raw !== 'string') {
        cc.problem(element, property, `must be a path (a string), not ${Array.isArray(raw) ? 'a list' : typeof raw}`);
        return undefined;
      }
      try {
        return compilePath(raw);
      } catch (err) {
        cc.problem(element, property, err instanceof Error ? err.message : String(err));
        return undefined;
      }
    },
    children: (defs) => compileChildren(defs, cc),
  };
  return cc;
}
