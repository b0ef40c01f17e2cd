import { clausesOrg } from '../mock-org/soql/clauses-fixture';
import { failureOf, startCompatServer, type CompatServer } from './compat-server';

/** jsforce 3.10.16 against `mock-org serve`: issue 16's clauses and syntax errors as a real client reads them. */

let compat: CompatServer;
beforeAll(async () => {
  compat = await startCompatServer(clausesOrg());
});
afterAll(async () => {
  await compat.close();
});

type Account = { attributes: { type: string; url: string }; Name: string } & Record<string, unknown>;

describe('jsforce over loopback', () => {
  it('FIELDS(ALL) LIMIT 200 answers records with every field, attributes first', async () => {
    const result = await compat.tokenConnection().query<Account>('SELECT FIELDS(ALL) FROM Account ORDER BY Name LIMIT 200');
    expect({ totalSize: result.totalSize, done: result.done }).toEqual({ totalSize: 3, done: true });
    expect(Object.keys(result.records[0]!)).toEqual([
      'attributes',
      'Id',
      'IsDeleted',
      'CreatedDate',
      'CreatedById',
      'LastModifiedDate',
      'LastModifiedById',
      'SystemModstamp',
      'Name',
      'Phone',
      'OwnerId',
      'Tier__c',
      'Secret__c',
    ]);
    expect(result.records[0]).toMatchObject({ attributes: { type: 'Account' }, Name: 'Acme', Tier__c: 'Gold', Secret__c: 's1' });
  });

  it('FIELDS(ALL) without a LIMIT is the MALFORMED_QUERY jsforce rejects with', async () => {
    expect(await failureOf(compat.tokenConnection().query('SELECT FIELDS(ALL) FROM Account'))).toEqual({
      errorCode: 'MALFORMED_QUERY',
      message: 'The SOQL FIELDS function must have a LIMIT of at most 200',
    });
  });

  it("a syntax error reaches jsforce in Salesforce's layout", async () => {
    expect(await failureOf(compat.tokenConnection().query('SELECT Name FROM Account WHERE'))).toEqual({
      errorCode: 'MALFORMED_QUERY',
      message: "\nSELECT Name FROM Account WHERE\n                              ^\nERROR at Row:1:Column:31\nunexpected token: '<EOF>'",
    });
  });

  it('WITH USER_MODE is refused over the REST API (Apex only)', async () => {
    const failure = await failureOf(compat.tokenConnection().query('SELECT Name FROM Account WITH USER_MODE'));
    expect(failure.errorCode).toBe('MALFORMED_QUERY');
    expect(failure.message).toMatch(/rule soqlWithIdentifierClause failed predicate/);
  });

  it("USING SCOPE Mine is the token user's records; FOR VIEW answers as the plain query", async () => {
    const conn = compat.tokenConnection();
    expect((await conn.query<Account>('SELECT Name FROM Account USING SCOPE Mine')).records.map((r) => r.Name)).toEqual(['Acme']);
    expect((await conn.query<Account>('SELECT Name FROM Account ORDER BY Name FOR VIEW')).records.map((r) => r.Name)).toEqual(['Acme', 'Globex', 'Initech']);
  });
});
