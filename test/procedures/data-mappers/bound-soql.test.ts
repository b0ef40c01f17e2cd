import { MockOrg } from '../../../src/mock-org/mock-org';
import { compileDataMappers, CompiledDataMapper } from '../../../src/procedures/data-mappers';
import { rawDataMappers, recordingOrg, VBT_ORG } from './raw-data-mappers';

const vlocity = { now: () => new Date('2026-12-01T12:00:00Z') };

function mapper(file: string, name: string): CompiledDataMapper {
  return compileDataMappers(rawDataMappers(file)).mappers.get(name)!;
}

describe('Data Mapper Extracts send bound SOQL (DESIGN.md §1 rule 3)', () => {
  let mock: MockOrg;
  beforeAll(async () => {
    mock = await MockOrg.fromFixtures(VBT_ORG);
  });

  it('datapacktestExtract sends one query: Id and the mapped Name, LIKE on a bind, ORDER BY and LIMIT from the definition', async () => {
    const { org, sent } = recordingOrg(mock);
    await mapper('datapacktest_drextract.json', 'datapacktestExtract').run({ Name: 'TestAuto' }, { org, vlocity });
    expect(sent).toEqual([{ soql: 'SELECT Id, Name FROM Account WHERE Name LIKE :p0 ORDER BY Name LIMIT 2', binds: { p0: '%TestAuto%' } }]);
  });

  it('TestIPDRJsonExtractAuto: the contact step selects the fields mapped and AccountId (the next step filters on it); the account step filters Id on a bind', async () => {
    const { org, sent } = recordingOrg(mock);
    await mapper('datapacktest_vip_drExtractWithInputParamIntegrationProcedure.json', 'TestIPDRJsonExtractAuto').run({ Name: 'TestAuto' }, { org, vlocity });
    expect(sent).toEqual([
      { soql: 'SELECT Id, Department, Email, FirstName, LastName, AccountId FROM Contact WHERE Name LIKE :p0 LIMIT 90', binds: { p0: '%TestAuto%' } },
      { soql: 'SELECT Id, Name FROM Account WHERE Id = :p0 LIMIT 90', binds: { p0: '0015w0000000001AAA' } },
    ]);
  });

  it('datapacktestTurbo selects Id and the listed fields only', async () => {
    const { org, sent } = recordingOrg(mock);
    await mapper('datapacktest_drturbo.json', 'datapacktestTurbo').run({ Name: 'TestAuto' }, { org, vlocity });
    expect(sent.map((s) => s.soql)).toEqual(['SELECT Id, AccountId, Name FROM Contact WHERE Name LIKE :p0 ORDER BY Name LIMIT 2']);
  });

  const hostile = ["x' OR Name != '", "\\' OR Id != null --", 'a%b_c\\d', "'; DELETE FROM Account", '%', '_'];
  it.each(hostile)('input %j changes only the bind, never the SOQL text, and its wildcards are escaped in the LIKE pattern', async (value) => {
    const { org, sent } = recordingOrg(mock);
    const out = await mapper('datapacktest_drextract.json', 'datapacktestExtract').run({ Name: value }, { org, vlocity });
    expect(sent).toHaveLength(1);
    expect(sent[0]!.soql).toBe('SELECT Id, Name FROM Account WHERE Name LIKE :p0 ORDER BY Name LIMIT 2');
    expect(sent[0]!.binds).toEqual({ p0: `%${value.replace(/[\\%_]/g, (c) => `\\${c}`)}%` });
    // Only names that really contain a `%` (or a `_`) match: as wildcards, `%` and `_` would also find Acme first.
    const expected: Record<string, unknown> = {
      '%': { Id: '0015w0000000004AAA', Name: 'Acme 100% Widgets' },
      _: [
        { Id: '0015w0000000001AAA', Name: 'VBT_TestAutomation1' },
        { Id: '0015w0000000002AAA', Name: 'VBT_TestAutomation2' },
      ],
    };
    expect(out).toEqual(expected[value] ?? {});
  });

  it('runs of one compiled Data Mapper send the same SOQL text with different binds (text decided at compile, not per input)', async () => {
    const { org, sent } = recordingOrg(mock);
    const dm = mapper('datapacktest_drextract.json', 'datapacktestExtract');
    await dm.run({ Name: 'TestAuto' }, { org, vlocity });
    await dm.run({ Name: 'Acme' }, { org, vlocity });
    expect(sent[0]!.soql).toBe(sent[1]!.soql);
    expect(sent.map((s) => s.binds)).toEqual([{ p0: '%TestAuto%' }, { p0: '%Acme%' }]);
  });
});
