import { basename, dirname, join } from 'node:path';
import type { DataMapperDefinition, JsonObject, ProcedureDefinition } from '../model';
import type { FlatElement } from './element-tree';
import { canonicalKey, fieldsOf, type RecordFields } from './fields';
import { assembleDataMapper } from './data-mapper-record';
import { addProblem, type ProblemSink } from './problems';
import { assembleProcedure, isIntegrationProcedure, readElementRecord, schemaNamesOf } from './procedure-record';
import { readPropertySet } from './property-set';
import { readJsonDefinition } from './read-file';

/**
 * vlocity_build's expanded DataPacks: a folder whose `<Type>_<SubType>_DataPack.json` header names
 * its other files (`_PropertySet.json`, one `_Element_<Name>.json` per element; a DataRaptor's
 * `_Mappings.json`). The header's element list is in depth-first execution order: expanded files
 * drop `Order__c`.
 */

/** Header files end so; any other file of the folder is one of its parts. */
export const HEADER_SUFFIX = '_DataPack.json';

/** The parts of an expanded DataPack, never definitions of their own. */
export const PART_FILE = /(_Element_.+|_PropertySet|_PropertySetConfig|_SampleInput|_Mappings|_ParentKeys)\.json$/;

export type Expanded =
  | { readonly kind: 'procedure'; readonly definition: ProcedureDefinition | undefined }
  | { readonly kind: 'dataMapper'; readonly definition: DataMapperDefinition | undefined }
  | { readonly kind: 'other' };

/** A header's reference to a file beside it; a path that leaves the folder is refused. */
function partFile(header: string, reference: string, problems: ProblemSink, element: string | undefined, property: string): string | undefined {
  if (reference !== basename(reference) || reference === '..' || reference.includes('\\')) {
    addProblem(problems, header, `"${reference}" is not a file name in the DataPack's folder`, element, property);
    return undefined;
  }
  return join(dirname(header), reference);
}

/** `X_Element_CalculateTax.json` → `CalculateTax`: the name a missing element file stands for. */
const elementNameOf = (reference: string): string | undefined => /_Element_(.+)\.json$/.exec(reference)?.[1];

/** A field holding a JSON value, or the name of the file beside the header that holds it. */
function valueOrFile(header: string, value: unknown, problems: ProblemSink, property: string, consumed: Set<string>): { ok: boolean; value: unknown } {
  if (typeof value !== 'string' || !value.trim().endsWith('.json') || /^\s*[[{]/.test(value)) return { ok: true, value };
  const file = partFile(header, value.trim(), problems, undefined, property);
  if (file === undefined) return { ok: false, value: undefined };
  consumed.add(file);
  const problemsBefore = problems.length;
  const parsed = readJsonDefinition(file, problems, undefined, property);
  return { ok: problems.length === problemsBefore, value: parsed };
}

function readProcedure(headerFile: string, header: RecordFields, problems: ProblemSink, consumed: Set<string>): ProcedureDefinition | undefined {
  const names = schemaNamesOf(header);
  const propsField = header.get('propertyset', 'propertysetconfig');
  const propsKey = propsField?.key ?? names.props;
  const propsValue = valueOrFile(headerFile, propsField?.value, problems, propsKey, consumed);
  const props: JsonObject | undefined = propsValue.ok ? readPropertySet(propsValue.value, { file: headerFile, property: propsKey }, problems) : undefined;

  const listField = header.get('element', 'omniprocesselement');
  const listKey = listField?.key ?? names.elements;
  const list: unknown = listField?.value ?? [];
  const elements: FlatElement[] = [];
  const before = problems.length;
  if (!Array.isArray(list)) addProblem(problems, headerFile, 'the element list must be a list of element file names', undefined, listKey);
  else {
    list.forEach((entry: unknown, index) => {
      let record: unknown = entry;
      let file = headerFile;
      if (typeof entry === 'string') {
        const part = partFile(headerFile, entry, problems, elementNameOf(entry), listKey);
        if (part === undefined) return;
        consumed.add(part);
        file = part;
        const problemsBefore = problems.length;
        record = readJsonDefinition(part, problems, elementNameOf(entry), listKey);
        if (problems.length !== problemsBefore) return;
      }
      const element = readElementRecord(record, file, index, problems);
      // The list's order is the execution order; an expanded file's own Order__c (if any) is stale.
      if (element !== undefined) elements.push({ ...element, order: index });
    });
  }
  if (problems.length !== before) {
    // A missing or broken element file already says what is wrong; its children would only add orphans.
    return undefined;
  }
  return assembleProcedure({ origin: { file: headerFile, format: 'datapack-expanded' }, header, props, elements, names }, problems);
}

function readDataRaptor(headerFile: string, header: RecordFields, problems: ProblemSink, consumed: Set<string>): DataMapperDefinition | undefined {
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
    return { kind: 'procedure', definition: readProcedure(headerFile, header, problems, consumed) };
  }
  if (sObjectType === 'drbundle' || sObjectType === 'omnidatatransform') {
    return { kind: 'dataMapper', definition: readDataRaptor(headerFile, header, problems, consumed) };
  }
  return { kind: 'other' };
}
