import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Binds, Org, QueryOptions, QueryResult, SObjectRecord } from '../../../src/core/org';
import type { DataMapperDefinition, DataMapperItem, JsonValue } from '../../../src/procedures/model';

/**
 * Test-side reading of vlocity_build's raw DataPacks: the DRBundle__c / DRMapItem__c fields mapped
 * to the standard-runtime names as lib/platformObjectMappings.yaml maps them. The loader owns the
 * real reader; this keeps the Data Mapper tests on the real exports without depending on it.
 */
export const VLOCITY_BUILD = join(__dirname, '../../fixtures/procedures/vlocity-build');

/** The org of TestDeployedDRsVIPs.cls (its accounts and contact) plus records with quotes, `%` and backslashes. */
export const VBT_ORG = join(__dirname, '../../fixtures/procedures/data-mappers/vbt-org.json');

const NS = '%vlocity_namespace%__';

type Raw = Record<string, JsonValue>;

function text(raw: Raw, field: string): string | undefined {
  const value = raw[`${NS}${field}`];
  if (value === null || value === undefined || value === '') return undefined;
  return String(value);
}

function num(raw: Raw, field: string): number | undefined {
  const value = raw[`${NS}${field}`];
  if (value === null || value === undefined || value === '') return undefined;
  return Number(value);
}

function itemOf(raw: Raw): DataMapperItem {
  const entries: [keyof DataMapperItem, unknown][] = [
    ['inputObjectName', text(raw, 'InterfaceObjectName__c')],
    ['inputObjectQuerySequence', num(raw, 'InterfaceObjectLookupOrder__c')],
    ['inputFieldName', text(raw, 'InterfaceFieldAPIName__c')],
    ['outputObjectName', text(raw, 'DomainObjectAPIName__c')],
    ['outputCreationSequence', num(raw, 'DomainObjectCreationOrder__c') ?? 0],
    ['outputFieldName', text(raw, 'DomainObjectFieldAPIName__c')],
    ['outputFieldFormat', text(raw, 'DomainObjectFieldType__c')],
    ['filterOperator', text(raw, 'FilterOperator__c')],
    ['filterValue', text(raw, 'FilterValue__c')],
    ['filterGroup', num(raw, 'FilterGroup__c')],
    ['formulaExpression', text(raw, 'Formula__c')],
    ['formulaConverted', text(raw, 'FormulaConverted__c')],
    ['formulaSequence', num(raw, 'FormulaOrder__c')],
    ['formulaResultPath', text(raw, 'FormulaResultPath__c')],
    ['defaultValue', text(raw, 'DefaultValue__c')],
    ['transformValueMappings', text(raw, 'TransformValuesMap__c')],
    ['isDisabled', raw[`${NS}IsDisabled__c`] === true],
  ];
  return Object.fromEntries(entries.filter(([, v]) => v !== undefined)) as unknown as DataMapperItem;
}

/** Every Data Mapper in a raw DataPack file of the vlocity-build fixtures. */
export function rawDataMappers(file: string): DataMapperDefinition[] {
  const path = join(VLOCITY_BUILD, 'rawDataPacks', file);
  const doc = JSON.parse(readFileSync(path, 'utf8')) as { dataPacks: { VlocityDataPackType: string; VlocityDataPackData: Record<string, JsonValue> }[] };
  const out: DataMapperDefinition[] = [];
  for (const pack of doc.dataPacks) {
    if (pack.VlocityDataPackType !== 'DataRaptor') continue;
    for (const bundle of pack.VlocityDataPackData[`${NS}DRBundle__c`] as Raw[]) {
      out.push({
        name: String(bundle.Name),
        type: text(bundle, 'Type__c') ?? '',
        items: (bundle[`${NS}DRMapItem__c`] as Raw[]).map(itemOf),
        origin: { file: path, format: 'datapack-raw' },
      });
    }
  }
  return out;
}

/** An Org that records every query it forwards: the SOQL text and the binds, as sent. */
export function recordingOrg(inner: Org): { org: Org; sent: { soql: string; binds: Binds | undefined }[] } {
  const sent: { soql: string; binds: Binds | undefined }[] = [];
  const org: Org = {
    cacheKey: inner.cacheKey,
    query: <R = SObjectRecord>(soql: string, binds?: Binds, options?: QueryOptions): Promise<QueryResult<R>> => {
      sent.push({ soql, binds: binds === undefined ? undefined : { ...binds } });
      return inner.query<R>(soql, binds, options);
    },
    describe: (sobject, options) => inner.describe(sobject, options),
  };
  return { org, sent };
}

/** A Data Mapper written in a test: items default to enabled, creation sequence 0 unless given. */
export function definition(type: string, items: Partial<DataMapperItem>[], name = 'TestDM'): DataMapperDefinition {
  return {
    name,
    type,
    items: items.map((item) => ({ outputCreationSequence: 0, isDisabled: false, ...item })),
    origin: { file: '/defs/TestDM.rpt', format: 'rpt-xml' },
  };
}
