/**
 * The compiled library of Integration Procedures: what the emulator runs through ProcedurePort.
 * Everything is compiled here, once: the highest active version of each key, every element's
 * properties, conditions and paths, the element table lookups, the Data Mappers. A run only calls
 * closures (the bench counts parses to prove it).
 */
import { IpemuError } from '../core/errors';
import { failure, OutputMap } from '../core/envelope';
import { copyJson } from '../core/json-copy';
import { MAX_INPUT_CHARS } from '../core/emulator';
import { isPlainObject } from '../core/plain-object';
import type { ProcedureHost, ProcedureInfo, ProcedurePort, ProcedureRunOptions } from '../core/procedure-port';
import { compileDataMappers } from './data-mappers';
import type { VlocityContext } from './formula';
import type { DefinitionProblem, DefinitionSet, ProcedureDefinition } from './model';
import { BlockCache } from './runner/block-cache';
import { compileProcedure, CompiledProcedure, runProcedure } from './runner/procedure';
import type { RunContext } from './runner/types';

/** Integration Procedure Actions nest at most this deep: far beyond real designs, short of any stack. */
export const MAX_PROCEDURE_DEPTH = 16;

export interface CompiledLibrary extends ProcedurePort {
  /** What could not be compiled: file, element, property and message (formula positions included). Loader problems are the DefinitionSet's. */
  readonly problems: readonly DefinitionProblem[];
}

export interface LibraryOptions {
  /** Wall-clock milliseconds for `$Vlocity.NOW`/`TODAY` and Cache Block lifetimes; tests inject one. Default Date.now. */
  clock?: () => number;
}

/** Of several versions of a key, the highest active one; inactive versions are not listed. */
function runnableVersions(procedures: readonly ProcedureDefinition[]): ProcedureDefinition[] {
  const byKey = new Map<string, ProcedureDefinition>();
  for (const def of procedures) {
    if (!def.active) continue;
    const current = byKey.get(def.key);
    if (current === undefined || def.version > current.version) byKey.set(def.key, def);
  }
  return [...byKey.values()].sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0));
}

function callableInput(input: unknown): Record<string, unknown> {
  const copy = copyJson(input ?? {}, MAX_INPUT_CHARS);
  if (!copy.ok) throw new IpemuError('INVALID_INPUT', `The procedure's input could not be read as JSON: ${copy.problem}.`);
  if (!isPlainObject(copy.value)) throw new IpemuError('INVALID_INPUT', 'An Integration Procedure Action must send a JSON object as input.');
  return copy.value;
}

export function compileLibrary(set: DefinitionSet, options: LibraryOptions = {}): CompiledLibrary {
  const clock = options.clock ?? Date.now;
  const problems: DefinitionProblem[] = [];
  const mappers = compileDataMappers(set.dataMappers);
  problems.push(...mappers.problems);
  const library = { dataMappers: mappers.mappers, cache: new BlockCache(clock) };
  const procedures = new Map<string, CompiledProcedure>();
  for (const def of runnableVersions(set.procedures)) procedures.set(def.key, compileProcedure(def, library, problems));
  const infos: readonly ProcedureInfo[] = Object.freeze([...procedures.values()].map((p) => p.info));
  const vlocity: VlocityContext = { now: () => new Date(clock()) };

  function callProcedure(key: string, input: unknown, ctx: RunContext): Promise<unknown> {
    const proc = procedures.get(key);
    if (proc === undefined) return Promise.reject(new IpemuError('NOT_FOUND', `Integration Procedure ${key} was not found.`));
    if (ctx.stack.includes(key)) {
      return Promise.reject(
        new IpemuError('INVALID_INPUT', `Integration Procedure recursion refused: ${[...ctx.stack, key].join(' → ')}.`, { cycle: [...ctx.stack, key] }),
      );
    }
    if (ctx.stack.length >= MAX_PROCEDURE_DEPTH) {
      return Promise.reject(
        new IpemuError('INVALID_INPUT', `Integration Procedures nest more than ${MAX_PROCEDURE_DEPTH} deep: ${[...ctx.stack, key].join(' → ')}.`),
      );
    }
    // The inner procedure keeps its own trace out of the outer one: its action's entry shows its answer.
    const inner: RunContext = { host: ctx.host, options: ctx.options, vlocity: ctx.vlocity, stack: [...ctx.stack, key], asserts: ctx.asserts, callProcedure };
    return runProcedure(proc, callableInput(input), inner);
  }

  async function run(key: string, input: Record<string, unknown>, runOptions: ProcedureRunOptions, host: ProcedureHost): Promise<OutputMap> {
    const proc = procedures.get(key);
    if (proc === undefined) return failure('NOT_FOUND', `Integration Procedure ${key} was not found.`);
    const ctx: RunContext = {
      host,
      options: runOptions,
      vlocity,
      stack: [key],
      asserts: [],
      callProcedure,
      ...(runOptions.trace === true ? { trace: [] } : {}),
    };
    let envelope: OutputMap;
    try {
      envelope = { IPResult: await runProcedure(proc, input, ctx), errorCode: 'INVOKE-200', error: 'OK' };
    } catch (err) {
      if (!(err instanceof IpemuError)) throw err;
      envelope = failure(err.code, err.message, err.details);
    }
    if (ctx.trace) envelope.trace = ctx.trace;
    if (runOptions.test === true && proc.hasAsserts) envelope.asserts = ctx.asserts;
    if (ctx.responseHeaders !== undefined) envelope.responseHeaders = ctx.responseHeaders;
    return envelope;
  }

  return {
    problems,
    list: () => infos,
    has: (key) => procedures.has(key),
    run,
  };
}
