/** Logical functions. IF takes its branches already evaluated: OmniStudio evaluates both. [doc] */
import { isBlank, isTrue } from '../values';
import type { FunctionTable } from './types';

export const LOGIC_FUNCTIONS: FunctionTable = {
  IF: { minArgs: 2, maxArgs: 3, call: ([condition, then, otherwise]) => (isTrue(condition) ? then : otherwise === undefined ? null : otherwise) },
  ISBLANK: { minArgs: 1, maxArgs: 1, call: ([value]) => isBlank(value) },
  ISNOTBLANK: { minArgs: 1, maxArgs: 1, call: ([value]) => !isBlank(value) },
  NOT: { minArgs: 1, maxArgs: 1, call: ([value]) => !isTrue(value) },
  AND: { minArgs: 1, call: (args) => args.every(isTrue) },
  OR: { minArgs: 1, call: (args) => args.some(isTrue) },
  /** EXIST(value): whether the path is present in the data, even as null. [inferred] */
  EXIST: { minArgs: 1, maxArgs: 1, call: ([value]) => value !== undefined },
};
