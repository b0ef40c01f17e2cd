/**
 * Real public exports (vlocity_build, MIT; copies in test/fixtures/procedures/vlocity-build) run to
 * the answers their own tests expect: DataPackTest_IPCondBlock1 with its SampleInput and each
 * state, DataPackTest_IPTest1 (a test procedure over it, with IPCondBlock1's mockResponseMap), and
 * the raw DataPack DRExtractWithInput on the org data apex/TestDeployedDRsVIPs.cls creates.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { MockOrg } from '../../../src/mock-org/mock-org';
import type { FixtureDocument } from '../../../src/mock-org/fixtures/types';
import { compileLibrary } from '../../../src/procedures/library';
import { loadDefinitions } from '../../../src/procedures/loader';
import { host } from '../run-helpers';

const FIXTURES = join(__dirname, '../../fixtures/procedures');
const VLOCITY_BUILD = join(FIXTURES, 'vlocity-build');
const set = loadDefinitions([VLOCITY_BUILD]);
const lib = compileLibrary(set);

describe('vlocity_build DataPackTest_IPCondBlock1', () => {
  const sample = JSON.parse(
    readFileSync(join(VLOCITY_BUILD, 'IntegrationProcedure/DataPackTest_IPCondBlock1/DataPackTest_IPCondBlock1_SampleInput.json'), 'utf8'),
  ) as Record<string, unknown>;

  it('loads and compiles with no problem', () => {
    expect([...set.problems, ...lib.problems]).toEqual([]);
    expect(lib.has('DataPackTest_IPCondBlock1')).toBe(true);
  });

  it('answers its SampleInput (Price "250", State MI) with the default 7% tax, in decimal arithmetic', async () => {
    const out = await lib.run('DataPackTest_IPCondBlock1', sample, {}, host());
    expect(out).toEqual({ IPResult: { Output: { Price: '250', State: 'MI', Tax: 17.5, TaxRate: 7, Total: 267.5 } }, errorCode: 'INVOKE-200', error: 'OK' });
  });

  it.each([
    ['CA', 21.65, 8.66, 271.65],
    ['OR', 0, 0, 250],
    ['WA', 23.025, 9.21, 273.025],
    ['NV', 20.8, 8.32, 270.8],
    ['TX', 17.5, 7, 267.5],
  ])('takes the if-else branch of state %s', async (State, Tax, TaxRate, Total) => {
    const out = await lib.run('DataPackTest_IPCondBlock1', { Price: 250, State }, {}, host());
    expect(out.IPResult).toEqual({ Output: { Price: 250, State, Tax, TaxRate, Total } });
  });

  it('traces the branches as the IP Designer preview shows them', async () => {
    const out = await lib.run('DataPackTest_IPCondBlock1', { Price: 250, State: 'WA' }, { trace: true }, host());
    expect((out.trace as { name: string; status: string }[]).map((e) => `${e.name}:${e.status}`)).toEqual([
      'StateSalesTaxes:ran',
      'IfCA:skipped',
      'IfOR:skipped',
      'IfWA:ran',
      'IfNV:skipped',
      'IfOtherState:skipped',
      'CalculateTax:ran',
      'AssembleOutput:ran',
      'Response:ran',
    ]);
  });
});

describe('vlocity_build DataPackTest_IPTest1 (a test procedure)', () => {
  it("passes its Assert Action in a test run: IPCondBlock1's mockResponseMap makes the tax 6% (Total 265)", async () => {
    const out = await lib.run('DataPackTest_IPTest1', {}, { test: true }, host());
    expect(out.asserts).toEqual([{ name: 'AssertTotal', passed: true, message: '' }]);
    expect(out.IPResult).toMatchObject({ TestIP: { Output: { Total: 265 } } });
  });

  it('would fail it without the mocks: the real 7% gives 267.5', async () => {
    const out = await lib.run('DataPackTest_IPTest1', {}, {}, host());
    expect(out.IPResult).toMatchObject({ TestIP: { Output: { Total: 267.5 } } });
  });
});

describe('vlocity_build DataPackTest_DRExtractWithInput (raw DataPack with its DataRaptor)', () => {
  const doc = JSON.parse(readFileSync(join(FIXTURES, 'data-mappers/vbt-org.json'), 'utf8')) as FixtureDocument;
  const org = MockOrg.fromFixturesSync(doc);

  it('answers what TestDeployedDRsVIPs.cls asserts: the contact of VBT_TestAutomation1 and its account', async () => {
    const out = await lib.run('DataPackTest_DRExtractWithInput', { Name: 'TestAuto' }, {}, host(org));
    expect(out.errorCode).toBe('INVOKE-200');
    expect(out.IPResult).toMatchObject({ accountId: '0015w0000000001AAA', accountName: 'VBT_TestAutomation1', firstName: 'VBT', lastName: 'TestAutomation' });
  });
});
