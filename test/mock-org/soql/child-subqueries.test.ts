import { MockOrg } from '../../../src/mock-org/mock-org';
import { OrgError, type QueryResult, type SObjectRecord } from '../../../src/core/org';
import { Table } from '../../../src/mock-org/store/table';
import { ACME, ANN, BOB, CID, GLOBEX, INITECH, accountsOrg } from '../subquery-fixture';

let org: MockOrg;
beforeEach(async () => {
  org = await MockOrg.fromFixtures(accountsOrg());
});

const url = (type: string, id: string) => `/services/data/v64.0/sobjects/${type}/${id}`;

async function errorOf(soql: string, binds?: Record<string, string>, target: MockOrg = org): Promise<OrgError> {
  const err: unknown = await target.query(soql, binds).then(
    () => undefined,
    (e: unknown) => e,
  );
  if (!(err instanceof OrgError)) throw new Error(`expected an OrgError from ${soql}`);
  return err;
}

/** Each account's child collection under `key`, as LastName lists (null when the account has none). */
async function lastNames(soql: string, key = 'Contacts', binds?: Record<string, string>): Promise<Record<string, string[] | null>> {
  const { records } = await org.query(soql, binds);
  const out: Record<string, string[] | null> = {};
  for (const r of records) {
    const children = r[key] as QueryResult<SObjectRecord & { LastName: string }> | null;
    out[r.Name as string] = children && children.records.map((c) => c.LastName);
  }
  return out;
}

describe('parent-to-child subqueries', () => {
  test('the children nest as { totalSize, done, records } with attributes; an account without any gets null', async () => {
    const { records } = await org.query('SELECT Name, (SELECT LastName FROM Contacts ORDER BY LastName) FROM Account ORDER BY Name');
    expect(records).toEqual([
      {
        attributes: { type: 'Account', url: url('Account', ACME) },
        Name: 'Acme',
        Contacts: {
          totalSize: 2,
          done: true,
          records: [
            { attributes: { type: 'Contact', url: url('Contact', ANN) }, LastName: 'Ann' },
            { attributes: { type: 'Contact', url: url('Contact', BOB) }, LastName: 'Bob' },
          ],
        },
      },
      expect.objectContaining({
        Name: 'Globex',
        Contacts: { totalSize: 1, done: true, records: [{ attributes: { type: 'Contact', url: url('Contact', CID) }, LastName: 'Cid' }] },
      }),
      expect.objectContaining({ Name: 'Initech', Contacts: null }),
    ]);
  });

  test('the inner WHERE (with a bind), ORDER BY and LIMIT apply to each parent’s children', async () => {
    expect(await lastNames("SELECT Name, (SELECT LastName FROM Contacts WHERE LeadSource = 'Web') FROM Account ORDER BY Name")).toEqual({
      Acme: ['Ann'],
      Globex: ['Cid'],
      Initech: null,
    });
    expect(
      await lastNames('SELECT Name, (SELECT LastName FROM Contacts WHERE LeadSource = :src) FROM Account ORDER BY Name', 'Contacts', { src: 'Phone' }),
    ).toEqual({
      Acme: ['Bob'],
      Globex: null,
      Initech: null,
    });
    expect(await lastNames('SELECT Name, (SELECT LastName FROM Contacts ORDER BY LastName DESC LIMIT 1) FROM Account ORDER BY Name')).toEqual({
      Acme: ['Bob'],
      Globex: ['Cid'],
      Initech: null,
    });
  });

  test('a bind of the inner WHERE is read per execution: the same text with another value gives other children', async () => {
    const soql = 'SELECT Name, (SELECT LastName FROM Contacts WHERE LeadSource = :src) FROM Account WHERE Id = :acme';
    const first = await org.query(soql, { src: 'Web', acme: ACME });
    const second = await org.query(soql, { src: 'Phone', acme: ACME });
    expect((first.records[0]!.Contacts as QueryResult).records.map((r) => r.LastName)).toEqual(['Ann']);
    expect((second.records[0]!.Contacts as QueryResult).records.map((r) => r.LastName)).toEqual(['Bob']);
  });

  test('a child record may select its parent’s fields (Account.Name inside FROM Contacts)', async () => {
    const { records } = await org.query('SELECT Name, (SELECT LastName, Account.Name FROM Contacts WHERE LastName = :n) FROM Account WHERE Id = :acme', {
      n: 'Ann',
      acme: ACME,
    });
    expect((records[0]!.Contacts as QueryResult).records).toEqual([
      {
        attributes: { type: 'Contact', url: url('Contact', ANN) },
        LastName: 'Ann',
        Account: { attributes: { type: 'Account', url: url('Account', ACME) }, Name: 'Acme' },
      },
    ]);
  });

  test('two subqueries nest under their relationship names, in SELECT order, the name matched case-insensitively', async () => {
    const { records } = await org.query('SELECT (SELECT Name FROM opportunities), Name, (SELECT LastName FROM CONTACTS) FROM Account WHERE Id = :acme', {
      acme: ACME,
    });
    const [acme] = records;
    expect(Object.keys(acme!)).toEqual(['attributes', 'Opportunities', 'Name', 'Contacts']);
    expect((acme!.Opportunities as QueryResult).records.map((r) => r.Name)).toEqual(['Acme deal']);
    expect((acme!.Contacts as QueryResult).totalSize).toBe(2);
  });

  test("the subquery's alias prefixes its fields", async () => {
    expect(
      await lastNames("SELECT Name, (SELECT c.LastName FROM Contacts c WHERE c.LeadSource = 'Web' ORDER BY c.LastName) FROM Account ORDER BY Name"),
    ).toEqual({
      Acme: ['Ann'],
      Globex: ['Cid'],
      Initech: null,
    });
  });

  test('OFFSET in a subquery works under a parent query with LIMIT 1, and is refused without it', async () => {
    const soql = 'SELECT Name, (SELECT LastName FROM Contacts ORDER BY LastName OFFSET 1) FROM Account WHERE Id = :acme';
    const { records } = await org.query(`${soql} LIMIT 1`, { acme: ACME });
    expect((records[0]!.Contacts as QueryResult).records.map((r) => r.LastName)).toEqual(['Bob']);
    const err = await errorOf(soql, { acme: ACME });
    expect(err).toMatchObject({ errorCode: 'MALFORMED_QUERY', message: 'A subquery can use OFFSET only if the parent query has a LIMIT 1 clause' });
  });

  test("children come from the reference field's index: one lookup per parent row", async () => {
    const lookups = jest.spyOn(Table.prototype, 'lookup');
    try {
      await org.query('SELECT Name, (SELECT LastName FROM Contacts) FROM Account ORDER BY Name');
      expect(lookups.mock.calls).toEqual([
        ['AccountId', ACME],
        ['AccountId', GLOBEX],
        ['AccountId', INITECH],
      ]);
    } finally {
      lookups.mockRestore();
    }
  });
});

describe("Salesforce's errors and limits on subqueries", () => {
  test('a FROM naming no child relationship is INVALID_TYPE "Didn\'t understand relationship … in FROM part of query call"', async () => {
    for (const name of ['Contactz', 'Contact']) {
      const err = await errorOf(`SELECT Name, (SELECT LastName FROM ${name}) FROM Account`);
      expect(err.errorCode).toBe('INVALID_TYPE');
      expect(err.message).toBe(
        `Didn't understand relationship '${name}' in FROM part of query call. If you are attempting to use a custom relationship, be sure to append the '__r' after the custom relationship name. Please reference your WSDL or the describe call for the appropriate names.`,
      );
    }
  });

  test("a child field that does not exist is INVALID_FIELD on the child's entity", async () => {
    const err = await errorOf('SELECT Name, (SELECT Nickname FROM Contacts) FROM Account');
    expect(err).toMatchObject({ errorCode: 'INVALID_FIELD' });
    expect(err.message).toMatch(/^No such column 'Nickname' on entity 'Contact'/);
  });

  test('a subquery inside a subquery is refused as unsupported (Salesforce allows it from API 58.0)', async () => {
    const err = await errorOf('SELECT Name, (SELECT LastName, (SELECT Name FROM Opportunities) FROM Contacts) FROM Account');
    expect(err.message).toBe('The mock org does not support subqueries inside a subquery (parent-to-child queries more than one level deep).');
  });

  test('at most 20 subqueries; the same relationship twice; an aggregate inside are refused', async () => {
    const many = Array.from({ length: 21 }, () => '(SELECT Id FROM Contacts)').join(', ');
    expect(await errorOf(`SELECT Name, ${many} FROM Account`)).toMatchObject({
      errorCode: 'MALFORMED_QUERY',
      message: 'No more than 20 parent-to-child relationships can be specified in a query',
    });
    expect(await errorOf('SELECT (SELECT Id FROM Contacts), (SELECT LastName FROM contacts) FROM Account')).toMatchObject({
      errorCode: 'MALFORMED_QUERY',
      message: 'Cannot follow the same aggregate relationship twice: Contacts',
    });
    expect(await errorOf('SELECT Name, (SELECT COUNT() FROM Contacts) FROM Account')).toMatchObject({
      errorCode: 'MALFORMED_QUERY',
      message: 'only root queries support aggregate expressions',
    });
  });

  test('a semi-join inside a subquery’s WHERE is refused as not top level', async () => {
    const err = await errorOf('SELECT Name, (SELECT LastName FROM Contacts WHERE Id IN (SELECT ContactId FROM Opportunity)) FROM Account');
    expect(err.message).toBe('Semi join sub-selects are only allowed at the top level WHERE expressions and not in nested WHERE expressions.');
  });
});

describe('field-level security of the child object and fields', () => {
  test('a hidden child object or a hidden reference field: the relationship is unknown to the user', async () => {
    for (const user of ['noContacts', 'noAccountLink']) {
      const err = await errorOf('SELECT Name, (SELECT LastName FROM Contacts) FROM Account', undefined, org.asUser(user));
      expect(err.errorCode).toBe('INVALID_TYPE');
      expect(err.message).toMatch(/^Didn't understand relationship 'Contacts' in FROM part of query call/);
    }
  });

  test("a hidden child field is INVALID_FIELD, selected or filtered on; the user's other queries still run", async () => {
    const agent = org.asUser('noEmail');
    for (const soql of [
      'SELECT Name, (SELECT Email FROM Contacts) FROM Account',
      'SELECT Name, (SELECT LastName FROM Contacts WHERE Email != null) FROM Account',
    ]) {
      const err = await errorOf(soql, undefined, agent);
      expect(err.errorCode).toBe('INVALID_FIELD');
      expect(err.message).toMatch(/^No such column 'Email' on entity 'Contact'/);
    }
    const { records } = await agent.query('SELECT Name, (SELECT LastName FROM Contacts) FROM Account WHERE Id = :acme', { acme: ACME });
    expect((records[0]!.Contacts as QueryResult).totalSize).toBe(2);
  });
});
