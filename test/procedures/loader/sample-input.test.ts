import { rmSync } from 'node:fs';
import { join } from 'node:path';
import { loadDefinitions } from '../../../src/procedures/loader';
import { COND_BLOCK, copyFolder, onlyProcedure, RAW, scratch } from './helpers';

/** The IP's test data (`CustomJavaScript__c`), which /openapi.json offers as the request example. */
describe('a procedure’s sample input', () => {
  const tmp = scratch();

  it('an expanded DataPack: the _SampleInput.json file the header names', () => {
    expect(onlyProcedure(loadDefinitions([COND_BLOCK])).sampleInput).toEqual({ Price: '250', State: 'MI' });
  });

  it('a raw DataPack: the JSON text of CustomJavaScript__c', () => {
    const set = loadDefinitions([join(RAW, 'datapacktest_vip_drExtractWithInputParamIntegrationProcedure.json')]);
    const ip = set.procedures.find((p) => p.key === 'DataPackTest_DRExtractWithInput');
    expect(ip?.sampleInput).toEqual({ Name: 'TestAuto' });
  });

  it.each([
    ['missing', (_name: string, text: string) => text],
    ['not JSON', (name: string, text: string) => (name.endsWith('_SampleInput.json') ? '{ not json' : text)],
    ['a list', (name: string, text: string) => (name.endsWith('_SampleInput.json') ? '[1, 2]' : text)],
  ])('a sample input file that is %s is left out, never a problem: the procedure still loads', (what, edit) => {
    const folder = copyFolder(COND_BLOCK, join(tmp.dir(), 'ip'), edit);
    if (what === 'missing') rmSync(join(folder, 'DataPackTest_IPCondBlock1_SampleInput.json'));
    const set = loadDefinitions([folder]);
    expect(set.problems).toEqual([]);
    const ip = onlyProcedure(set);
    expect(ip.sampleInput).toBeUndefined();
    expect(ip.key).toBe('DataPackTest_IPCondBlock1');
  });
});
