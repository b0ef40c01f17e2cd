/**
 * Element types Salesforce has and ipemu does not run. They load (an IP that holds one can still
 * run its other branches) and, when reached with their condition true, answer INVOKE-501 naming
 * the type and the element; no Try Catch Block hides that.
 */
import type { ElementDefinition } from '../model';
import { FatalRunError } from '../runner/run-errors';
import type { ElementRun } from './element-type';

/** Stored types (and labels) known to OmniStudio that ipemu does not implement. */
export const UNIMPLEMENTED_TYPES: readonly string[] = [
  'Rest Action',
  'HTTP Action',
  'Matrix Action',
  'Decision Matrix Action',
  'Expression Set Action',
  'Calculation Action',
  'Email Action',
  'DocuSign Envelope Action',
  'DocuSign Token Action',
  'DataRaptor Post Action',
  'Data Mapper Load Action',
  'Data Mapper Post Action',
  'Batch Action',
  'Chatter Action',
  'Delete Action',
  'Navigate Action',
  'Omniscript Action',
];

export function compileUnimplemented(def: ElementDefinition, known: boolean): ElementRun {
  const why = known ? 'is not implemented by ipemu' : 'is not an element type ipemu knows';
  return () => {
    throw new FatalRunError('NOT_IMPLEMENTED', `Element ${def.name}: type "${def.type}" ${why}.`, { element: def.name, type: def.type });
  };
}
