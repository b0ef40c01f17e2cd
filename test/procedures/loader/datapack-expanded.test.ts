import { join } from 'node:path';
import { loadDefinitions } from '../../../src/procedures/loader';
import { COND_BLOCK, copyFolder, find, IP_TEST, onlyProcedure, outline, scratch, VLOCITY_BUILD, write } from './helpers';

/** vlocity_build's expanded DataPacks (test/testJobData/IntegrationProcedure, MIT), read as published. */

const COND_BLOCK_OUTLINE = [
  'StateSalesTaxes [Conditional Block]',
  '  IfCA [Set Values]',
  '  IfOR [Set Values]',
  '  IfWA [Set Values]',
  '  IfNV [Set Values]',
  '  IfOtherState [Set Values]',
  'CalculateTax [Set Values]',
  'AssembleOutput [Set Values]',
  'Response [Response Action]',
];

describe('expanded DataPacks (managed-package schema)', () => {
  const tmp = scratch();

  it('reads DataPackTest_IPCondBlock1: key, Type/SubType, the header list as depth-first order, children under their Conditional Block', () => {
    const ip = onlyProcedure(loadDefinitions([COND_BLOCK]));
    expect(ip).toMatchObject({ key: 'DataPackTest_IPCondBlock1', type: 'DataPackTest', subType: 'IPCondBlock1', isTest: false });
    expect(outline(ip.elements)).toEqual(COND_BLOCK_OUTLINE);
    expect(ip.origin).toEqual({ file: join(COND_BLOCK, 'DataPackTest_IPCondBlock1_DataPack.json'), format: 'datapack-expanded' });
  });

  it('reads a header file given on its own, with the parts it names beside it', () => {
    const ip = onlyProcedure(loadDefinitions([join(COND_BLOCK, 'DataPackTest_IPCondBlock1_DataPack.json')]));
    expect(outline(ip.elements)).toEqual(COND_BLOCK_OUTLINE);
  });

  it('has no version or IsActive__c in the header: version 1, active (an expanded export is the active version)', () => {
    const ip = onlyProcedure(loadDefinitions([COND_BLOCK]));
    expect(ip.version).toBe(1);
    expect(ip.active).toBe(true);
  });

  it("reads the IP's property set from the _PropertySet.json the header names, and each element's __PropertySet__c object as it is", () => {
    const ip = onlyProcedure(loadDefinitions([COND_BLOCK]));
    expect(ip.props.mockResponseMap).toEqual({ IfOtherState: { DefaultSalesTax: 0.06 } });
    expect(ip.props.includeAllActionsInResponse).toBe(false);
    const ifCA = find(ip.elements, 'IfCA');
    expect(ifCA?.props).toMatchObject({
      elementValueMap: { CASalesTax: 0.0866 },
      executionConditionalFormula: 'State == "CA"',
      responseJSONNode: 'SalesTax',
      responseJSONPath: 'CASalesTax',
    });
    expect(find(ip.elements, 'StateSalesTaxes')?.props.isIfElseBlock).toBe(true);
    expect(find(ip.elements, 'CalculateTax')?.active).toBe(true);
  });

  it('reads DataPackTest_IPTest1 as a test procedure (IsTest__c) with its Integration Procedure Action and Assert Action', () => {
    const ip = onlyProcedure(loadDefinitions([IP_TEST]));
    expect(ip.key).toBe('DataPackTest_IPTest1');
    expect(ip.isTest).toBe(true);
    expect(outline(ip.elements)).toEqual([
      'IPInput [Set Values]',
      'TestIP [Integration Procedure Action]',
      'AssertTotal [Assert Action]',
      'TestResponse [Response Action]',
    ]);
    expect(find(ip.elements, 'TestIP')?.props.integrationProcedureKey).toBe('DataPackTest_IPCondBlock1');
  });

  it('skips the LICENSE, _SampleInput.json and _ParentKeys.json beside the DataPacks without a problem', () => {
    const set = loadDefinitions([VLOCITY_BUILD]);
    expect(set.problems).toEqual([]);
    expect(set.procedures.map((p) => p.key).sort()).toEqual(['DataPackTest_DRExtractWithInput', 'DataPackTest_IPCondBlock1', 'DataPackTest_IPTest1']);
  });

  it.each(['vlocity_ins', 'vlocity_cmt', 'vlocity_ps', 'omnistudio'])('reads the same DataPack exported with the real namespace %s__', (ns) => {
    const placeholder = onlyProcedure(loadDefinitions([COND_BLOCK]));
    const folder = copyFolder(COND_BLOCK, join(tmp.dir(), 'ip'), (_name, text) => text.replaceAll('%vlocity_namespace%', ns));
    const real = onlyProcedure(loadDefinitions([folder]));
    expect({ ...real, origin: undefined }).toEqual({ ...placeholder, origin: undefined });
  });

  it('reads Version__c and IsActive__c when the header has them, and keeps an inactive element as inactive', () => {
    const folder = copyFolder(COND_BLOCK, join(tmp.dir(), 'ip'), (name, text) => {
      if (name.endsWith('_DataPack.json'))
        return text.replace(
          '"Name": "IPCondBlock1",',
          '"Name": "IPCondBlock1", "%vlocity_namespace%__Version__c": 3, "%vlocity_namespace%__IsActive__c": false,',
        );
      if (name.endsWith('_Element_IfNV.json')) return text.replace('"%vlocity_namespace%__Active__c": true', '"%vlocity_namespace%__Active__c": false');
      return text;
    });
    const ip = onlyProcedure(loadDefinitions([folder]));
    expect(ip.version).toBe(3);
    expect(ip.active).toBe(false);
    expect(find(ip.elements, 'IfNV')?.active).toBe(false);
    expect(find(ip.elements, 'IfCA')?.active).toBe(true);
  });

  it('keeps every version of one key: the choice of the one that runs is not the loader’s', () => {
    copyFolder(COND_BLOCK, join(tmp.dir(), 'v1'));
    copyFolder(COND_BLOCK, join(tmp.dir(), 'v2'), (name, text) =>
      name.endsWith('_DataPack.json') ? text.replace('"Name": "IPCondBlock1",', '"Name": "IPCondBlock1", "%vlocity_namespace%__Version__c": 2,') : text,
    );
    const set = loadDefinitions([tmp.dir()]);
    expect(set.problems).toEqual([]);
    expect(set.procedures.map((p) => `${p.key} v${p.version}`)).toEqual(['DataPackTest_IPCondBlock1 v1', 'DataPackTest_IPCondBlock1 v2']);
  });

  it('skips an expanded OmniScript (IsProcedure__c false) without a problem', () => {
    write(join(tmp.dir(), 'os', 'Demo_Script_English_DataPack.json'), {
      '%vlocity_namespace%__Element__c': ['Demo_Script_English_Element_Step1.json'],
      '%vlocity_namespace%__IsProcedure__c': false,
      '%vlocity_namespace%__Type__c': 'Demo',
      '%vlocity_namespace%__SubType__c': 'Script',
      VlocityRecordSObjectType: '%vlocity_namespace%__OmniScript__c',
    });
    expect(loadDefinitions([tmp.dir()])).toEqual({ procedures: [], dataMappers: [], problems: [] });
  });

  it('skips the header of another DataPack type (a VlocityUITemplate) and its part files without a problem', () => {
    write(join(tmp.dir(), 'tpl', 'demoTemplate_DataPack.json'), {
      Name: 'demoTemplate',
      VlocityRecordSObjectType: '%vlocity_namespace%__VlocityUITemplate__c',
    });
    write(join(tmp.dir(), 'tpl', 'demoTemplate_Sass.json'), { sass: '' });
    expect(loadDefinitions([tmp.dir()])).toEqual({ procedures: [], dataMappers: [], problems: [] });
  });

  it('freezes what it loads: no run can change the next run’s definition', () => {
    const ip = onlyProcedure(loadDefinitions([COND_BLOCK]));
    const ifCA = find(ip.elements, 'IfCA');
    expect(Object.isFrozen(ip)).toBe(true);
    expect(Object.isFrozen(ip.elements)).toBe(true);
    expect(Object.isFrozen(ifCA?.props.elementValueMap)).toBe(true);
  });
});
