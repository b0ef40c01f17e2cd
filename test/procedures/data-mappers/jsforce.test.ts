import { MockOrg } from '../../../src/mock-org/mock-org';
import { startMockRestServer } from '../../../src/mock-org/rest/server';
import { connectOrg } from '../../../src/orgs/jsforce/connect';
import type { Org } from '../../../src/core/org';
import { compileDataMappers } from '../../../src/procedures/data-mappers';
import { rawDataMappers, VBT_ORG } from './raw-data-mappers';

const vlocity = { now: () => new Date('2026-12-01T12:00:00Z') };
const ACCT1 = '0015w0000000001AAA';
const ACME = '0015w0000000004AAA';

describe('Data Mappers through jsforce against the fake REST API (ipemu mock-org serve)', () => {
  let server: Awaited<ReturnType<typeof startMockRestServer>>;
  let jsforce: Org;
  let mock: MockOrg;
  beforeAll(async () => {
    mock = await MockOrg.fromFixtures(VBT_ORG);
    server = await startMockRestServer({ org: mock });
    jsforce = await connectOrg({ instanceUrl: server.instanceUrl, accessToken: server.accessToken, apiVersion: '64.0', maxRetries: 0 });
  });
  afterAll(async () => {
    await jsforce.close?.();
    await server.close();
  });

  const cases: [string, string, Record<string, unknown>, unknown][] = [
    [
      'datapacktest_drextract.json',
      'datapacktestExtract',
      { Name: 'TestAuto' },
      [
        { Id: ACCT1, Name: 'VBT_TestAutomation1' },
        { Id: '0015w0000000002AAA', Name: 'VBT_TestAutomation2' },
      ],
    ],
    ['datapacktest_drturbo.json', 'datapacktestTurbo', { Name: 'TestAuto' }, { details: { AccountId: ACCT1, Name: 'VBT TestAutomation' } }],
    [
      'datapacktest_vip_drExtractWithInputParamIntegrationProcedure.json',
      'TestIPDRJsonExtractAuto',
      { Name: 'TestAuto' },
      { contact: { accountId: ACCT1, accountName: 'VBT_TestAutomation1', firstName: 'VBT', lastName: 'TestAutomation' } },
    ],
    ['datapacktest_drturbo.json', 'datapacktestTurbo', { Name: "O'Brien" }, { details: { AccountId: ACME, Name: "Ada O'Brien" } }],
    ['datapacktest_drturbo.json', 'datapacktestTurbo', { Name: 'Back\\slash' }, { details: { AccountId: ACME, Name: 'Grace Back\\slash' } }],
    // `%` and `_` in the input are matched as themselves, not as wildcards.
    ['datapacktest_drextract.json', 'datapacktestExtract', { Name: '%' }, { Id: ACME, Name: 'Acme 100% Widgets' }],
    ['datapacktest_drturbo.json', 'datapacktestTurbo', { Name: '_' }, {}],
  ];
  it.each(cases)('%s %s %j: the expected output, through jsforce and on the mock org in-process alike', async (file, name, input, expected) => {
    const mapper = compileDataMappers(rawDataMappers(file)).mappers.get(name)!;
    expect(await mapper.run(input, { org: jsforce, vlocity })).toEqual(expected);
    expect(await mapper.run(input, { org: mock, vlocity })).toEqual(expected);
  });
});
