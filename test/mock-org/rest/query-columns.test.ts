import type { FastifyInstance } from 'fastify';
import { MockOrg } from '../../../src/mock-org/mock-org';
import { buildMockRestServer, issueTokenFor } from '../../../src/mock-org/rest/server';
import { POLICY_ID, restFixtures } from './rest-fixtures';

/* `columns=true` on /query and /queryAll: the columns a query selects, in the shape `sf data query` reads. */

const TOKEN = 'columns-token';
const V = '/services/data/v64.0';
let app: FastifyInstance;

beforeAll(async () => {
  app = buildMockRestServer({ org: await MockOrg.fromFixtures(restFixtures()), accessToken: TOKEN });
  await app.ready();
});
afterAll(async () => {
  await app.close();
});

const columns = (resource: string, soql: string, token = TOKEN) =>
  app.inject({ method: 'GET', url: `${V}/${resource}?q=${encodeURIComponent(soql)}&columns=true`, headers: { authorization: `Bearer ${token}` } });

/** A plain field's entry, as Salesforce writes it. */
const field = (
  name: string,
  apexType: string,
  flags: Partial<Record<'insertable' | 'updatable' | 'textType' | 'numberType' | 'booleanType', boolean>> = {},
) => ({
  aggregate: false,
  apexType,
  booleanType: false,
  columnName: name,
  custom: false,
  displayName: name,
  foreignKeyName: null,
  insertable: false,
  joinColumns: [],
  numberType: false,
  textType: false,
  updatable: false,
  ...flags,
});

describe('GET /query?q=…&columns=true', () => {
  it('answers columnMetadata, entityName, groupBy, idSelected and keyPrefix instead of the rows', async () => {
    const res = await columns('query', 'SELECT Id, Name, IsPolicyEditLocked, EffectiveDate FROM InsurancePolicy');
    expect(res.statusCode).toBe(200);
    expect(res.json()).toEqual({
      columnMetadata: [
        field('Id', 'Id'),
        field('Name', 'String', { textType: true, insertable: true, updatable: true }),
        field('IsPolicyEditLocked', 'Boolean', { booleanType: true, insertable: true, updatable: true }),
        field('EffectiveDate', 'Datetime', { insertable: true, updatable: true }),
      ],
      entityName: 'InsurancePolicy',
      groupBy: false,
      idSelected: true,
      keyPrefix: '0YT',
    });
  });

  it('a parent relationship is one column named by the relationship, with foreignKeyName and the fields read through it in joinColumns', async () => {
    const res = await columns('query', 'SELECT Name, ParentPolicy.Name, ParentPolicy.ParentPolicy.Id FROM InsurancePolicy');
    const [name, parent] = res.json().columnMetadata;
    expect(name.columnName).toBe('Name');
    expect(parent).toEqual({
      ...field('ParentPolicy', null as unknown as string),
      apexType: null,
      foreignKeyName: 'ParentPolicyId',
      joinColumns: [
        field('Name', 'String', { textType: true, insertable: true, updatable: true }),
        { ...field('ParentPolicy', null as unknown as string), foreignKeyName: 'ParentPolicyId', joinColumns: [field('Id', 'Id')] },
      ],
    });
    expect(res.json().idSelected).toBe(false);
  });

  it('numbers and field names come back as the schema spells them, whatever case the query used', async () => {
    const res = await columns('query', 'select numberoferrors, id from asyncapexjob');
    expect(res.json().columnMetadata).toEqual([field('NumberOfErrors', 'Integer', { numberType: true }), field('Id', 'Id')]);
    expect(res.json()).toMatchObject({ entityName: 'AsyncApexJob', keyPrefix: '707', idSelected: true });
  });

  it('COUNT() selects no column', async () => {
    expect((await columns('query', 'SELECT COUNT() FROM AsyncApexJob')).json().columnMetadata).toEqual([]);
  });

  it('/queryAll answers the same columns', async () => {
    const soql = 'SELECT Id, Name FROM InsurancePolicy';
    expect((await columns('queryAll', soql)).json()).toEqual((await columns('query', soql)).json());
  });

  it('insertable and updatable are the running user’s; a query they may not run is refused as running it would be', async () => {
    const agent = issueTokenFor(app, 'agent');
    expect((await columns('query', 'SELECT Name FROM InsurancePolicy', agent)).json().columnMetadata[0]).toMatchObject({ insertable: true, updatable: true });
    const hidden = await columns('query', 'SELECT ReferencePolicyNumber FROM InsurancePolicy', agent);
    expect({ status: hidden.statusCode, code: hidden.json()[0].errorCode }).toEqual({ status: 400, code: 'INVALID_FIELD' });
    const unknown = await columns('query', 'SELECT Bogus FROM InsurancePolicy');
    expect({ status: unknown.statusCode, code: unknown.json()[0].errorCode }).toEqual({ status: 400, code: 'INVALID_FIELD' });
  });

  it('without columns=true (or with another value) the rows come back', async () => {
    for (const flag of ['', '&columns=false']) {
      const res = await app.inject({
        method: 'GET',
        url: `${V}/query?q=${encodeURIComponent('SELECT Id FROM InsurancePolicy')}${flag}`,
        headers: { authorization: `Bearer ${TOKEN}` },
      });
      expect(res.json()).toMatchObject({ totalSize: 1, done: true, records: [{ Id: POLICY_ID }] });
    }
  });
});
