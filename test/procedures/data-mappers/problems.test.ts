import { IpemuError } from '../../../src/core/errors';
import { OrgError } from '../../../src/core/org';
import { MockOrg } from '../../../src/mock-org/mock-org';
import type { DataMapperItem } from '../../../src/procedures/model';
import { compileDataMappers } from '../../../src/procedures/data-mappers';
import { definition, recordingOrg, VBT_ORG } from './raw-data-mappers';

const vlocity = { now: () => new Date('2026-12-01T12:00:00Z') };
const step = (extra: Partial<DataMapperItem>): Partial<DataMapperItem> => ({
  inputObjectName: 'Account',
  inputObjectQuerySequence: 1,
  outputFieldName: 'acc',
  ...extra,
});
const map = (from: string, to: string): Partial<DataMapperItem> => ({ outputCreationSequence: 1, inputFieldName: from, outputFieldName: to });

describe('Data Mapper definition problems at compile', () => {
  let mock: MockOrg;
  beforeAll(async () => {
    mock = await MockOrg.fromFixtures(VBT_ORG);
  });
  const cases: [string, Partial<DataMapperItem>[], string][] = [
    ['an unknown FilterOperator', [step({ inputFieldName: 'Name', filterOperator: 'BETWEEN', filterValue: 'x' })], 'unknown FilterOperator "BETWEEN"'],
    [
      'a step with no object',
      [step({ inputObjectName: undefined, inputFieldName: 'Name', filterOperator: '=', filterValue: 'x' })],
      'the extraction step "acc" names no object',
    ],
    ['LIMIT 0', [step({ filterOperator: 'LIMIT', filterValue: '0' })], 'LIMIT "0" is not a whole number from 1 to 50000'],
    ['LIMIT 50001', [step({ filterOperator: 'LIMIT', filterValue: '50001' })], 'LIMIT "50001" is not a whole number from 1 to 50000'],
    ['ORDER BY with SOQL in it', [step({ filterOperator: 'ORDER BY', filterValue: 'Name LIMIT 1' })], 'ORDER BY "Name LIMIT 1" is not a list of fields'],
    [
      'a filter field that is not a name',
      [step({ inputFieldName: 'Name = null OR Id', filterOperator: '=', filterValue: 'x' })],
      '"Name = null OR Id" is not a field name',
    ],
    [
      'an object that is not a name',
      [step({ inputObjectName: 'Account WHERE', inputFieldName: 'Name', filterOperator: '=', filterValue: 'x' })],
      '"Account WHERE" is not an object name',
    ],
    [
      '$Vlocity.NULL with LIKE',
      [step({ inputFieldName: 'Name', filterOperator: 'LIKE', filterValue: '$Vlocity.NULL' })],
      '$Vlocity.NULL can only be compared with = or <>, not LIKE',
    ],
  ];
  it.each(cases)(
    '%s is a problem naming the file, the Data Mapper and the item; running it rejects with INVALID_INPUT and that problem',
    async (_, items, message) => {
      const { problems, mappers } = compileDataMappers([definition('Extract', [map('acc:Id', 'Id'), ...items])]);
      expect(problems).toEqual([
        { file: '/defs/TestDM.rpt', element: 'TestDM', property: expect.stringMatching(/^item 2\b/), message: expect.stringContaining(message) },
      ]);
      expect(problems[0]!.message).toBe(message);
      // It never runs half of itself: no query is sent.
      const { org, sent } = recordingOrg(mock);
      const err = await mappers
        .get('TestDM')!
        .run({ x: 'a' }, { org, vlocity })
        .catch((e: unknown) => e);
      expect(err).toBeInstanceOf(IpemuError);
      expect((err as IpemuError).code).toBe('INVALID_INPUT');
      expect((err as IpemuError).message).toBe(`Data Mapper TestDM cannot run: ${problems[0]!.property}: ${message}.`);
      expect((err as IpemuError).details).toMatchObject({ dataMapper: 'TestDM', file: '/defs/TestDM.rpt' });
      expect(sent).toEqual([]);
    },
  );

  it('a step path with two objects is a problem naming the item with the second', () => {
    const { problems } = compileDataMappers([
      definition('Extract', [
        step({ inputFieldName: 'Name', filterOperator: '=', filterValue: 'x' }),
        step({ inputObjectName: 'Contact', inputFieldName: 'LastName', filterOperator: '=', filterValue: 'y' }),
      ]),
    ]);
    expect(problems).toEqual([
      {
        file: '/defs/TestDM.rpt',
        element: 'TestDM',
        property: 'item 2 (Contact LastName → acc)',
        message: 'the extraction step "acc" names two objects (Account, Contact)',
      },
    ]);
  });

  it('a problem of one Data Mapper leaves the others compiled without problems', () => {
    const { problems, mappers } = compileDataMappers([
      definition('Extract', [step({ inputFieldName: 'Name', filterOperator: '~', filterValue: 'x' })], 'Bad'),
      definition('Extract', [step({ inputFieldName: 'Name', filterOperator: '=', filterValue: 'x' })], 'Good'),
    ]);
    expect(problems.map((p) => p.element)).toEqual(['Bad']);
    expect([...mappers.keys()]).toEqual(['Bad', 'Good']);
  });
});

describe('Data Mapper types ipemu does not run, and org errors', () => {
  let mock: MockOrg;
  beforeAll(async () => {
    mock = await MockOrg.fromFixtures(VBT_ORG);
  });

  it.each(['Load', 'Post'])('a %s Data Mapper compiles; its run rejects with NOT_IMPLEMENTED (INVOKE-501) naming the type', async (type) => {
    const { mappers, problems } = compileDataMappers([definition(type, [map('a', 'b')], 'Writer')]);
    expect(problems).toEqual([]);
    const err = await mappers
      .get('Writer')!
      .run({}, { org: mock, vlocity })
      .catch((e: unknown) => e);
    expect(err).toBeInstanceOf(IpemuError);
    expect((err as IpemuError).code).toBe('NOT_IMPLEMENTED');
    expect((err as IpemuError).message).toContain(`"${type}"`);
    expect((err as IpemuError).details).toEqual({ dataMapper: 'Writer', type });
  });

  it('an enabled lookup item (lookupObjectName) compiles to a mapper whose run is NOT_IMPLEMENTED naming the item; a disabled one does not matter', async () => {
    const lookup = {
      outputCreationSequence: 1,
      inputFieldName: 'a',
      outputFieldName: 'b',
      lookupObjectName: 'Account',
      lookupByFieldName: 'Name',
      lookupReturnedFieldName: 'Id',
    };
    const { mappers, problems } = compileDataMappers([
      definition('Transform', [map('x', 'y'), lookup], 'Looks'),
      definition('Transform', [map('a', 'b'), { ...lookup, isDisabled: true }], 'Plain'),
    ]);
    expect(problems).toEqual([]);
    const err = await mappers
      .get('Looks')!
      .run({ a: 'Acme' }, { org: mock, vlocity })
      .catch((e: unknown) => e);
    expect(err).toMatchObject({ code: 'NOT_IMPLEMENTED', message: 'Data Mapper Looks: item 2 (a → b), a lookup of Account, is not implemented by ipemu.' });
    await expect(mappers.get('Plain')!.run({ a: 1 }, { org: mock, vlocity })).resolves.toEqual({ b: 1 });
  });

  async function orgErrorOf(items: Partial<DataMapperItem>[], org = mock): Promise<OrgError> {
    const dm = compileDataMappers([definition('Extract', items)]).mappers.get('TestDM')!;
    const err = await dm.run({ x: 'a' }, { org, vlocity }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(OrgError);
    return err as OrgError;
  }

  it('a mapping of an unknown field: the org’s INVALID_FIELD OrgError propagates', async () => {
    const err = await orgErrorOf([step({ inputFieldName: 'Name', filterOperator: '=', filterValue: 'x' }), map('acc:NoSuchField__c', 'f')]);
    expect(err.errorCode).toBe('INVALID_FIELD');
    expect(err.message).toContain("No such column 'NoSuchField__c' on entity 'Account'");
  });

  it('a filter on an unknown field: INVALID_FIELD', async () => {
    expect((await orgErrorOf([step({ inputFieldName: 'Nope__c', filterOperator: '=', filterValue: 'x' })])).errorCode).toBe('INVALID_FIELD');
  });

  it('an unknown object: the org’s INVALID_TYPE OrgError', async () => {
    expect((await orgErrorOf([step({ inputObjectName: 'NoSuchObject__c', inputFieldName: 'Name', filterOperator: '=', filterValue: 'x' })])).errorCode).toBe(
      'INVALID_TYPE',
    );
  });

  it('a field the running user cannot read fails as the org fails it (INVALID_FIELD), while the same Data Mapper runs for admin', async () => {
    const items = [
      { inputObjectName: 'Contact', inputObjectQuerySequence: 1, outputFieldName: 'c', inputFieldName: 'LastName', filterOperator: '=', filterValue: 'x' },
      map('c:Email', 'email'),
    ];
    const hidden = await MockOrg.fromFixtures(VBT_ORG, { user: 'noEmail' });
    expect((await orgErrorOf(items, hidden)).errorCode).toBe('INVALID_FIELD');
    const dm = compileDataMappers([definition('Extract', items)]).mappers.get('TestDM')!;
    await expect(dm.run({ x: "O'Brien" }, { org: mock, vlocity })).resolves.toEqual({ email: 'ada@example.com' });
  });

  it('the run’s abort signal reaches every query', async () => {
    const { org } = recordingOrg(mock);
    const seen: (AbortSignal | undefined)[] = [];
    const spying = { ...org, query: ((soql, binds, options) => (seen.push(options?.signal), org.query(soql, binds, options))) as typeof org.query };
    const signal = new AbortController().signal;
    await compileDataMappers([definition('Extract', [step({ inputFieldName: 'Name', filterOperator: 'LIKE', filterValue: 'x' }), map('acc:Id', 'Id')])])
      .mappers.get('TestDM')!
      .run({ x: 'Test' }, { org: spying, vlocity, signal });
    expect(seen).toEqual([signal]);
  });
});
