import { MockOrg } from '../../../src/mock-org/mock-org';
import { compileDataMappers, CompiledDataMapper } from '../../../src/procedures/data-mappers';
import { rawDataMappers, VBT_ORG } from './raw-data-mappers';

/**
 * vlocity_build's deployed-DR test (apex/TestDeployedDRsVIPs.cls) on the mock org: its org data
 * (accounts VBT_TestAutomation1..3, contact VBT TestAutomation on the first) and its assertions.
 */
const ACCT1 = '0015w0000000001AAA';
const ACCT2 = '0015w0000000002AAA';
const vlocity = { now: () => new Date('2026-12-01T12:00:00Z') };

function mapperOf(file: string, name: string): CompiledDataMapper {
  const { mappers, problems } = compileDataMappers(rawDataMappers(file));
  expect(problems).toEqual([]);
  return mappers.get(name)!;
}

describe('vlocity_build raw DataPack Data Mappers on the mock org (TestDeployedDRsVIPs.cls)', () => {
  let org: MockOrg;
  beforeAll(async () => {
    org = await MockOrg.fromFixtures(VBT_ORG);
  });

  it('datapacktestExtract {"Name":"TestAuto"}: two accounts, VBT_TestAutomation1 then 2 (LIKE substring, ORDER BY Name, LIMIT 2)', async () => {
    const out = await mapperOf('datapacktest_drextract.json', 'datapacktestExtract').run({ Name: 'TestAuto' }, { org, vlocity });
    expect(out).toEqual([
      { Id: ACCT1, Name: 'VBT_TestAutomation1' },
      { Id: ACCT2, Name: 'VBT_TestAutomation2' },
    ]);
  });

  it('datapacktestTurbo {"Name":"TestAuto"}: the contact under details with only the listed fields (Name, AccountId)', async () => {
    const out = await mapperOf('datapacktest_drturbo.json', 'datapacktestTurbo').run({ Name: 'TestAuto' }, { org, vlocity });
    expect(out).toEqual({ details: { AccountId: ACCT1, Name: 'VBT TestAutomation' } });
    const text = JSON.stringify(out);
    expect(text).toContain('VBT TestAutomation');
    expect(text).toContain(ACCT1);
  });

  it('TestIPDRJsonExtractAuto {"Name":"TestAuto"}: the contact with its account from the second step (contact:AccountId), null fields left out', async () => {
    const out = await mapperOf('datapacktest_vip_drExtractWithInputParamIntegrationProcedure.json', 'TestIPDRJsonExtractAuto').run(
      { Name: 'TestAuto' },
      { org, vlocity },
    );
    expect(out).toEqual({ contact: { accountId: ACCT1, accountName: 'VBT_TestAutomation1', firstName: 'VBT', lastName: 'TestAutomation' } });
  });
});
