import type { DefinitionOrigin, JsonObject, ProcedureDefinition } from '../model';
import { buildElementTree, type ElementFieldNames, type FlatElement } from './element-tree';
import { asBoolean, asNumber, asText, fieldsOf, type RecordFields } from './fields';
import { addProblem, type ProblemSink } from './problems';
import { readPropertySet } from './property-set';
import { readSampleInput } from './sample-input';

/**
 * The procedure and element fields of the JSON exports (expanded and raw DataPacks, in the managed
 * package's schema or the standard objects'), read through their canonical names
 * (platformObjectMappings.yaml: Type__c ↔ Type, Version__c ↔ VersionNumber, Order__c ↔ SequenceNumber…).
 */

/**
 * Managed package `IsProcedure__c`, standard `IsIntegrationProcedure`: an OmniScript is neither and
 * is skipped. A record that says neither is an IP when its language is `Procedure` (what an IP's
 * language always is) or its pack is an IntegrationProcedure pack.
 */
export function isIntegrationProcedure(fields: RecordFields, inProcedurePack = false): boolean {
  const flag = fields.value('isprocedure', 'isintegrationprocedure');
  if (flag !== undefined && flag !== '') return asBoolean(flag, false);
  return inProcedurePack || asText(fields.value('language'))?.toLowerCase() === 'procedure';
}

/** What each schema calls the fields a problem names. */
export interface SchemaNames {
  readonly element: ElementFieldNames;
  readonly type: string;
  readonly subType: string;
  readonly props: string;
  readonly elements: string;
}

export const MANAGED_NAMES: SchemaNames = {
  element: { name: 'Name', type: 'Type__c', parent: 'ParentElementName__c' },
  type: 'Type__c',
  subType: 'SubType__c',
  props: 'PropertySet__c',
  elements: 'Element__c',
};

export const STANDARD_NAMES: SchemaNames = {
  element: { name: 'Name', type: 'Type', parent: 'ParentElementName' },
  type: 'Type',
  subType: 'SubType',
  props: 'PropertySetConfig',
  elements: 'OmniProcessElement',
};

/** The standard objects' schema writes `OmniProcess` where the managed package writes `OmniScript__c`. */
export function schemaNamesOf(header: RecordFields): SchemaNames {
  return header.get('type')?.key === 'Type' || header.get('isintegrationprocedure') !== undefined ? STANDARD_NAMES : MANAGED_NAMES;
}

/** A JSON element record as a flat element; `order` is the position a format gives when the record has none. */
export function readElementRecord(record: unknown, file: string, fallbackOrder: number, problems: ProblemSink): FlatElement | undefined {
  const fields = fieldsOf(record);
  if (fields === undefined) {
    addProblem(problems, file, 'an element must be a JSON object');
    return undefined;
  }
  const name = asText(fields.value('name'));
  const parentId = fieldsOf(fields.value('parentelementid'));
  const parent = asText(fields.value('parentelementname')) ?? asText(parentId?.value('name'));
  const propsField = fields.get('propertyset', 'propertysetconfig');
  const props = readPropertySet(propsField?.value, { file, element: name, property: propsField?.key ?? 'PropertySet__c' }, problems);
  const element: { -readonly [K in keyof FlatElement]: FlatElement[K] } = {
    file,
    active: asBoolean(fields.value('active', 'isactive'), true),
    order: asNumber(fields.value('order', 'sequencenumber')) ?? fallbackOrder,
  };
  if (name !== undefined) element.name = name;
  const type = asText(fields.value('type'));
  if (type !== undefined) element.type = type;
  if (props !== undefined) element.props = props;
  if (parent !== undefined) element.parent = parent;
  const keys: { -readonly [K in keyof ElementFieldNames]?: string } = {};
  const typeKey = fields.get('type')?.key;
  const parentKey = fields.get('parentelementname', 'parentelementid')?.key;
  if (typeKey !== undefined) keys.type = typeKey;
  if (parentKey !== undefined) keys.parent = parentKey;
  element.keys = keys;
  return element;
}

export interface ProcedureSource {
  readonly origin: DefinitionOrigin;
  /** The header record's fields (the managed `OmniScript__c` or standard `OmniProcess` record). */
  readonly header: RecordFields;
  /** The IP's own property set, already read (undefined: it could not be). */
  readonly props: JsonObject | undefined;
  readonly elements: readonly FlatElement[];
  readonly names: SchemaNames;
  /** The test data, when the format keeps it in a file of its own (read by the format's reader). */
  readonly sampleInput?: JsonObject;
}

/** The procedure, or undefined when anything in it is unusable (each reason is a problem). */
export function assembleProcedure(source: ProcedureSource, problems: ProblemSink): ProcedureDefinition | undefined {
  const { header, origin } = source;
  const before = problems.length;
  const type = asText(header.value('type'));
  const subType = asText(header.value('subtype'));
  if (type === undefined) addProblem(problems, origin.file, 'the procedure has no Type', undefined, source.names.type);
  if (subType === undefined) addProblem(problems, origin.file, 'the procedure has no SubType', undefined, source.names.subType);
  const elements = buildElementTree(source.elements, source.names.element, problems);
  if (type === undefined || subType === undefined || elements === undefined || source.props === undefined || problems.length !== before) return undefined;
  const sampleInput = source.sampleInput ?? readSampleInput(header);
  return {
    key: `${type}_${subType}`,
    type,
    subType,
    version: asNumber(header.value('version', 'versionnumber')) ?? 1,
    active: asBoolean(header.value('isactive'), true),
    isTest: asBoolean(header.value('istest', 'istestprocedure'), false),
    props: source.props,
    elements,
    origin,
    ...(sampleInput === undefined ? {} : { sampleInput }),
  };
}
