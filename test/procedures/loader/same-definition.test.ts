import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { loadDefinitions } from '../../../src/procedures/loader';
import type { DataMapperDefinition, ProcedureDefinition } from '../../../src/procedures/model';
import { COND_BLOCK, onlyProcedure, outline, RAW, readJson, SAME, scratch, withoutOrigin, write } from './helpers';

/** vlocity_build's lib/platformObjectMappings.yaml: the managed fields these fixtures use, and their standard names. */
const STANDARD_NAME: Record<string, string> = {
  OmniScript__c: 'OmniProcess',
  Element__c: 'OmniProcessElement',
  Type__c: 'Type',
  SubType__c: 'SubType',
  IsProcedure__c: 'IsIntegrationProcedure',
  IsTest__c: 'IsTestProcedure',
  IsActive__c: 'IsActive',
  Version__c: 'VersionNumber',
  PropertySet__c: 'PropertySetConfig',
  CustomJavaScript__c: 'CustomJavaScript',
  Active__c: 'IsActive',
  Order__c: 'SequenceNumber',
  Level__c: 'Level',
  ParentElementName__c: 'ParentElementName',
  ParentElementType__c: 'ParentElementType',
  ParentElementId__c: 'ParentElementId',
  DRBundle__c: 'OmniDataTransform',
  DRMapItem__c: 'OmniDataTransformItem',
  InputType__c: 'InputType',
  OutputType__c: 'OutputType',
  DomainObjectAPIName__c: 'OutputObjectName',
  DomainObjectCreationOrder__c: 'OutputCreationSequence',
  DomainObjectFieldAPIName__c: 'OutputFieldName',
  FilterGroup__c: 'FilterGroup',
  FilterOperator__c: 'FilterOperator',
  FilterValue__c: 'FilterValue',
  InterfaceFieldAPIName__c: 'InputFieldName',
  InterfaceObjectLookupOrder__c: 'InputObjectQuerySequence',
  InterfaceObjectName__c: 'InputObjectName',
  IsDisabled__c: 'IsDisabled',
};

/** A managed-schema document rewritten with the standard objects' field names (unmapped managed fields dropped). */
function toStandard(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(toStandard);
  if (value === null || typeof value !== 'object') return value;
  const out: Record<string, unknown> = {};
  for (const [key, inner] of Object.entries(value)) {
    const bare = key.replace('%vlocity_namespace%__', '');
    if (bare !== key && STANDARD_NAME[bare] === undefined) continue;
    out[STANDARD_NAME[bare] ?? key] = toStandard(inner);
  }
  return out;
}

/**
 * One IP and one Data Mapper written in every format (test/fixtures/procedures/same-definition,
 * derived from vlocity_build's DataPackTest_IPCondBlock1 and datapacktestExtract): each loads to the
 * same definition, its origin aside.
 */

function procedureOf(path: string, format: ProcedureDefinition['origin']['format']): ProcedureDefinition {
  const ip = onlyProcedure(loadDefinitions([path]));
  expect(ip.origin.format).toBe(format);
  return ip;
}

function dataMapperOf(path: string, format: DataMapperDefinition['origin']['format']): DataMapperDefinition {
  const set = loadDefinitions([path]);
  expect(set.problems).toEqual([]);
  const datapacktestExtract = set.dataMappers.find((d) => d.name === 'datapacktestExtract');
  expect(datapacktestExtract?.origin.format).toBe(format);
  return datapacktestExtract as DataMapperDefinition;
}

describe('DataPackTest_IPCondBlock1 in four formats', () => {
  const expanded = (): ProcedureDefinition => procedureOf(COND_BLOCK, 'datapack-expanded');

  it('the raw DataPack (elements listed in reverse, Order__c giving the order) is the same definition', () => {
    expect(withoutOrigin(procedureOf(join(SAME, 'datapack-raw'), 'datapack-raw'))).toEqual(withoutOrigin(expanded()));
  });

  it('the .oip-meta.xml (siblings alphabetical, sequenceNumber giving the order) is the same definition', () => {
    const xml = readFileSync(join(SAME, 'oip-xml', 'DataPackTest_IPCondBlock1_Procedure_1.oip-meta.xml'), 'utf8');
    // The file really is written in alphabetical order, which is not the execution order.
    const written = [...xml.matchAll(/^ {8}<name>(\w+)<\/name>/gm)].map((m) => m[1]);
    expect(written).toEqual(['AssembleOutput', 'CalculateTax', 'Response', 'StateSalesTaxes']);
    expect(withoutOrigin(procedureOf(join(SAME, 'oip-xml'), 'oip-xml'))).toEqual(withoutOrigin(expanded()));
  });

  it('the standard-schema expanded DataPack (OmniProcess, OmniProcessElement, PropertySetConfig) is the same definition', () => {
    const standard = procedureOf(join(SAME, 'datapack-expanded-standard'), 'datapack-expanded');
    expect(withoutOrigin(standard)).toEqual(withoutOrigin(expanded()));
    expect(outline(standard.elements)[1]).toBe('  IfCA [Set Values]');
  });
});

describe('raw DataPacks in the standard objects’ schema', () => {
  const tmp = scratch();

  it('an IP written with OmniProcess, OmniProcessElement, SequenceNumber and PropertySetConfig is the same definition', () => {
    const file = write(join(tmp.dir(), 'ip.json'), toStandard(readJson(join(SAME, 'datapack-raw', 'DataPackTest_IPCondBlock1.json'))) as object);
    expect(readFileSync(file, 'utf8')).not.toMatch(/"%vlocity_namespace%__\w+": /);
    expect(withoutOrigin(procedureOf(file, 'datapack-raw'))).toEqual(withoutOrigin(procedureOf(COND_BLOCK, 'datapack-expanded')));
  });

  it('a Data Mapper written with OmniDataTransform and OmniDataTransformItem (OutputCreationSequence, InputObjectName…) is the same Data Mapper', () => {
    const file = write(join(tmp.dir(), 'dr.json'), toStandard(readJson(join(RAW, 'datapacktest_drextract.json'))) as object);
    expect(readFileSync(file, 'utf8')).not.toMatch(/"%vlocity_namespace%__\w+": /);
    expect(withoutOrigin(dataMapperOf(file, 'datapack-raw'))).toEqual(withoutOrigin(dataMapperOf(join(RAW, 'datapacktest_drextract.json'), 'datapack-raw')));
  });
});

describe('expanded DataRaptor folders in the standard objects’ schema', () => {
  const tmp = scratch();

  it('an OmniDataTransform header naming its OmniDataTransformItem file is the same Data Mapper', () => {
    const from = join(SAME, 'dataraptor-folder', 'DataRaptor', 'datapacktestExtract');
    const header = toStandard(readJson(join(from, 'datapacktestExtract_DataPack.json'))) as Record<string, unknown>;
    header.VlocityRecordSObjectType = 'OmniDataTransform';
    write(join(tmp.dir(), 'datapacktestExtract', 'datapacktestExtract_DataPack.json'), header);
    write(
      join(tmp.dir(), 'datapacktestExtract', 'datapacktestExtract_Mappings.json'),
      toStandard(readJson(join(from, 'datapacktestExtract_Mappings.json'))) as object,
    );
    expect(header.OmniDataTransformItem).toBe('datapacktestExtract_Mappings.json');
    expect(withoutOrigin(dataMapperOf(tmp.dir(), 'dataraptor-folder'))).toEqual(
      withoutOrigin(dataMapperOf(join(RAW, 'datapacktest_drextract.json'), 'datapack-raw')),
    );
  });
});

describe('datapacktestExtract in three formats', () => {
  const raw = (): DataMapperDefinition => dataMapperOf(join(RAW, 'datapacktest_drextract.json'), 'datapack-raw');

  it('the vlocity_build DataRaptor folder (_DataPack.json + _Mappings.json) is the same Data Mapper', () => {
    expect(withoutOrigin(dataMapperOf(join(SAME, 'dataraptor-folder'), 'dataraptor-folder'))).toEqual(withoutOrigin(raw()));
  });

  it('the .rpt-meta.xml (OmniDataTransform) is the same Data Mapper', () => {
    expect(withoutOrigin(dataMapperOf(join(SAME, 'rpt-xml'), 'rpt-xml'))).toEqual(withoutOrigin(raw()));
  });
});
