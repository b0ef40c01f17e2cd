import type { DataMapperDefinition, ProcedureDefinition } from '../model';
import { assembleDataMapper } from './data-mapper-record';
import type { FlatElement } from './element-tree';
import { asText, fieldsOf, type RecordFields } from './fields';
import { addProblem, type ProblemSink } from './problems';
import { assembleProcedure, isIntegrationProcedure, readElementRecord, schemaNamesOf } from './procedure-record';
import { readPropertySet } from './property-set';

/**
 * Raw DataPack JSON, as vlocity_build and the DataPacks API write it:
 * `{"dataPacks":[{"VlocityDataPackType":"IntegrationProcedure","VlocityDataPackData":{"%vlocity_namespace%__OmniScript__c":[{…,"%vlocity_namespace%__Element__c":[…]}]}}, …]}`.
 * Elements carry `Order__c` (depth-first, global across the IP), `Level__c` and their property set
 * as an escaped JSON string; a DataRaptor pack carries `DRBundle__c` with its `DRMapItem__c` list.
 */

export interface RawDefinitions {
  readonly procedures: ProcedureDefinition[];
  readonly dataMappers: DataMapperDefinition[];
}

const recordsOf = (value: unknown): readonly unknown[] => (Array.isArray(value) ? (value as unknown[]) : value === undefined ? [] : [value]);

function readProcedureRecord(file: string, header: RecordFields, problems: ProblemSink): ProcedureDefinition | undefined {
  const names = schemaNamesOf(header);
  const propsField = header.get('propertyset', 'propertysetconfig');
  const props = readPropertySet(propsField?.value, { file, property: propsField?.key ?? names.props }, problems);
  const listField = header.get('element', 'omniprocesselement');
  const elements: FlatElement[] = [];
  const list = listField?.value ?? [];
  if (!Array.isArray(list)) {
    addProblem(problems, file, 'the element list must be a list', asText(header.value('name')), listField?.key ?? names.elements);
    return undefined;
  }
  list.forEach((record: unknown, index) => {
    const element = readElementRecord(record, file, index, problems);
    if (element !== undefined) elements.push(element);
  });
  return assembleProcedure({ origin: { file, format: 'datapack-raw' }, header, props, elements, names }, problems);
}

function readBundleRecord(file: string, header: RecordFields, problems: ProblemSink): DataMapperDefinition | undefined {
  const itemsField = header.get('drmapitem', 'omnidatatransformitem');
  const value = itemsField?.value ?? [];
  let items: unknown[] | undefined;
  if (Array.isArray(value)) items = value as unknown[];
  else addProblem(problems, file, 'the Data Mapper items must be a list', asText(header.value('name')), itemsField?.key);
  return assembleDataMapper({ origin: { file, format: 'datapack-raw' }, header, items, nameField: 'Name' }, problems);
}

/** True for the document a raw DataPack file holds; anything else in a `.json` file is not a definition. */
export function isRawDataPack(doc: unknown): doc is { dataPacks: unknown[] } {
  return fieldsOf(doc) !== undefined && Array.isArray((doc as { dataPacks?: unknown }).dataPacks);
}

/** Every Integration Procedure and Data Mapper of the file; other pack types (OmniScripts, templates…) are skipped. */
export function readRawDataPack(file: string, doc: { dataPacks: unknown[] }, problems: ProblemSink): RawDefinitions {
  const out: RawDefinitions = { procedures: [], dataMappers: [] };
  for (const pack of doc.dataPacks) {
    const packFields = fieldsOf(pack);
    const data = fieldsOf(packFields?.value('vlocitydatapackdata'));
    if (data === undefined) continue;
    const procedurePack = packFields?.value('vlocitydatapacktype') === 'IntegrationProcedure';
    for (const sObject of ['omniscript', 'omniprocess', 'drbundle', 'omnidatatransform']) {
      for (const record of recordsOf(data.value(sObject))) {
        const header = fieldsOf(record);
        if (header === undefined) continue;
        if (sObject === 'drbundle' || sObject === 'omnidatatransform') {
          const definition = readBundleRecord(file, header, problems);
          if (definition !== undefined) out.dataMappers.push(definition);
        } else if (isIntegrationProcedure(header, procedurePack)) {
          const definition = readProcedureRecord(file, header, problems);
          if (definition !== undefined) out.procedures.push(definition);
        }
      }
    }
  }
  return out;
}
