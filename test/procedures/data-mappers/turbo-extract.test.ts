import { MockOrg } from '../../../src/mock-org/mock-org';
import type { DataMapperItem } from '../../../src/procedures/model';
import { compileDataMappers, CompiledDataMapper } from '../../../src/procedures/data-mappers';
import { definition, recordingOrg, VBT_ORG } from './raw-data-mappers';

const vlocity = { now: () => new Date('2026-12-01T12:00:00Z') };
const ACME = '0015w0000000004AAA';

function turbo(items: Partial<DataMapperItem>[]): CompiledDataMapper {
  const { mappers, problems } = compileDataMappers([definition('Turbo Extract', items)]);
  expect(problems).toEqual([]);
  return mappers.get('TestDM')!;
}

const field = (name: string): Partial<DataMapperItem> => ({
  inputObjectName: 'Contact',
  outputCreationSequence: 1,
  outputFieldName: 'contacts',
  inputFieldName: name,
});
const filter = (extra: Partial<DataMapperItem>): Partial<DataMapperItem> => ({
  inputObjectName: 'Contact',
  inputObjectQuerySequence: 1,
  outputFieldName: 'contacts',
  ...extra,
});

describe('Turbo Extract', () => {
  let mock: MockOrg;
  beforeAll(async () => {
    mock = await MockOrg.fromFixtures(VBT_ORG);
  });

  it('several records: a list under the path, each with the listed fields, a parent field nested as the REST API nests it', async () => {
    const { org, sent } = recordingOrg(mock);
    const dm = turbo([
      filter({ inputFieldName: 'AccountId', filterOperator: '=', filterValue: 'accountId' }),
      filter({ filterOperator: 'ORDER BY', filterValue: 'LastName' }),
      field('LastName'),
      field('Account.Name'),
    ]);
    const out = await dm.run({ accountId: ACME }, { org, vlocity });
    expect(sent).toEqual([{ soql: 'SELECT Id, LastName, Account.Name FROM Contact WHERE AccountId = :p0 ORDER BY LastName', binds: { p0: ACME } }]);
    expect(out).toEqual({
      contacts: [
        { LastName: 'Back\\slash', Account: { Name: 'Acme 100% Widgets' } },
        { LastName: "O'Brien", Account: { Name: 'Acme 100% Widgets' } },
      ],
    });
  });

  it('no record: an empty output', async () => {
    const dm = turbo([filter({ inputFieldName: 'LastName', filterOperator: '=', filterValue: 'last' }), field('LastName')]);
    expect(await dm.run({ last: 'Nobody' }, { org: mock, vlocity })).toEqual({});
  });

  it('without filter rows: every record of the object its field items name', async () => {
    const { org, sent } = recordingOrg(mock);
    const out = (await turbo([field('LastName')]).run({}, { org, vlocity })) as { contacts: unknown[] };
    expect(sent.map((s) => s.soql)).toEqual(['SELECT Id, LastName FROM Contact']);
    expect(out.contacts).toHaveLength(3);
  });

  it('two extract paths are a problem (a Turbo Extract reads one object)', () => {
    const { problems } = compileDataMappers([
      definition('Turbo Extract', [
        filter({ inputFieldName: 'LastName', filterOperator: '=', filterValue: 'a' }),
        { inputObjectName: 'Account', inputObjectQuerySequence: 2, outputFieldName: 'accounts', inputFieldName: 'Name', filterOperator: '=', filterValue: 'b' },
        field('LastName'),
      ]),
    ]);
    expect(problems.map((p) => p.message)).toEqual(['a Turbo Extract reads one object, not 2 extract paths']);
  });

  it('an unknown field is the org’s INVALID_FIELD', async () => {
    const err = await turbo([field('Nope__c')])
      .run({}, { org: mock, vlocity })
      .catch((e: unknown) => e);
    expect(err).toMatchObject({ name: 'OrgError', errorCode: 'INVALID_FIELD' });
  });
});
