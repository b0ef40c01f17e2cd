import { join } from 'node:path';
import { createEmulator } from '../../../src/ipemu';
import { MockOrg } from '../../../src/mock-org/mock-org';
import { startMockRestServer } from '../../../src/mock-org/rest/server';
import { connectOrg } from '../../../src/orgs/jsforce/connect';
import { VBT_ORG, VLOCITY_BUILD } from './raw-data-mappers';

/**
 * vlocity_build's DataPackTest_DRExtractWithInput (a DataRaptor Extract Action on
 * TestIPDRJsonExtractAuto, then a Response Action) as the emulator runs it: the last four
 * assertions of TestDeployedDRsVIPs.cls, on the mock org and through jsforce against the fake REST API.
 */
const RAW = join(VLOCITY_BUILD, 'rawDataPacks', 'datapacktest_vip_drExtractWithInputParamIntegrationProcedure.json');
const EXPECTED = { accountId: '0015w0000000001AAA', accountName: 'VBT_TestAutomation1', firstName: 'VBT', lastName: 'TestAutomation' };

describe('an Integration Procedure with a Data Mapper Extract (DataPackTest_DRExtractWithInput)', () => {
  it('on the mock org: IPResult carries the contact and its account, as TestDeployedDRsVIPs.cls asserts', async () => {
    const emu = createEmulator({ org: await MockOrg.fromFixtures(VBT_ORG), procedures: [RAW] });
    const out = await emu.runProcedure('DataPackTest_DRExtractWithInput', { Name: 'TestAuto' });
    expect(out).toEqual({ IPResult: EXPECTED, errorCode: 'INVOKE-200', error: 'OK' });
  });

  it('through jsforce against the fake REST API: the same IPResult', async () => {
    const server = await startMockRestServer({ org: await MockOrg.fromFixtures(VBT_ORG) });
    const org = await connectOrg({ instanceUrl: server.instanceUrl, accessToken: server.accessToken, apiVersion: '64.0', maxRetries: 0 });
    try {
      const emu = createEmulator({ org, procedures: [RAW] });
      const out = await emu.runProcedure('DataPackTest_DRExtractWithInput', { Name: 'TestAuto' });
      expect(out).toEqual({ IPResult: EXPECTED, errorCode: 'INVOKE-200', error: 'OK' });
    } finally {
      await org.close();
      await server.close();
    }
  });
});
