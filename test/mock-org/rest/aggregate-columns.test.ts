import type { FastifyInstance } from 'fastify';
import { MockOrg } from '../../../src/mock-org/mock-org';
import { buildMockRestServer } from '../../../src/mock-org/rest/server';
import { policies } from '../soql/aggregate-fixture';

/* `columns=true` on an aggregate query: the shape of the sf CLI's exemplar for `SELECT CampaignId, AVG(Amount) … GROUP BY CampaignId`. */

const TOKEN = 'aggregate-columns-token';
let app: FastifyInstance;

beforeAll(async () => {
  app = buildMockRestServer({ org: await MockOrg.fromFixtures(policies()), accessToken: TOKEN });
  await app.ready();
});
afterAll(async () => {
  await app.close();
});

const body = async (path: string) => {
  const res = await app.inject({ method: 'GET', url: `/services/data/v64.0/${path}`, headers: { authorization: `Bearer ${TOKEN}` } });
  return { status: res.statusCode, json: res.json<Record<string, unknown>>() };
};

const fn = (columnName: string, displayName: string, flags: Partial<Record<'numberType' | 'textType', boolean>>) => ({
  aggregate: true,
  apexType: null,
  booleanType: false,
  columnName,
  custom: false,
  displayName,
  foreignKeyName: null,
  insertable: false,
  joinColumns: [],
  numberType: false,
  textType: false,
  updatable: false,
  ...flags,
});

describe('aggregate queries over the fake REST API', () => {
  it('columns=true: a grouped field is a field column (under its alias), a function aggregate: true named expr0, displayName as written; groupBy true', async () => {
    const soql = 'SELECT Agency__c agency, AVG(Premium__c), MAX(Name) FROM Policy__c GROUP BY Agency__c';
    const { status, json } = await body(`query?q=${encodeURIComponent(soql)}&columns=true`);
    expect(status).toBe(200);
    expect(json).toMatchObject({ entityName: 'Policy__c', groupBy: true, idSelected: false, keyPrefix: 'a03' });
    expect(json.columnMetadata).toEqual([
      expect.objectContaining({ aggregate: false, apexType: 'Id', columnName: 'agency', displayName: 'agency', custom: true }),
      fn('expr0', 'AVG(Premium__c)', { numberType: true }),
      fn('expr1', 'MAX(Name)', { textType: true }),
    ]);
  });

  it('/query answers the AggregateResult records in one page, done', async () => {
    const soql = 'SELECT Agency__r.Name, COUNT(Id) FROM Policy__c GROUP BY Agency__r.Name';
    const { status, json } = await body(`query?q=${encodeURIComponent(soql)}`);
    expect(status).toBe(200);
    expect(json).toEqual({
      totalSize: 3,
      done: true,
      records: [
        { attributes: { type: 'AggregateResult' }, Name: 'Acme', expr0: 3 },
        { attributes: { type: 'AggregateResult' }, Name: 'Zenith', expr0: 2 },
        { attributes: { type: 'AggregateResult' }, Name: null, expr0: 1 },
      ],
    });
  });
});
