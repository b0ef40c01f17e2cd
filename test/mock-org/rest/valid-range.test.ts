import type { FastifyInstance } from 'fastify';
import { MockOrg } from '../../../src/mock-org/mock-org';
import { buildMockRestServer } from '../../../src/mock-org/rest/server';
import { restFixtures } from './rest-fixtures';

/** Through the fake REST API (issue 12 item 13): Salesforce's 400 NUMBER_OUTSIDE_VALID_RANGE, where LAST_N_DAYS:999999999 was a 500. */

const TOKEN = 'valid-range-token';
const V = '/services/data/v64.0';
let app: FastifyInstance;

beforeAll(async () => {
  app = buildMockRestServer({ org: await MockOrg.fromFixtures(restFixtures()), accessToken: TOKEN });
  await app.ready();
});
afterAll(async () => {
  await app.close();
});

const query = (soql: string) => app.inject({ method: 'GET', url: `${V}/query?q=${encodeURIComponent(soql)}`, headers: { authorization: `Bearer ${TOKEN}` } });

describe('fake REST API: numbers outside the valid range', () => {
  it('OFFSET above 2,000 is 400 NUMBER_OUTSIDE_VALID_RANGE "Maximum SOQL offset allowed is 2000"; 2,000 pages as usual', async () => {
    const res = await query('SELECT Id FROM AsyncApexJob OFFSET 2001');
    expect(res.statusCode).toBe(400);
    expect(res.json()).toEqual([{ errorCode: 'NUMBER_OUTSIDE_VALID_RANGE', message: 'Maximum SOQL offset allowed is 2000' }]);
    const ok = await query('SELECT Id FROM AsyncApexJob OFFSET 2000');
    expect(ok.statusCode).toBe(200);
    expect(ok.json()).toMatchObject({ totalSize: 2500, done: false });
  });

  it('LAST_N_DAYS:999999999 is 400 NUMBER_OUTSIDE_VALID_RANGE, not 500', async () => {
    const res = await query('SELECT Id FROM AsyncApexJob WHERE CreatedDate = LAST_N_DAYS:999999999');
    expect(res.statusCode).toBe(400);
    const [body] = res.json<{ errorCode: string; message: string }[]>();
    expect(body).toMatchObject({ errorCode: 'NUMBER_OUTSIDE_VALID_RANGE', message: expect.stringContaining('LAST_N_DAYS:999999999') });
  });
});
