import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { loadDefinitions } from '../../../src/procedures/loader';
import type { DataMapperDefinition, ProcedureDefinition } from '../../../src/procedures/model';
import { COND_BLOCK, onlyProcedure, outline, RAW, SAME, withoutOrigin } from './helpers';

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

describe('datapacktestExtract in three formats', () => {
  const raw = (): DataMapperDefinition => dataMapperOf(join(RAW, 'datapacktest_drextract.json'), 'datapack-raw');

  it('the vlocity_build DataRaptor folder (_DataPack.json + _Mappings.json) is the same Data Mapper', () => {
    expect(withoutOrigin(dataMapperOf(join(SAME, 'dataraptor-folder'), 'dataraptor-folder'))).toEqual(withoutOrigin(raw()));
  });

  it('the .rpt-meta.xml (OmniDataTransform) is the same Data Mapper', () => {
    expect(withoutOrigin(dataMapperOf(join(SAME, 'rpt-xml'), 'rpt-xml'))).toEqual(withoutOrigin(raw()));
  });
});
