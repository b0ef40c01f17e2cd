import { join } from 'node:path';
import { MockOrg } from '../../../src/mock-org/mock-org';
import { loadDefinitions } from '../../../src/procedures/loader';
import { compileDataMappers } from '../../../src/procedures/data-mappers';
import { definition, recordingOrg, VBT_ORG, VLOCITY_BUILD } from './raw-data-mappers';

const vlocity = { now: () => new Date('2026-12-01T12:00:00Z') };
const SAME = join(__dirname, '../../fixtures/procedures/same-definition');
const ACCOUNTS = [
  { Id: '0015w0000000001AAA', Name: 'VBT_TestAutomation1' },
  { Id: '0015w0000000002AAA', Name: 'VBT_TestAutomation2' },
];

describe('Data Mappers as the loader reads them', () => {
  let mock: MockOrg;
  beforeAll(async () => {
    mock = await MockOrg.fromFixtures(VBT_ORG);
  });

  it('the three vlocity_build raw DataPacks load and compile without problems and give TestDeployedDRsVIPs.cls’s answers', async () => {
    const set = loadDefinitions([join(VLOCITY_BUILD, 'rawDataPacks')]);
    const { mappers, problems } = compileDataMappers(set.dataMappers);
    expect(problems).toEqual([]);
    expect([...mappers.keys()].sort()).toEqual(['TestIPDRJsonExtractAuto', 'datapacktestExtract', 'datapacktestTurbo']);
    expect(await mappers.get('datapacktestExtract')!.run({ Name: 'TestAuto' }, { org: mock, vlocity })).toEqual(ACCOUNTS);
    expect(await mappers.get('datapacktestTurbo')!.run({ Name: 'TestAuto' }, { org: mock, vlocity })).toEqual({
      details: { AccountId: '0015w0000000001AAA', Name: 'VBT TestAutomation' },
    });
  });

  it.each(['rpt-xml', 'dataraptor-folder'])('datapacktestExtract exported as %s sends the same SOQL and gives the same answer', async (format) => {
    const set = loadDefinitions([join(SAME, format)]);
    const { mappers, problems } = compileDataMappers(set.dataMappers);
    expect(problems).toEqual([]);
    const { org, sent } = recordingOrg(mock);
    expect(await mappers.get('datapacktestExtract')!.run({ Name: 'TestAuto' }, { org, vlocity })).toEqual(ACCOUNTS);
    expect(sent.map((s) => s.soql)).toEqual(['SELECT Id, Name FROM Account WHERE Name LIKE :p0 ORDER BY Name LIMIT 2']);
  });
});

describe('(ipemu) which version of a Data Mapper runs', () => {
  const noOrg = { cacheKey: 'none', query: () => Promise.reject(new Error('no query')), describe: () => Promise.reject(new Error('no describe')) };
  const version = (v: number, active: boolean | undefined, to: string) => ({
    ...definition('Transform', [{ outputCreationSequence: 1, inputFieldName: 'a', outputFieldName: to }], 'Dm'),
    version: v,
    ...(active === undefined ? {} : { active }),
  });

  it('the highest active version, whatever the order of the definitions', async () => {
    for (const defs of [
      [version(1, true, 'v1'), version(3, true, 'v3'), version(2, true, 'v2')],
      [version(3, true, 'v3'), version(1, true, 'v1')],
    ]) {
      const dm = compileDataMappers(defs).mappers.get('Dm')!;
      expect(await dm.run({ a: 1 }, { org: noOrg, vlocity })).toEqual({ v3: 1 });
    }
  });

  it('an active version before a higher inactive one; with none active, the highest', async () => {
    const activeLow = compileDataMappers([version(2, true, 'v2'), version(5, false, 'v5')]).mappers.get('Dm')!;
    expect(await activeLow.run({ a: 1 }, { org: noOrg, vlocity })).toEqual({ v2: 1 });
    const noneActive = compileDataMappers([version(2, false, 'v2'), version(5, false, 'v5')]).mappers.get('Dm')!;
    expect(await noneActive.run({ a: 1 }, { org: noOrg, vlocity })).toEqual({ v5: 1 });
  });
});
