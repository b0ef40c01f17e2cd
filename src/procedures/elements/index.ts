/**
 * The element table: every element type's declaration, keyed by each type string it answers to
 * (stored type and label spellings, without regard to case), as LocalStack gathers operations.
 * A type string that appears twice fails at start-up, never at a run.
 */
import { assertAction } from './assert-action';
import { cacheBlock } from './cache-block';
import { conditionalBlock } from './conditional-block';
import { dataMapperExtract } from './data-mapper-extract';
import { dataMapperTransform } from './data-mapper-transform';
import { dataMapperTurboExtract } from './data-mapper-turbo-extract';
import type { ElementType } from './element-type';
import { integrationProcedureAction } from './integration-procedure-action';
import { listAction } from './list-action';
import { loopBlock } from './loop-block';
import { remoteAction } from './remote-action';
import { responseAction } from './response-action';
import { setValues } from './set-values';
import { tryCatchBlock } from './try-catch-block';
import { UNIMPLEMENTED_TYPES } from './unimplemented';

export const ELEMENT_TYPES: readonly ElementType[] = [
  setValues,
  remoteAction,
  conditionalBlock,
  loopBlock,
  tryCatchBlock,
  cacheBlock,
  dataMapperExtract,
  dataMapperTurboExtract,
  dataMapperTransform,
  listAction,
  integrationProcedureAction,
  responseAction,
  assertAction,
];

function keyOf(type: string): string {
  return type.trim().toLowerCase();
}

function buildTable(): ReadonlyMap<string, ElementType> {
  const table = new Map<string, ElementType>();
  for (const type of ELEMENT_TYPES) {
    for (const spelling of type.types) {
      if (table.has(keyOf(spelling))) throw new Error(`Element type "${spelling}" is declared twice.`);
      table.set(keyOf(spelling), type);
    }
  }
  return table;
}

const TABLE = buildTable();
const UNIMPLEMENTED = new Set(UNIMPLEMENTED_TYPES.map(keyOf));

export function elementTypeOf(type: string): ElementType | undefined {
  return TABLE.get(keyOf(type));
}

export function isKnownUnimplemented(type: string): boolean {
  return UNIMPLEMENTED.has(keyOf(type));
}
