import { MockOrg } from '../../../src/mock-org/mock-org';
import type { DataMapperItem } from '../../../src/procedures/model';
import { compileDataMappers, CompiledDataMapper } from '../../../src/procedures/data-mappers';
import { definition, recordingOrg, VBT_ORG } from './raw-data-mappers';

const vlocity = { now: () => new Date('2026-12-01T12:00:00Z') };
const A1 = '0015w0000000001AAA';
const A2 = '0015w0000000002AAA';
const A3 = '0015w0000000003AAA';

function compile(type: string, items: Partial<DataMapperItem>[]): CompiledDataMapper {
  const { mappers, problems } = compileDataMappers([definition(type, items)]);
  expect(problems).toEqual([]);
  return mappers.get('TestDM')!;
}

const map = (from: string, to: string, extra: Partial<DataMapperItem> = {}): Partial<DataMapperItem> => ({
  outputCreationSequence: 1,
  inputFieldName: from,
  outputFieldName: to,
  ...extra,
});

describe('Data Mapper Extract: steps under earlier steps and the output mapping', () => {
  let mock: MockOrg;
  beforeAll(async () => {
    mock = await MockOrg.fromFixtures(VBT_ORG);
  });

  const accountsWithContacts = () =>
    compile('Extract', [
      { inputObjectName: 'Account', inputObjectQuerySequence: 1, outputFieldName: 'Account', inputFieldName: 'Name', filterOperator: 'LIKE', filterValue: 'q' },
      { inputObjectName: 'Account', inputObjectQuerySequence: 1, outputFieldName: 'Account', filterOperator: 'ORDER BY', filterValue: 'Name' },
      {
        inputObjectName: 'Contact',
        inputObjectQuerySequence: 2,
        outputFieldName: 'Account:Contacts',
        inputFieldName: 'AccountId',
        filterOperator: '=',
        filterValue: 'Account:Id',
      },
      { inputObjectName: 'Contact', inputObjectQuerySequence: 2, outputFieldName: 'Account:Contacts', filterOperator: 'ORDER BY', filterValue: 'LastName' },
      map('Account:Name', 'Accounts:Name'),
      map('Account:Contacts:LastName', 'Accounts:Contacts:LastName'),
    ]);

  it('a step whose path is below an earlier step runs once per record there, with that record’s value bound', async () => {
    const { org, sent } = recordingOrg(mock);
    const out = await accountsWithContacts().run({ q: 'TestAuto' }, { org, vlocity });
    expect(sent).toEqual([
      { soql: 'SELECT Id, Name FROM Account WHERE Name LIKE :p0 ORDER BY Name', binds: { p0: '%TestAuto%' } },
      { soql: 'SELECT Id, LastName FROM Contact WHERE AccountId = :p0 ORDER BY LastName', binds: { p0: A1 } },
      { soql: 'SELECT Id, LastName FROM Contact WHERE AccountId = :p0 ORDER BY LastName', binds: { p0: A2 } },
      { soql: 'SELECT Id, LastName FROM Contact WHERE AccountId = :p0 ORDER BY LastName', binds: { p0: A3 } },
    ]);
    expect(out).toEqual({
      Accounts: [{ Name: 'VBT_TestAutomation1', Contacts: { LastName: 'TestAutomation' } }, { Name: 'VBT_TestAutomation2' }, { Name: 'VBT_TestAutomation3' }],
    });
  });

  it('one account with two contacts: the account is an object, its contacts a list (one record → object, several → array)', async () => {
    const out = await accountsWithContacts().run({ q: 'Acme' }, { org: mock, vlocity });
    expect(out).toEqual({ Accounts: { Name: 'Acme 100% Widgets', Contacts: [{ LastName: 'Back\\slash' }, { LastName: "O'Brien" }] } });
  });

  it('steps at separate paths: Contact filtered on Account:Id lands beside Account, and the mapping nests it (Contact:LastName → Account:Contacts:LastName)', async () => {
    const { org, sent } = recordingOrg(mock);
    const dm = compile('Extract', [
      {
        inputObjectName: 'Account',
        inputObjectQuerySequence: 1,
        outputFieldName: 'Account',
        inputFieldName: 'Id',
        filterOperator: '=',
        filterValue: 'AccountId',
      },
      {
        inputObjectName: 'Contact',
        inputObjectQuerySequence: 2,
        outputFieldName: 'Contact',
        inputFieldName: 'AccountId',
        filterOperator: '=',
        filterValue: 'Account:Id',
      },
      { inputObjectName: 'Contact', inputObjectQuerySequence: 2, outputFieldName: 'Contact', filterOperator: 'ORDER BY', filterValue: 'LastName' },
      map('Account:Name', 'Account:Name'),
      map('Contact:LastName', 'Account:Contacts:LastName'),
    ]);
    const out = await dm.run({ AccountId: '0015w0000000004AAA' }, { org, vlocity });
    expect(sent).toEqual([
      { soql: 'SELECT Id, Name FROM Account WHERE Id = :p0', binds: { p0: '0015w0000000004AAA' } },
      { soql: 'SELECT Id, LastName FROM Contact WHERE AccountId = :p0 ORDER BY LastName', binds: { p0: '0015w0000000004AAA' } },
    ]);
    expect(out).toEqual({ Account: { Name: 'Acme 100% Widgets', Contacts: [{ LastName: 'Back\\slash' }, { LastName: "O'Brien" }] } });
  });

  it("(ipemu) Id <> '' (Salesforce's OmniDataTransform sample: every account) is sent as Id != null; = '' as = null", async () => {
    const { org, sent } = recordingOrg(mock);
    const all = compile('Extract', [
      { inputObjectName: 'Account', inputObjectQuerySequence: 1, outputFieldName: 'Account', inputFieldName: 'Id', filterOperator: '<>', filterValue: "''" },
      map('Account:Id', 'Id'),
      map('Account:Name', 'Name'),
    ]);
    const out = (await all.run({}, { org, vlocity })) as { Id: string }[];
    expect(sent[0]).toEqual({ soql: 'SELECT Id, Name FROM Account WHERE Id != null', binds: {} });
    expect(out.map((a) => a.Id)).toEqual([A1, A2, A3, '0015w0000000004AAA']);
    const blank = compile('Extract', [
      {
        inputObjectName: 'Account',
        inputObjectQuerySequence: 1,
        outputFieldName: 'Account',
        inputFieldName: 'Industry',
        filterOperator: '=',
        filterValue: '""',
      },
      map('Account:Id', 'Id'),
    ]);
    expect(await blank.run({}, { org: mock, vlocity })).toEqual([{ Id: A2 }, { Id: A3 }]);
  });

  it('relationship notation: contact:Account:Name with only a contact step selects Account.Name and reads the nested parent', async () => {
    const { org, sent } = recordingOrg(mock);
    const dm = compile('Extract', [
      {
        inputObjectName: 'Contact',
        inputObjectQuerySequence: 1,
        outputFieldName: 'contact',
        inputFieldName: 'LastName',
        filterOperator: '=',
        filterValue: 'last',
      },
      map('contact:Account:Name', 'accountName'),
      map('contact:FirstName', 'first'),
    ]);
    const out = await dm.run({ last: 'testautomation' }, { org, vlocity });
    expect(sent[0]!.soql).toBe('SELECT Id, Account.Name, FirstName FROM Contact WHERE LastName = :p0');
    expect(out).toEqual({ accountName: 'VBT_TestAutomation1', first: 'VBT' });
  });

  it('defaultValue fills a mapping whose value is absent (a null field); transformValueMappings translate values', async () => {
    const dm = compile('Extract', [
      { inputObjectName: 'Account', inputObjectQuerySequence: 1, outputFieldName: 'acc', inputFieldName: 'Id', filterOperator: 'IN', filterValue: 'ids' },
      { inputObjectName: 'Account', inputObjectQuerySequence: 1, outputFieldName: 'acc', filterOperator: 'ORDER BY', filterValue: 'Name' },
      map('acc:Name', 'name'),
      map('acc:Industry', 'industry', { defaultValue: 'Unknown', transformValueMappings: '{"Testing":"QA"}' }),
    ]);
    expect(await dm.run({ ids: [A1] }, { org: mock, vlocity })).toEqual({ name: 'VBT_TestAutomation1', industry: 'QA' });
    expect(await dm.run({ ids: [A2] }, { org: mock, vlocity })).toEqual({ name: 'VBT_TestAutomation2', industry: 'Unknown' });
    expect(await dm.run({ ids: ['0015w0000000099AAA'] }, { org: mock, vlocity })).toEqual({ industry: 'Unknown' });
  });

  it('a mapping of a whole step path copies its records without attributes', async () => {
    const dm = compile('Extract', [
      { inputObjectName: 'Account', inputObjectQuerySequence: 1, outputFieldName: 'acc', inputFieldName: 'Id', filterOperator: '=', filterValue: 'id' },
      map('acc:Name', 'ignored:Name'),
      map('acc', 'account'),
    ]);
    const out = (await dm.run({ id: A1 }, { org: mock, vlocity })) as Record<string, unknown>;
    expect(out.account).toEqual({ Id: A1, Name: 'VBT_TestAutomation1' });
  });

  it('disabled items neither query nor map', async () => {
    const { org, sent } = recordingOrg(mock);
    const dm = compile('Extract', [
      { inputObjectName: 'Account', inputObjectQuerySequence: 1, outputFieldName: 'acc', inputFieldName: 'Id', filterOperator: '=', filterValue: 'id' },
      {
        inputObjectName: 'Account',
        inputObjectQuerySequence: 1,
        outputFieldName: 'acc',
        inputFieldName: 'Name',
        filterOperator: '=',
        filterValue: 'name',
        isDisabled: true,
      },
      map('acc:Name', 'name'),
      map('acc:Industry', 'industry', { isDisabled: true }),
    ]);
    expect(await dm.run({ id: A1 }, { org, vlocity })).toEqual({ name: 'VBT_TestAutomation1' });
    expect(sent.map((s) => s.soql)).toEqual(['SELECT Id, Name FROM Account WHERE Id = :p0']);
  });
});

describe('Data Mapper Transform: mappings over the input, no query', () => {
  const noQueries = {
    cacheKey: 'none',
    query: () => Promise.reject(new Error('a Transform must not query')),
    describe: () => Promise.reject(new Error('a Transform must not describe')),
  };

  it('maps colon paths, lines lists up, copies whole values (the input is left as it was)', async () => {
    const dm = compile('Transform', [
      map('policy:number', 'Policy:Number'),
      map('drivers:name', 'Drivers:FullName'),
      map('drivers', 'Copy'),
      map('missing', 'Nothing'),
    ]);
    const input = { policy: { number: 'P-1' }, drivers: [{ name: 'Ann' }, { name: 'Bob' }] };
    const out = (await dm.run(input, { org: noQueries, vlocity })) as Record<string, unknown>;
    expect(out).toEqual({ Policy: { Number: 'P-1' }, Drivers: [{ FullName: 'Ann' }, { FullName: 'Bob' }], Copy: [{ name: 'Ann' }, { name: 'Bob' }] });
    (out.Copy as { name: string }[])[0]!.name = 'changed';
    expect(input.drivers[0]!.name).toBe('Ann');
  });

  it('(ipemu) outputFieldFormat converts scalars: String, Integer, Double, Boolean; defaults too; other formats pass values unchanged', async () => {
    const dm = compile('Transform', [
      map('n', 'asText', { outputFieldFormat: 'String' }),
      map('d', 'asInteger', { outputFieldFormat: 'Integer' }),
      map('s', 'asDouble', { outputFieldFormat: 'Double' }),
      map('b', 'asBoolean', { outputFieldFormat: 'Boolean' }),
      map('missing', 'defaulted', { outputFieldFormat: 'Integer', defaultValue: '0' }),
      map('word', 'notANumber', { outputFieldFormat: 'Double' }),
      map('obj', 'object', { outputFieldFormat: 'Object' }),
    ]);
    const out = await dm.run({ n: 10, d: '7.9', s: '0.25', b: 'TRUE', word: 'n/a', obj: { a: 1 } }, { org: noQueries, vlocity });
    expect(out).toEqual({ asText: '10', asInteger: 7, asDouble: 0.25, asBoolean: true, defaulted: 0, notANumber: 'n/a', object: { a: 1 } });
  });

  it('a list read at the top of a one-name output path makes the output a list (as an Extract of several records does)', async () => {
    const dm = compile('Transform', [map('rows:id', 'Id')]);
    expect(await dm.run({ rows: [{ id: 1 }, { id: 2 }] }, { org: noQueries, vlocity })).toEqual([{ Id: 1 }, { Id: 2 }]);
  });
});
