import { MockOrg } from '../../../src/mock-org/mock-org';
import { buildMockRestServer, startMockRestServer } from '../../../src/mock-org/rest/server';
import { connectOrg } from '../../../src/orgs/jsforce/connect';
import { makeId } from '../../../src/salesforce/ids';
import { ACME, ANN, BOB, CID, accountsOrg } from '../subquery-fixture';

const url = (type: string, id: string) => `/services/data/v64.0/sobjects/${type}/${id}`;

describe('parent-to-child subqueries and semi-joins over the fake REST API', () => {
  it('jsforce over loopback reads nested child records (null without children) and a semi-join', async () => {
    const server = await startMockRestServer({ org: MockOrg.fromFixturesSync(accountsOrg()) });
    try {
      const org = await connectOrg({ instanceUrl: server.instanceUrl, accessToken: server.accessToken, maxRetries: 0 });
      const result = await org.connection.query('SELECT Name, (SELECT LastName FROM Contacts ORDER BY LastName) FROM Account ORDER BY Name');
      expect(result.records.map((r) => r.Contacts)).toEqual([
        {
          totalSize: 2,
          done: true,
          records: [
            { attributes: { type: 'Contact', url: url('Contact', ANN) }, LastName: 'Ann' },
            { attributes: { type: 'Contact', url: url('Contact', BOB) }, LastName: 'Bob' },
          ],
        },
        { totalSize: 1, done: true, records: [{ attributes: { type: 'Contact', url: url('Contact', CID) }, LastName: 'Cid' }] },
        null,
      ]);
      const joined = await org.connection.query("SELECT Name FROM Account WHERE Id NOT IN (SELECT AccountId FROM Contact WHERE LeadSource = 'Web')");
      expect(joined.records.map((r) => r.Name)).toEqual(['Initech']);
      await org.close?.();
    } finally {
      await server.close();
    }
  });

  it('the cursor pages the parents (2,000 a page); each page carries its own children, filtered by the inner WHERE', async () => {
    const doc = accountsOrg();
    // 2,001 accounts named in Id order: the first is Acme's Id (Ann and Bob), the last has no contacts.
    doc.records!.Account = Array.from({ length: 2001 }, (_, i) => ({ Id: makeId('001', i + 1), Name: `A${String(i).padStart(4, '0')}` }));
    const server = await startMockRestServer({ org: MockOrg.fromFixturesSync(doc) });
    try {
      const org = await connectOrg({ instanceUrl: server.instanceUrl, accessToken: server.accessToken, maxRetries: 0 });
      const first = await org.connection.query("SELECT Name, (SELECT LastName FROM Contacts WHERE LeadSource = 'Web') FROM Account ORDER BY Name");
      expect(first.done).toBe(false);
      expect(first.records).toHaveLength(2000);
      expect(first.records[0]).toMatchObject({ attributes: { url: url('Account', ACME) }, Contacts: { totalSize: 1, records: [{ LastName: 'Ann' }] } });
      const next = await org.connection.queryMore(first.nextRecordsUrl!);
      expect(next.records.map((r) => [r.Name, r.Contacts])).toEqual([['A2000', null]]);
      await org.close?.();
    } finally {
      await server.close();
    }
  });

  it('(ipemu) columns=true describes a subquery as an aggregate column whose joinColumns are the child fields', async () => {
    const app = buildMockRestServer({ org: MockOrg.fromFixturesSync(accountsOrg()), accessToken: 'cols' });
    await app.ready();
    try {
      const soql = 'SELECT Name, (SELECT LastName FROM Contacts) FROM Account';
      const res = await app.inject({
        method: 'GET',
        url: `/services/data/v64.0/query?q=${encodeURIComponent(soql)}&columns=true`,
        headers: { authorization: 'Bearer cols' },
      });
      expect(res.statusCode).toBe(200);
      const body = res.json<{ columnMetadata: { columnName: string; aggregate: boolean; joinColumns: { columnName: string }[] }[] }>();
      expect(body.columnMetadata.map((c) => [c.columnName, c.aggregate, c.joinColumns.map((j) => j.columnName)])).toEqual([
        ['Name', false, []],
        ['Contacts', true, ['LastName']],
      ]);
    } finally {
      await app.close();
    }
  });
});
