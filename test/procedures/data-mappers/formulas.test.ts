import { MockOrg } from '../../../src/mock-org/mock-org';
import type { DataMapperItem } from '../../../src/procedures/model';
import { compileDataMappers } from '../../../src/procedures/data-mappers';
import { formulaCompileCount } from '../../../src/procedures/formula';
import { definition, recordingOrg, VBT_ORG } from './raw-data-mappers';

const vlocity = { now: () => new Date('2026-12-01T12:00:00Z') };
const map = (from: string, to: string): Partial<DataMapperItem> => ({ outputCreationSequence: 1, inputFieldName: from, outputFieldName: to });
// Formula items as the designer stores them: outputObjectName/outputFieldName "Formula", creation sequence 0.
const formula = (expression: string, result: string, sequence: number): Partial<DataMapperItem> => ({
  outputCreationSequence: 0,
  outputObjectName: 'Formula',
  outputFieldName: 'Formula',
  formulaExpression: expression,
  formulaResultPath: result,
  formulaSequence: sequence,
});

describe('Data Mapper formula items', () => {
  let mock: MockOrg;
  beforeAll(async () => {
    mock = await MockOrg.fromFixtures(VBT_ORG);
  });

  it('Extract: formulas run on the extracted JSON in formulaSequence order before the mapping; the fields they read are selected, their results are not', async () => {
    const { org, sent } = recordingOrg(mock);
    const { mappers, problems } = compileDataMappers([
      definition('Extract', [
        {
          inputObjectName: 'Contact',
          inputObjectQuerySequence: 1,
          outputFieldName: 'contact',
          inputFieldName: 'LastName',
          filterOperator: '=',
          filterValue: 'last',
        },
        // Sequence 2 reads what sequence 1 wrote: order matters.
        formula('UPPER(contact:FullName)', 'contact:Shout', 2),
        formula('%contact:FirstName% & " " & contact:LastName', 'contact:FullName', 1),
        map('contact:FullName', 'name'),
        map('contact:Shout', 'shout'),
      ]),
    ]);
    expect(problems).toEqual([]);
    const out = await mappers.get('TestDM')!.run({ last: 'TestAutomation' }, { org, vlocity });
    expect(sent[0]!.soql).toBe('SELECT Id, FirstName, LastName FROM Contact WHERE LastName = :p0');
    expect(out).toEqual({ name: 'VBT TestAutomation', shout: 'VBT TESTAUTOMATION' });
  });

  it('Transform: formulas over a copy of the input (decimal arithmetic), then the mapping', async () => {
    const { mappers } = compileDataMappers([
      definition('Transform', [
        formula('Price * Rate', 'Tax', 1),
        formula('IF(Tax > 5, "high", "low")', 'Band', 2),
        map('Tax', 'out:tax'),
        map('Band', 'out:band'),
      ]),
    ]);
    const input = { Price: 100, Rate: 0.07 };
    const out = await mappers.get('TestDM')!.run(input, { org: mock, vlocity });
    expect(out).toEqual({ out: { tax: 7, band: 'high' } });
    expect(input).toEqual({ Price: 100, Rate: 0.07 });
  });

  it('a formula syntax error is a problem naming the Data Mapper, the item and the column', () => {
    const { problems } = compileDataMappers([definition('Transform', [map('a', 'b'), formula('IF(a > , 1, 2)', 'x', 1)])]);
    expect(problems).toHaveLength(1);
    expect(problems[0]).toMatchObject({ file: '/defs/TestDM.rpt', element: 'TestDM', property: 'item 2 (→ Formula)' });
    expect(problems[0]!.message).toMatch(/^the formula cannot be read \(column 8\)/);
  });

  it('a formula without a result path is a problem', () => {
    const { problems } = compileDataMappers([definition('Transform', [formula('1 + 1', '', 1)])]);
    expect(problems.map((p) => p.message)).toEqual(['the formula has no result path (formulaResultPath)']);
  });

  it('formulas are parsed at compile only: runs parse nothing', async () => {
    const { mappers } = compileDataMappers([definition('Transform', [formula('a + 1', 'b', 1), map('b', 'b')])]);
    const before = formulaCompileCount();
    for (let i = 0; i < 5; i++) expect(await mappers.get('TestDM')!.run({ a: i }, { org: mock, vlocity })).toEqual({ b: i + 1 });
    expect(formulaCompileCount()).toBe(before);
  });
});

describe('paths never reach a prototype', () => {
  it('a mapping from constructor reads nothing; one to __proto__ writes an own key and pollutes nothing', async () => {
    const { mappers } = compileDataMappers([definition('Transform', [map('constructor', 'c'), map('a', '__proto__:polluted'), map('a', 'x:__proto__')])]);
    const out = (await mappers.get('TestDM')!.run({ a: 'yes' }, { org: await MockOrg.fromFixtures(VBT_ORG), vlocity })) as Record<string, unknown>;
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    expect(Object.prototype.hasOwnProperty.call(out, 'c')).toBe(false);
    expect(Object.getPrototypeOf(out)).toBe(Object.prototype);
    expect(JSON.parse(JSON.stringify(out))).toEqual(JSON.parse('{"__proto__":{"polluted":"yes"},"x":{"__proto__":"yes"}}'));
  });
});
