/** One procedure, compiled: its elements, its mocks, what it answers without a Response Action. */
import type { ProcedureInfo } from '../../core/procedure-port';
import { isPlainObject } from '../../core/plain-object';
import { ASSERT_TYPE } from '../elements/assert-action';
import type { DefinitionProblem, ElementDefinition, ProcedureDefinition } from '../model';
import { createCompileContext, LibraryServices } from './compile-context';
import { compileElements } from './compile-elements';
import { runSequence } from './sequence';
import type { CompiledElement, Frame, RunContext } from './types';

export interface CompiledProcedure {
  readonly info: ProcedureInfo;
  readonly elements: readonly CompiledElement[];
  readonly mocks: Readonly<Record<string, unknown>>;
  readonly includeAllActionsInResponse: boolean;
  readonly hasAsserts: boolean;
}

function holdsAssert(defs: readonly ElementDefinition[]): boolean {
  return defs.some((d) => d.type.trim().toLowerCase() === ASSERT_TYPE.toLowerCase() || holdsAssert(d.children));
}

export function compileProcedure(def: ProcedureDefinition, library: LibraryServices, problems: DefinitionProblem[]): CompiledProcedure {
  const cc = createCompileContext(library, def.origin.file, def.key, problems, compileElements);
  const mocks = def.props.mockResponseMap;
  return {
    info: {
      key: def.key,
      type: def.type,
      subType: def.subType,
      version: def.version,
      isTest: def.isTest,
      file: def.origin.file,
      format: def.origin.format,
      ...(def.sampleInput ? { sampleInput: def.sampleInput } : {}),
    },
    elements: compileElements(def.elements, cc),
    mocks: isPlainObject(mocks) ? mocks : {},
    includeAllActionsInResponse: def.props.includeAllActionsInResponse === true,
    hasAsserts: holdsAssert(def.elements),
  };
}

/**
 * Runs a procedure on `input` (a fresh object: it becomes the data JSON). Without a Response
 * Action the answer is the data JSON when includeAllActionsInResponse is set, else `{}` (ipemu's reading).
 */
export async function runProcedure(proc: CompiledProcedure, input: Record<string, unknown>, ctx: RunContext): Promise<unknown> {
  const frame: Frame = ctx.options.test === true ? { data: input, mocks: proc.mocks } : { data: input };
  const pending = runSequence(proc.elements, frame, ctx);
  if (pending) await pending;
  if (frame.ended) return frame.ended.response;
  return proc.includeAllActionsInResponse ? frame.data : {};
}
