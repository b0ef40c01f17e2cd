/**
 * From folders of exports to a library that runs: load every format (loader/), compile once
 * (library.ts), and gather the problems of both steps in one list, in the order they were found.
 */
import { compileLibrary, CompiledLibrary, LibraryOptions } from './library';
import { loadDefinitions } from './loader';
import type { DefinitionProblem } from './model';

export { problemText } from './problem-text';

export interface OpenedLibrary {
  readonly library: CompiledLibrary;
  /** What could not be read or compiled; empty when every definition runs. */
  readonly problems: readonly DefinitionProblem[];
}

export function openLibrary(paths: readonly string[], options: LibraryOptions = {}): OpenedLibrary {
  const set = loadDefinitions(paths);
  const library = compileLibrary(set, options);
  return { library, problems: [...set.problems, ...library.problems] };
}
