import type { DataMapperDefinition, ProcedureDefinition } from '../model';
import { readExpandedProcedure } from './datapack-expanded';
import { readDataRaptorFolder } from './dataraptor-folder';
import { canonicalKey, fieldsOf } from './fields';
import { addProblem, type ProblemSink } from './problems';
import { isIntegrationProcedure } from './procedure-record';
import { readJsonDefinition } from './read-file';

/** What an expanded DataPack header is: its `VlocityRecordSObjectType` says which reader it goes to. */
export type Expanded =
  | { readonly kind: 'procedure'; readonly definition: ProcedureDefinition | undefined }
  | { readonly kind: 'dataMapper'; readonly definition: DataMapperDefinition | undefined }
  | { readonly kind: 'other' };

/** One expanded DataPack header; the files it names are added to `consumed`, so the folder walk skips them. */
export function readExpandedDataPack(headerFile: string, problems: ProblemSink, consumed: Set<string>): Expanded {
  const doc = readJsonDefinition(headerFile, problems);
  if (doc === undefined) return { kind: 'other' };
  const header = fieldsOf(doc);
  if (header === undefined) {
    addProblem(problems, headerFile, 'a DataPack header must be a JSON object');
    return { kind: 'other' };
  }
  const sObjectType = canonicalKey(String(header.value('vlocityrecordsobjecttype') ?? ''));
  if (sObjectType === 'omniscript' || sObjectType === 'omniprocess') {
    // OmniScripts share the object; only Integration Procedures are definitions here.
    if (!isIntegrationProcedure(header)) return { kind: 'other' };
    return { kind: 'procedure', definition: readExpandedProcedure(headerFile, header, problems, consumed) };
  }
  if (sObjectType === 'drbundle' || sObjectType === 'omnidatatransform') {
    return { kind: 'dataMapper', definition: readDataRaptorFolder(headerFile, header, problems, consumed) };
  }
  return { kind: 'other' };
}
