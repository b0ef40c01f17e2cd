import { policies } from '../mock-org/soql/aggregate-fixture';
import { failureOf, startCompatServer, type CompatServer } from './compat-server';

/** jsforce 3.10.16 reads AggregateResult records from a real `mock-org serve` (loopback). */

let compat: CompatServer;
beforeAll(async () => {
  compat = await startCompatServer(policies());
});
afterAll(async () => {
  await compat.close();
});

type Aggregate = { attributes: { type: string; url?: string }; [field: string]: unknown };

describe('aggregate queries through jsforce', () => {
  it('GROUP BY answers AggregateResult records without url, expr0 and aliases, totalSize the groups', async () => {
    const result = await compat
      .tokenConnection()
      .query<Aggregate>('SELECT Status__c, COUNT(Id), SUM(Premium__c) total FROM Policy__c GROUP BY Status__c ORDER BY Status__c');
    expect({ totalSize: result.totalSize, done: result.done }).toEqual({ totalSize: 4, done: true });
    expect(result.records).toEqual([
      { attributes: { type: 'AggregateResult' }, Status__c: null, expr0: 1, total: 25 },
      { attributes: { type: 'AggregateResult' }, Status__c: 'Draft', expr0: 1, total: 50 },
      { attributes: { type: 'AggregateResult' }, Status__c: 'Active', expr0: 3, total: 750 },
      { attributes: { type: 'AggregateResult' }, Status__c: 'Lapsed', expr0: 1, total: null },
    ]);
  });

  it('an aggregate without GROUP BY is one record; MIN of a date is its string', async () => {
    const result = await compat.tokenConnection().query<Aggregate>('SELECT COUNT(Id), MIN(Issued__c) FROM Policy__c');
    expect(result.records).toEqual([{ attributes: { type: 'AggregateResult' }, expr0: 6, expr1: '2025-12-31' }]);
  });

  it("a rule broken reaches jsforce as Salesforce's error", async () => {
    expect(await failureOf(compat.tokenConnection().query('SELECT Name, COUNT(Id) FROM Policy__c'))).toMatchObject({
      errorCode: 'MALFORMED_QUERY',
      message: 'Field must be grouped or aggregated: Name',
    });
  });
});
