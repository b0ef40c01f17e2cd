/**
 * The Data Mapper actions (Extract, Turbo Extract, Transform): the bundle they run, the input from
 * `dataRaptor Input Parameters`, and their failures (unknown bundle, the org's INVALID_FIELD).
 */
import { MockOrg } from '../../../src/mock-org/mock-org';
import type { DataMapperDefinition, DataMapperItem } from '../../../src/procedures/model';
import { el, host, library, proc, run } from '../run-helpers';

const org = MockOrg.fromFixturesSync({
  schema: { Account: { keyPrefix: '001', fields: { Name: { type: 'string' }, Industry: { type: 'string' } } } },
  records: {
    Account: [
      { Id: '0015w0000000001AAA', Name: 'Acme', Industry: 'Rockets' },
      { Id: '0015w0000000002AAA', Name: 'Globex', Industry: 'Energy' },
    ],
  },
});

const origin = { file: '/defs/dm.json', format: 'datapack-raw' } as const;
const item = (i: Partial<DataMapperItem>): DataMapperItem => ({ outputCreationSequence: 1, isDisabled: false, ...i });
function extract(name: string, type: string, field: string): DataMapperDefinition {
  return {
    name,
    type,
    origin,
    items: [
      item({
        outputCreationSequence: 0,
        outputFieldName: 'acct',
        inputObjectName: 'Account',
        inputObjectQuerySequence: 1,
        inputFieldName: 'Name',
        filterOperator: '=',
        filterValue: 'AccountName',
      }),
      item({ inputFieldName: `acct:${field}`, outputFieldName: 'Account:Industry' }),
    ],
  };
}
const transform: DataMapperDefinition = {
  name: 'ToUpper',
  type: 'Transform',
  origin,
  items: [item({ inputFieldName: 'who', outputFieldName: 'person:name' })],
};
const noObject: DataMapperDefinition = {
  name: 'BadObject',
  type: 'Extract',
  origin,
  items: [
    item({
      outputCreationSequence: 0,
      outputFieldName: 'x',
      inputObjectName: 'NoSuchObject__c',
      inputObjectQuerySequence: 1,
      inputFieldName: 'Name',
      filterOperator: '=',
      filterValue: 'AccountName',
    }),
    item({ inputFieldName: 'x:Name', outputFieldName: 'Account:Name' }),
  ],
};
const mappers = [
  noObject,
  extract('GetAccount', 'Extract', 'Industry'),
  extract('GetAccountTurbo', 'Extract', 'Industry'),
  extract('BadField', 'Extract', 'NoSuchField__c'),
  transform,
];

const action = (type: string, bundle: string, props = {}) =>
  el('DR', type, { bundle, 'dataRaptor Input Parameters': [{ element: 'request:name', inputParam: 'AccountName' }], responseJSONPath: 'Account', ...props });
const respond = el('Respond', 'Response Action', { sendJSONPath: 'DR' });

describe('Data Mapper actions', () => {
  it.each(['DataRaptor Extract Action', 'Data Mapper Extract Action', 'DataRaptor Turbo Action'])(
    '%s runs its bundle on the org with the input parameters',
    async (type) => {
      const lib = library([proc('T_DR', [action(type, 'GetAccount'), respond])], mappers);
      expect(lib.problems).toEqual([]);
      const out = await run(lib, 'T_DR', { request: { name: 'Globex' } }, {}, host(org));
      expect(out.IPResult).toEqual({ Industry: 'Energy' });
    },
  );

  it('DataRaptor Transform Action maps its input without the org', async () => {
    const lib = library([proc('T_Tr', [el('DR', 'DataRaptor Transform Action', { bundle: 'ToUpper', sendJSONPath: 'in' }), respond])], mappers);
    expect((await run(lib, 'T_Tr', { in: { who: 'Ann' } }, {}, host(org))).IPResult).toEqual({ person: { name: 'Ann' } });
  });

  it('answers INVOKE-404 "Data Mapper X was not found" for an unknown bundle, as the step failure', async () => {
    const lib = library([proc('T_Missing', [action('DataRaptor Extract Action', 'NoSuchBundle')])], mappers);
    const out = await run(lib, 'T_Missing', { request: { name: 'Acme' } }, {}, host(org));
    expect(out).toMatchObject({
      errorCode: 'INVOKE-404',
      error: 'Data Mapper NoSuchBundle was not found.',
      details: { element: 'DR', type: 'DataRaptor Extract Action' },
    });
  });

  it("answers the org's INVALID_FIELD as INVOKE-502 with details { element, type, errorCode } when failOnStepError", async () => {
    const lib = library([proc('T_Field', [action('DataRaptor Extract Action', 'BadField')])], mappers);
    const out = await run(lib, 'T_Field', { request: { name: 'Acme' } }, {}, host(org));
    expect(out).toMatchObject({ errorCode: 'INVOKE-502', details: { element: 'DR', type: 'DataRaptor Extract Action', errorCode: 'INVALID_FIELD' } });
    expect(out.error).toContain('NoSuchField__c');
  });

  it("answers the org's INVALID_TYPE for an unknown object as INVOKE-502 naming the element", async () => {
    const lib = library([proc('T_Object', [action('DataRaptor Extract Action', 'BadObject')])], mappers);
    const out = await run(lib, 'T_Object', { request: { name: 'Acme' } }, {}, host(org));
    expect(out).toMatchObject({
      errorCode: 'INVOKE-502',
      details: { element: 'DR', errorCode: 'INVALID_TYPE' },
    });
  });

  it('writes the org error into the element result and goes on without failOnStepError', async () => {
    const lib = library(
      [
        proc('T_Field2', [
          action('DataRaptor Extract Action', 'BadField', { failOnStepError: false, responseJSONPath: '' }),
          el('R', 'Response Action', { returnFullDataJSON: true }),
        ]),
      ],
      mappers,
    );
    const out = await run(lib, 'T_Field2', { request: { name: 'Acme' } }, {}, host(org));
    expect(out.errorCode).toBe('INVOKE-200');
    expect(out.IPResult).toMatchObject({ DR: { errorCode: 'INVOKE-502', details: { errorCode: 'INVALID_FIELD' } } });
  });

  it('is a problem without a bundle, or with an input parameter that has no inputParam', () => {
    const lib = library([proc('T_NoBundle', [el('DR', 'DataRaptor Extract Action', { 'dataRaptor Input Parameters': [{ element: 'x' }] })])]);
    expect(lib.problems.map((p) => p.property)).toEqual(['bundle', 'dataRaptor Input Parameters[0]']);
  });
});
