import { MockOrg } from '../../../src/mock-org/mock-org';
import { OrgError, type QueryResult } from '../../../src/core/org';
import { accountsOrg } from '../subquery-fixture';

/**
 * The fixture: Acme (contacts Ann from the Web, Bob by Phone; a Closed Won deal), Globex (Cid from
 * the Web; a deal in Prospecting), Initech (nothing); Dee from the Web has no account.
 */
let org: MockOrg;
beforeEach(async () => {
  org = await MockOrg.fromFixtures(accountsOrg());
});

const names = async (soql: string, binds?: Record<string, string>, field = 'Name') => (await org.query(soql, binds)).records.map((r) => r[field] as string);

async function errorOf(soql: string, target: MockOrg = org): Promise<OrgError> {
  const err: unknown = await target.query(soql).then(
    () => undefined,
    (e: unknown) => e,
  );
  if (!(err instanceof OrgError)) throw new Error(`expected an OrgError from ${soql}`);
  return err;
}

describe('semi-joins (IN) and anti-joins (NOT IN)', () => {
  test('Id IN (SELECT <reference> FROM <child>): the parents that have such children', async () => {
    expect(await names("SELECT Name FROM Account WHERE Id IN (SELECT AccountId FROM Contact WHERE LeadSource = 'Phone')")).toEqual(['Acme']);
    expect(await names('SELECT Name FROM Account WHERE Id IN (SELECT AccountId FROM Contact) ORDER BY Name')).toEqual(['Acme', 'Globex']);
  });

  test('Id NOT IN: the parents without such children', async () => {
    expect(await names("SELECT Name FROM Account WHERE Id NOT IN (SELECT AccountId FROM Contact WHERE LeadSource = 'Web')")).toEqual(['Initech']);
    expect(await names('SELECT Name FROM Account WHERE Id NOT IN (SELECT AccountId FROM Opportunity) ORDER BY Name')).toEqual(['Initech']);
  });

  test('a reference field on the left: child to child, and child to parent', async () => {
    expect(
      await names(
        "SELECT LastName FROM Contact WHERE AccountId IN (SELECT AccountId FROM Opportunity WHERE StageName = 'Closed Won') ORDER BY LastName",
        undefined,
        'LastName',
      ),
    ).toEqual(['Ann', 'Bob']);
    expect(await names("SELECT Name FROM Opportunity WHERE AccountId IN (SELECT Id FROM Account WHERE Industry = 'Banking')")).toEqual(['Globex deal']);
  });

  test('(ipemu) an empty reference is NOT IN any set, as SOQL != matches null', async () => {
    expect(
      await names(
        "SELECT LastName FROM Contact WHERE AccountId NOT IN (SELECT AccountId FROM Opportunity WHERE StageName = 'Closed Won') ORDER BY LastName",
        undefined,
        'LastName',
      ),
    ).toEqual(['Cid', 'Dee']);
  });

  test('the inner query reads the binds of each execution', async () => {
    const soql = 'SELECT Name FROM Account WHERE Id IN (SELECT AccountId FROM Contact WHERE LastName = :who)';
    expect(await names(soql, { who: 'Cid' })).toEqual(['Globex']);
    expect(await names(soql, { who: 'Bob' })).toEqual(['Acme']);
    expect(await errorOf(soql)).toMatchObject({ errorCode: 'MALFORMED_QUERY', message: 'Variable does not exist: who' });
  });

  test('two joins AND-ed, with other conditions (an OR in parentheses beside them is fine)', async () => {
    expect(
      await names(
        "SELECT Name FROM Account WHERE Id IN (SELECT AccountId FROM Contact WHERE LeadSource = 'Web') AND Id NOT IN (SELECT AccountId FROM Opportunity WHERE StageName = 'Closed Won')",
      ),
    ).toEqual(['Globex']);
    expect(await names("SELECT Name FROM Account WHERE (Name = 'Acme' OR Name = 'Initech') AND Id IN (SELECT AccountId FROM Contact)")).toEqual(['Acme']);
  });

  test('with a child subquery in SELECT', async () => {
    const { records } = await org.query(
      'SELECT Name, (SELECT LastName FROM Contacts ORDER BY LastName) FROM Account WHERE Id IN (SELECT AccountId FROM Opportunity) ORDER BY Name',
    );
    expect(records.map((r) => [r.Name, (r.Contacts as QueryResult).records.map((c) => c.LastName)])).toEqual([
      ['Acme', ['Ann', 'Bob']],
      ['Globex', ['Cid']],
    ]);
  });
});

describe("Salesforce's semi-join and anti-join restrictions", () => {
  test.each([
    ["SELECT Name FROM Account WHERE Name = 'Acme' OR Id IN (SELECT AccountId FROM Contact)", "Semi join sub-selects are not allowed with the 'OR' operator"],
    [
      "SELECT Name FROM Account WHERE Name != null AND (Name = 'Acme' OR Id IN (SELECT AccountId FROM Contact))",
      "Semi join sub-selects are not allowed with the 'OR' operator",
    ],
    [
      'SELECT Name FROM Account WHERE Name != null AND (NOT Id IN (SELECT AccountId FROM Contact))',
      'Semi join sub-selects are only allowed at the top level WHERE expressions and not in nested WHERE expressions.',
    ],
    [
      'SELECT Name FROM Account WHERE Id IN (SELECT AccountId FROM Contact) AND Id IN (SELECT AccountId FROM Opportunity) AND Id NOT IN (SELECT AccountId FROM Contact)',
      'Maximum 2 semi join sub-selects are allowed',
    ],
    [
      'SELECT Name FROM Account WHERE Id IN (SELECT AccountId FROM Contact WHERE Id IN (SELECT ContactId FROM Opportunity))',
      'Nesting of semi join sub-selects is not supported',
    ],
    ['SELECT Name FROM Account WHERE Id IN (SELECT Id FROM Account)', 'The inner and outer selects should not be on the same object type'],
    [
      'SELECT Name FROM Account WHERE Id IN (SELECT Id FROM Contact)',
      "The selected field 'Id' in the subquery and the left operand field in the where expression in the outer query 'Id' should point to the same object type",
    ],
    [
      'SELECT Name FROM Account WHERE Id IN (SELECT LastName FROM Contact)',
      "The selected field 'LastName' in the subquery and the left operand field in the where expression in the outer query 'Id' should point to the same object type",
    ],
    ['SELECT Name FROM Account WHERE Id IN (SELECT Account.Id FROM Contact)', 'inner select field cannot have more than one level of relationships'],
    ['SELECT LastName FROM Contact WHERE Id IN (SELECT WhoId FROM Task)', "Entity 'Task' is not supported for semi join inner selects"],
    ['SELECT Name FROM Account WHERE Id IN (SELECT AccountId FROM Contact ORDER BY LastName)', 'Semi join sub-selects do not support ORDER BY'],
    ['SELECT Name FROM Account WHERE Id IN (SELECT AccountId FROM Contact LIMIT 1)', 'Semi join sub-selects do not support LIMIT'],
    ['SELECT Name FROM Account WHERE Id IN (SELECT AccountId, LastName FROM Contact)', 'Semi join sub-selects must select exactly one field'],
    ['SELECT Name FROM Account WHERE Id IN (SELECT COUNT() FROM Contact)', 'Semi join sub-selects do not support COUNT or other functions'],
    ['SELECT Name FROM Account WHERE Id = (SELECT AccountId FROM Contact)', 'Semi join sub-selects need IN or NOT IN'],
  ])('%s → MALFORMED_QUERY %s', async (soql, message) => {
    expect(await errorOf(soql)).toMatchObject({ errorCode: 'MALFORMED_QUERY', status: 400, message });
  });

  test.each([
    ['SELECT LastName FROM Contact WHERE Account.Id IN (SELECT AccountId FROM Opportunity)', 'Account.Id'],
    ['SELECT Name FROM Account WHERE Name IN (SELECT AccountId FROM Contact)', 'Name'],
  ])('(ipemu) a left operand other than an own Id or reference field is refused: %s', async (soql, field) => {
    const err = await errorOf(soql);
    expect(err).toMatchObject({ errorCode: 'MALFORMED_QUERY' });
    expect(err.message).toBe(
      `The left operand '${field}' of a semi join sub-select must be an Id or a reference field of the queried object, without relationships`,
    );
  });

  test('an unknown inner object is INVALID_TYPE, an unknown inner field INVALID_FIELD', async () => {
    expect(await errorOf('SELECT Name FROM Account WHERE Id IN (SELECT AccountId FROM Contct)')).toMatchObject({ errorCode: 'INVALID_TYPE' });
    const err = await errorOf("SELECT Name FROM Account WHERE Id IN (SELECT AccountId FROM Contact WHERE Nickname = 'x')");
    expect(err.errorCode).toBe('INVALID_FIELD');
    expect(err.message).toMatch(/^No such column 'Nickname' on entity 'Contact'/);
  });
});

describe("the running user's field-level security applies to the inner query", () => {
  test('a hidden inner object is INVALID_TYPE; a hidden inner field, selected or filtered on, is INVALID_FIELD', async () => {
    const hiddenObject = await errorOf('SELECT Name FROM Account WHERE Id IN (SELECT AccountId FROM Contact)', org.asUser('noContacts'));
    expect(hiddenObject.errorCode).toBe('INVALID_TYPE');
    expect(hiddenObject.message).toMatch(/^sObject type 'Contact' is not supported/);
    const hiddenSelected = await errorOf('SELECT Name FROM Account WHERE Id IN (SELECT AccountId FROM Contact)', org.asUser('noAccountLink'));
    expect(hiddenSelected.message).toMatch(/^No such column 'AccountId' on entity 'Contact'/);
    const hiddenFilter = await errorOf('SELECT Name FROM Account WHERE Id IN (SELECT AccountId FROM Contact WHERE Email != null)', org.asUser('noEmail'));
    expect(hiddenFilter.message).toMatch(/^No such column 'Email' on entity 'Contact'/);
    expect((await org.asUser('noEmail').query('SELECT Name FROM Account WHERE Id IN (SELECT AccountId FROM Contact)')).totalSize).toBe(2);
  });
});
