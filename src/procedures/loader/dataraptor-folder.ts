import type { DataMapperDefinition } from '../model';
import { assembleDataMapper } from './data-mapper-record';
import { valueOrFile } from './datapack-parts';
import type { RecordFields } from './fields';
import { addProblem, type ProblemSink } from './problems';

/**
 * vlocity_build's `DataRaptor/<Name>/` folders: `<Name>_DataPack.json` (the `DRBundle__c` or
 * `OmniDataTransform` record) naming its `<Name>_Mappings.json` item list.
 */

/** The Data Mapper of one DataRaptor header; the mappings file it reads is added to `consumed`. */
export function readDataRaptorFolder(headerFile: string, header: RecordFields, problems: ProblemSink, consumed: Set<string>): DataMapperDefinition | undefined {
  const itemsField = header.get('drmapitem', 'omnidatatransformitem');
  const itemsKey = itemsField?.key ?? 'DRMapItem__c';
  const itemsValue = valueOrFile(headerFile, itemsField?.value ?? [], problems, itemsKey, consumed);
  let items: unknown[] | undefined;
  if (itemsValue.ok) {
    if (Array.isArray(itemsValue.value)) items = itemsValue.value as unknown[];
    else addProblem(problems, headerFile, 'the Data Mapper items must be a list', undefined, itemsKey);
  }
  return assembleDataMapper({ origin: { file: headerFile, format: 'dataraptor-folder' }, header, items, nameField: 'Name' }, problems);
}
