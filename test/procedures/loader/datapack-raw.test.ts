import { join } from 'node:path';
import { loadDefinitions } from '../../../src/procedures/loader';
import { find, outline, RAW, readJson, scratch, write } from './helpers';

/** vlocity_build's raw DataPacks (test/rawDataPacks, MIT): an IP with its DataRaptor, and two DataRaptors alone. */

describe('raw DataPack JSON', () => {
  const tmp = scratch();

  it('reads the IP of datapacktest_vip_drExtractWithInputParamIntegrationProcedure in Order__c order, its escaped PropertySet__c strings parsed', () => {
    const set = loadDefinitions([join(RAW, 'datapacktest_vip_drExtractWithInputParamIntegrationProcedure.json')]);
    expect(set.problems).toEqual([]);
    const [ip] = set.procedures;
    expect(ip).toMatchObject({ key: 'DataPackTest_DRExtractWithInput', version: 1, active: true, isTest: false, origin: { format: 'datapack-raw' } });
    expect(outline(ip?.elements ?? [])).toEqual(['DRExtractContact [DataRaptor Extract Action]', 'ResponseAction [Response Action]']);
    expect(find(ip?.elements ?? [], 'DRExtractContact')?.props).toMatchObject({
      bundle: 'TestIPDRJsonExtractAuto',
      'dataRaptor Input Parameters': [{ element: 'Name', inputParam: 'Name' }],
      responseJSONPath: 'contact',
      responseJSONNode: 'response',
    });
    expect(ip?.props.mockResponseMap).toEqual({});
  });

  it('reads the DataRaptor packed beside the IP, DRMapItem__c fields under the standard names, blank fields left out', () => {
    const set = loadDefinitions([join(RAW, 'datapacktest_vip_drExtractWithInputParamIntegrationProcedure.json')]);
    const [dm] = set.dataMappers;
    expect(dm).toMatchObject({ name: 'TestIPDRJsonExtractAuto', type: 'Extract', origin: { format: 'datapack-raw' } });
    expect(dm?.inputType).toBeUndefined();
    expect(dm?.items).toHaveLength(10);
    expect(dm?.items[2]).toEqual({
      inputObjectName: 'Account',
      inputObjectQuerySequence: 2,
      inputFieldName: 'Id',
      outputObjectName: 'json',
      outputFieldName: 'contact:account',
      filterOperator: '=',
      filterValue: 'contact:AccountId',
      filterGroup: 0,
      outputCreationSequence: 0,
      isDisabled: false,
    });
    expect(dm?.items[5]).toEqual({
      inputFieldName: 'contact:account:Name',
      outputObjectName: 'json',
      outputFieldName: 'contact:accountName',
      outputCreationSequence: 1,
      isDisabled: false,
    });
  });

  it('reads datapacktest_drextract and datapacktest_drturbo: bundle type as stored ("Extract", "Turbo Extract"), input and output types', () => {
    const set = loadDefinitions([join(RAW, 'datapacktest_drextract.json'), join(RAW, 'datapacktest_drturbo.json')]);
    expect(set.problems).toEqual([]);
    expect(set.procedures).toEqual([]);
    expect(set.dataMappers.map((d) => [d.name, d.type, d.inputType, d.outputType, d.items.length])).toEqual([
      ['datapacktestExtract', 'Extract', 'JSON', 'JSON', 5],
      ['datapacktestTurbo', 'Turbo Extract', 'JSON', 'JSON', 5],
    ]);
    expect(set.dataMappers[0]?.items.map((i) => i.filterOperator ?? '-')).toEqual(['LIKE', 'LIMIT', 'ORDER BY', '-', '-']);
  });

  it('maps the managed formula fields (Formula__c, FormulaConverted__c, FormulaOrder__c, FormulaResultPath__c, TransformValuesMap__c, LookupDomainObject*__c)', () => {
    const doc = readJson(join(RAW, 'datapacktest_drextract.json')) as { dataPacks: { VlocityDataPackData: Record<string, { [k: string]: unknown[] }[]> }[] };
    const bundle = doc.dataPacks[0]?.VlocityDataPackData['%vlocity_namespace%__DRBundle__c']?.[0] as Record<string, unknown>;
    const ns = '%vlocity_namespace%__';
    bundle[`${ns}DRMapItem__c`] = [
      {
        [`${ns}DomainObjectCreationOrder__c`]: 1,
        [`${ns}Formula__c`]: "IF((a != ''),a,b)",
        [`${ns}FormulaConverted__c`]: "| var:a '' != var:a var:b IF",
        [`${ns}FormulaOrder__c`]: 2,
        [`${ns}FormulaResultPath__c`]: 'c',
        [`${ns}TransformValuesMap__c`]: '{"Y":"Yes"}',
        [`${ns}LookupDomainObjectName__c`]: 'Account',
        [`${ns}LookupDomainObjectFieldName__c`]: 'Name',
        [`${ns}LookupDomainObjectRequestedFieldName__c`]: 'Id',
        [`${ns}DefaultValue__c`]: 'none',
        [`${ns}DomainObjectFieldType__c`]: 'Text',
        [`${ns}IsDisabled__c`]: true,
      },
    ];
    const set = loadDefinitions([write(join(tmp.dir(), 'dr.json'), doc)]);
    expect(set.dataMappers[0]?.items).toEqual([
      {
        outputCreationSequence: 1,
        formulaExpression: "IF((a != ''),a,b)",
        formulaConverted: "| var:a '' != var:a var:b IF",
        formulaSequence: 2,
        formulaResultPath: 'c',
        transformValueMappings: { Y: 'Yes' },
        lookupObjectName: 'Account',
        lookupByFieldName: 'Name',
        lookupReturnedFieldName: 'Id',
        defaultValue: 'none',
        outputFieldFormat: 'Text',
        isDisabled: true,
      },
    ]);
  });

  it('does not enter node_modules or folders starting with a dot (.git, .sfdx)', () => {
    const doc = readJson(join(RAW, 'datapacktest_drextract.json')) as object;
    write(join(tmp.dir(), 'node_modules', 'pkg', 'dr.json'), doc);
    write(join(tmp.dir(), '.sfdx', 'cache', 'dr.json'), doc);
    write(join(tmp.dir(), 'exports', 'dr.json'), doc);
    const set = loadDefinitions([tmp.dir()]);
    expect(set.dataMappers.map((d) => d.origin.file)).toEqual([join(tmp.dir(), 'exports', 'dr.json')]);
  });

  it('reads a file once when the paths given overlap', () => {
    const file = write(join(tmp.dir(), 'exports', 'dr.json'), readJson(join(RAW, 'datapacktest_drextract.json')) as object);
    expect(loadDefinitions([tmp.dir(), join(tmp.dir(), 'exports'), file]).dataMappers).toHaveLength(1);
  });

  it('takes a record of an IntegrationProcedure pack that has no IsProcedure__c for an IP; IsProcedure__c false still skips it', () => {
    const doc = readJson(join(RAW, 'datapacktest_vip_drExtractWithInputParamIntegrationProcedure.json')) as {
      dataPacks: { VlocityDataPackData: Record<string, Record<string, unknown>[]> }[];
    };
    const record = doc.dataPacks[0]?.VlocityDataPackData['%vlocity_namespace%__OmniScript__c']?.[0] as Record<string, unknown>;
    delete record['%vlocity_namespace%__IsProcedure__c'];
    delete record['%vlocity_namespace%__Language__c'];
    expect(loadDefinitions([write(join(tmp.dir(), 'a', 'ip.json'), doc)]).procedures.map((p) => p.key)).toEqual(['DataPackTest_DRExtractWithInput']);
    record['%vlocity_namespace%__IsProcedure__c'] = false;
    expect(loadDefinitions([write(join(tmp.dir(), 'b', 'ip.json'), doc)]).procedures).toEqual([]);
  });

  it('skips an OmniScript pack and a JSON file that is not a DataPack, with no problem', () => {
    write(join(tmp.dir(), 'os.json'), {
      dataPacks: [
        {
          VlocityDataPackType: 'OmniScript',
          VlocityDataPackData: { '%vlocity_namespace%__OmniScript__c': [{ '%vlocity_namespace%__IsProcedure__c': false }] },
        },
      ],
    });
    write(join(tmp.dir(), 'package.json'), { name: 'not-a-definition' });
    write(join(tmp.dir(), 'broken-config.json'), '{ "a": ');
    expect(loadDefinitions([tmp.dir()])).toEqual({ procedures: [], dataMappers: [], problems: [] });
  });
});
