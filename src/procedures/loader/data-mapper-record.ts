import type { DataMapperDefinition, DataMapperItem, DefinitionOrigin, JsonValue } from '../model';
import { asBoolean, asNumber, asText, fieldsOf, type RecordFields } from './fields';
import { addProblem, type ProblemSink } from './problems';
import { parseJsonText } from './read-file';

/**
 * Data Mapper items under model.ts's standard names, whatever the export called them: the managed
 * package's `DRMapItem__c` fields mapped as vlocity_build's platformObjectMappings.yaml maps them
 * (DomainObjectCreationOrder__c → OutputCreationSequence, InterfaceObjectName__c → InputObjectName…),
 * the standard object's and the metadata XML's names (`disabled`, `transformValuesMappings`) as they are.
 */

type Kind = 'text' | 'number' | 'json';
type OptionalField = Exclude<keyof DataMapperItem, 'outputCreationSequence' | 'isDisabled'>;

/** Each optional item field, its kind, and its canonical spellings: managed first, then standard and XML. */
const ITEM_FIELDS: readonly (readonly [OptionalField, Kind, readonly string[]])[] = [
  ['inputObjectName', 'text', ['interfaceobjectname', 'inputobjectname']],
  ['inputObjectQuerySequence', 'number', ['interfaceobjectlookuporder', 'inputobjectquerysequence']],
  ['inputFieldName', 'text', ['interfacefieldapiname', 'inputfieldname']],
  ['outputObjectName', 'text', ['domainobjectapiname', 'outputobjectname']],
  ['outputFieldName', 'text', ['domainobjectfieldapiname', 'outputfieldname']],
  ['outputFieldFormat', 'text', ['domainobjectfieldtype', 'outputfieldformat']],
  ['filterOperator', 'text', ['filteroperator']],
  ['filterValue', 'text', ['filtervalue']],
  ['filterGroup', 'number', ['filtergroup']],
  ['formulaExpression', 'text', ['formula', 'formulaexpression']],
  ['formulaConverted', 'text', ['formulaconverted']],
  ['formulaSequence', 'number', ['formulaorder', 'formulasequence']],
  ['formulaResultPath', 'text', ['formularesultpath']],
  ['defaultValue', 'text', ['defaultvalue']],
  ['transformValueMappings', 'json', ['transformvaluesmap', 'transformvaluemappings', 'transformvaluesmappings']],
  ['lookupObjectName', 'text', ['lookupdomainobjectname', 'lookupobjectname']],
  ['lookupByFieldName', 'text', ['lookupdomainobjectfieldname', 'lookupbyfieldname']],
  ['lookupReturnedFieldName', 'text', ['lookupdomainobjectrequestedfieldname', 'lookupreturnedfieldname']],
];

/** Stored as escaped JSON (`{ }`, a list of pairs); text that is not JSON is kept as the text. */
function jsonOf(value: unknown): JsonValue | undefined {
  if (typeof value !== 'string') return value === null || value === undefined ? undefined : (value as JsonValue);
  if (value.trim() === '') return undefined;
  const parsed = parseJsonText(value);
  return parsed.ok ? (parsed.value as JsonValue) : value;
}

/** One item; blank fields (raw DataPacks write `""` for every unset field) are left out. */
export function readDataMapperItem(fields: RecordFields): DataMapperItem {
  const item: Record<string, JsonValue> = {};
  for (const [name, kind, spellings] of ITEM_FIELDS) {
    const raw = fields.value(...spellings);
    const value = kind === 'text' ? asText(raw) : kind === 'number' ? asNumber(raw) : jsonOf(raw);
    if (value !== undefined) item[name] = value;
  }
  item.outputCreationSequence = asNumber(fields.value('domainobjectcreationorder', 'outputcreationsequence')) ?? 0;
  item.isDisabled = asBoolean(fields.value('isdisabled', 'disabled'), false);
  // Built from ITEM_FIELDS, whose names and kinds are DataMapperItem's.
  return item as unknown as DataMapperItem;
}

export interface DataMapperSource {
  readonly origin: DefinitionOrigin;
  readonly header: RecordFields;
  /** The item records as exported, or undefined when they could not be read (the problem is recorded). */
  readonly items: readonly unknown[] | undefined;
  /** What the export calls the header's name field, for the problem that finds none. */
  readonly nameField: string;
}

/** The Data Mapper, or undefined (with problems) when its name or items cannot be read. */
export function assembleDataMapper(source: DataMapperSource, problems: ProblemSink): DataMapperDefinition | undefined {
  const { header, origin } = source;
  const name = asText(header.value('name')) ?? asText(header.value('drmapname'));
  if (name === undefined) addProblem(problems, origin.file, 'the Data Mapper has no name', undefined, source.nameField);
  if (source.items === undefined || name === undefined) return undefined;
  const items: DataMapperItem[] = [];
  let broken = false;
  source.items.forEach((record, index) => {
    const fields = fieldsOf(record);
    if (fields === undefined) {
      addProblem(problems, origin.file, `item ${index + 1} must be a JSON object`, name);
      broken = true;
    } else items.push(readDataMapperItem(fields));
  });
  if (broken) return undefined;
  const definition: { -readonly [K in keyof DataMapperDefinition]: DataMapperDefinition[K] } = {
    name,
    type: asText(header.value('type')) ?? '',
    version: asNumber(header.value('versionnumber', 'version')) ?? 1,
    active: asBoolean(header.value('active', 'isactive'), true),
    items,
    origin,
  };
  const inputType = asText(header.value('inputtype'));
  const outputType = asText(header.value('outputtype'));
  if (inputType !== undefined) definition.inputType = inputType;
  if (outputType !== undefined) definition.outputType = outputType;
  return definition;
}
