import { MockOrg } from '../../../src/mock-org/mock-org';
import type { DataMapperItem } from '../../../src/procedures/model';
import { compileDataMappers } from '../../../src/procedures/data-mappers';
import { definition, recordingOrg, VBT_ORG } from './raw-data-mappers';

const vlocity = { now: () => new Date('2026-12-01T12:00:00Z') };
const A1 = '0015w0000000001AAA';
const A2 = '0015w0000000002AAA';
const A3 = '0015w0000000003AAA';
const ACME = '0015w0000000004AAA';

/** An Extract of Account at `acc` with the given filter rows; it maps acc:Id → Id. */
function accountExtract(filters: Partial<DataMapperItem>[]) {
  const items: Partial<DataMapperItem>[] = [
    ...filters.map((f) => ({ inputObjectName: 'Account', inputObjectQuerySequence: 1, outputFieldName: 'acc', ...f })),
    { outputCreationSequence: 1, inputFieldName: 'acc:Id', outputFieldName: 'Id' },
  ];
  const { mappers, problems } = compileDataMappers([definition('Extract', items)]);
  expect(problems).toEqual([]);
  return mappers.get('TestDM')!;
}

/** The Ids an output holds, one record or several, in order. */
function ids(out: unknown): string[] {
  const list = Array.isArray(out) ? out : [out];
  return list.flatMap((o) => (o && typeof o === 'object' && 'Id' in o ? [String((o as { Id: unknown }).Id)] : []));
}

describe('Data Mapper Extract filters → SOQL with binds', () => {
  let mock: MockOrg;
  beforeAll(async () => {
    mock = await MockOrg.fromFixtures(VBT_ORG);
  });

  async function run(filters: Partial<DataMapperItem>[], input: Record<string, unknown>) {
    const { org, sent } = recordingOrg(mock);
    const out = await accountExtract(filters).run(input, { org, vlocity });
    return { out, sent };
  }

  it('= on an input path binds the input value (SOQL = is case-insensitive)', async () => {
    const { out, sent } = await run([{ inputFieldName: 'Name', filterOperator: '=', filterValue: 'AccountName' }], { AccountName: 'vbt_testautomation2' });
    expect(sent).toEqual([{ soql: 'SELECT Id FROM Account WHERE Name = :p0', binds: { p0: 'vbt_testautomation2' } }]);
    expect(ids(out)).toEqual([A2]);
  });

  it('<> is sent as != ; a quoted literal is a bind too, never SOQL text', async () => {
    const { out, sent } = await run([{ inputFieldName: 'Name', filterOperator: '<>', filterValue: "'Acme 100% Widgets'" }], {});
    expect(sent).toEqual([{ soql: 'SELECT Id FROM Account WHERE Name != :p0', binds: { p0: 'Acme 100% Widgets' } }]);
    expect(ids(out)).toEqual([A1, A2, A3]);
  });

  it('IN takes an input list; a list of quoted literals; or (inferred) a comma-separated text', async () => {
    const filter = { inputFieldName: 'Id', filterOperator: 'IN' };
    const fromList = await run([{ ...filter, filterValue: 'ids' }], { ids: [A1, ACME] });
    expect(fromList.sent[0]).toEqual({ soql: 'SELECT Id FROM Account WHERE Id IN :p0', binds: { p0: [A1, ACME] } });
    expect(ids(fromList.out)).toEqual([A1, ACME]);
    const literal = await run([{ ...filter, filterValue: `'${A2}', '${A3}'` }], {});
    expect(literal.sent[0]!.binds).toEqual({ p0: [A2, A3] });
    expect(ids(literal.out)).toEqual([A2, A3]);
    const text = await run([{ ...filter, filterValue: 'ids' }], { ids: `${A1}, ${A3}` });
    expect(ids(text.out)).toEqual([A1, A3]);
  });

  it('NOT IN and NOT LIKE exclude; NOT LIKE is sent as (NOT field LIKE :bind)', async () => {
    const notIn = await run([{ inputFieldName: 'Id', filterOperator: 'NOT IN', filterValue: 'ids' }], { ids: [A1, A2] });
    expect(ids(notIn.out)).toEqual([A3, ACME]);
    const notLike = await run([{ inputFieldName: 'Name', filterOperator: 'NOT LIKE', filterValue: 'q' }], { q: 'TestAuto' });
    expect(notLike.sent[0]!.soql).toBe('SELECT Id FROM Account WHERE (NOT Name LIKE :p0)');
    expect(ids(notLike.out)).toEqual([ACME]);
  });

  it('>, >=, <, <= compare with the bound value; a bare number is a number literal', async () => {
    const field = { inputFieldName: 'NumberOfEmployees' };
    expect(ids((await run([{ ...field, filterOperator: '>', filterValue: 'n' }], { n: 200 })).out)).toEqual([ACME]);
    expect(ids((await run([{ ...field, filterOperator: '>=', filterValue: 'n' }], { n: 200 })).out)).toEqual([A2, ACME]);
    expect(ids((await run([{ ...field, filterOperator: '<', filterValue: '200' }], {})).out)).toEqual([A1]);
    const le = await run([{ ...field, filterOperator: '<=', filterValue: '200' }], {});
    expect(le.sent[0]!.binds).toEqual({ p0: 200 });
    expect(ids(le.out)).toEqual([A1, A2]);
  });

  it('$Vlocity.NULL compares with null in the SOQL text (= null, != null)', async () => {
    const isNull = await run([{ inputFieldName: 'Industry', filterOperator: '=', filterValue: '$Vlocity.NULL' }], {});
    expect(isNull.sent[0]).toEqual({ soql: 'SELECT Id FROM Account WHERE Industry = null', binds: {} });
    expect(ids(isNull.out)).toEqual([A2, A3]);
    const notNull = await run([{ inputFieldName: 'Industry', filterOperator: '<>', filterValue: '$Vlocity.NULL' }], {});
    expect(ids(notNull.out)).toEqual([A1, ACME]);
  });

  it('$Vlocity.TODAY, $Vlocity.NOW and $Vlocity.UserId are bound as the formula engine reads them, from the run’s context', async () => {
    const { org, sent } = recordingOrg(mock);
    const dm = accountExtract([
      { inputFieldName: 'Name', filterOperator: '<>', filterValue: '$Vlocity.TODAY' },
      { inputFieldName: 'Name', filterOperator: '<>', filterValue: '$Vlocity.NOW' },
      { inputFieldName: 'Name', filterOperator: '<>', filterValue: '$Vlocity.UserId' },
    ]);
    await dm.run({}, { org, vlocity: { now: () => new Date('2026-12-01T12:00:00Z'), userId: '0055w0000000001AAA' } });
    expect(sent[0]!.soql).toBe('SELECT Id FROM Account WHERE Name != :p0 AND Name != :p1 AND Name != :p2');
    expect(sent[0]!.binds).toEqual({ p0: '2026-12-01', p1: expect.stringMatching(/^2026-12-01T12:00:00/), p2: '0055w0000000001AAA' });
  });

  it('(inferred) filters of one FilterGroup are ANDed and groups are ORed', async () => {
    const { out, sent } = await run(
      [
        { inputFieldName: 'Name', filterOperator: 'LIKE', filterValue: "'TestAuto'", filterGroup: 0 },
        { inputFieldName: 'NumberOfEmployees', filterOperator: '>', filterValue: '100', filterGroup: 0 },
        { inputFieldName: 'Name', filterOperator: 'LIKE', filterValue: "'Acme'", filterGroup: 1 },
      ],
      {},
    );
    expect(sent[0]!.soql).toBe('SELECT Id FROM Account WHERE (Name LIKE :p0 AND NumberOfEmployees > :p1) OR (Name LIKE :p2)');
    expect(ids(out)).toEqual([A2, ACME]);
  });

  it('ORDER BY (with DESC), LIMIT and OFFSET rows come from the definition', async () => {
    const { out, sent } = await run(
      [
        { inputFieldName: 'Name', filterOperator: 'LIKE', filterValue: "'TestAuto'" },
        { filterOperator: 'ORDER BY', filterValue: 'Name DESC' },
        { filterOperator: 'LIMIT', filterValue: '2' },
        { filterOperator: 'OFFSET', filterValue: '1' },
      ],
      {},
    );
    expect(sent[0]!.soql).toBe('SELECT Id FROM Account WHERE Name LIKE :p0 ORDER BY Name DESC LIMIT 2 OFFSET 1');
    expect(ids(out)).toEqual([A2, A1]);
  });

  it('(ipemu) a filter on an input that is absent sends no query and extracts nothing', async () => {
    const { out, sent } = await run([{ inputFieldName: 'Name', filterOperator: '=', filterValue: 'AccountName' }], { Other: 'x' });
    expect(sent).toEqual([]);
    expect(out).toEqual({});
  });

  it('(ipemu) = given a list at run time is sent as IN with the list; the scalar text stays for scalars; <> with a literal list is NOT IN', async () => {
    const { out, sent } = await run([{ inputFieldName: 'Id', filterOperator: '=', filterValue: 'ids' }], { ids: [A3, A1] });
    expect(sent[0]).toEqual({ soql: 'SELECT Id FROM Account WHERE Id IN :p0', binds: { p0: [A3, A1] } });
    expect(ids(out)).toEqual([A1, A3]);
    const one = await run([{ inputFieldName: 'Id', filterOperator: '=', filterValue: 'ids' }], { ids: A3 });
    expect(one.sent[0]!.soql).toBe('SELECT Id FROM Account WHERE Id = :p0');
    const literal = await run([{ inputFieldName: 'Id', filterOperator: '<>', filterValue: `'${A1}','${A2}'` }], {});
    expect(literal.sent[0]).toEqual({ soql: 'SELECT Id FROM Account WHERE Id NOT IN :p0', binds: { p0: [A1, A2] } });
    expect(ids(literal.out)).toEqual([A3, ACME]);
  });

  it('a filter value path reads nested input with colons (|1 picks the first of a list)', async () => {
    const { out } = await run([{ inputFieldName: 'Id', filterOperator: '=', filterValue: 'req:accounts|1:id' }], {
      req: { accounts: [{ id: A2 }, { id: A3 }] },
    });
    expect(ids(out)).toEqual([A2]);
  });
});
