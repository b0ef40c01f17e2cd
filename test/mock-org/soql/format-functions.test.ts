import { isOrgError, type OrgError } from '../../../src/core/org';
import type { FixtureDocument } from '../../../src/mock-org/fixtures/types';
import { MockOrg } from '../../../src/mock-org/mock-org';
import { mockUserId } from '../../../src/mock-org/schema/users';

/** Issue 16: toLabel(), FORMAT() and convertCurrency() in SELECT. */

const NOW = Date.UTC(2026, 10, 3, 12);
const DEAL = 'a035w0000000001AAA';
const OTHER = 'a035w0000000002AAA';

function deals(): FixtureDocument {
  return {
    users: { 'ann@example.com': { default: true }, 'bert@example.com': {}, 'chie@example.com': {}, 'dora@example.com': { hiddenFields: ['Deal__c.Name'] } },
    schema: {
      Account: { keyPrefix: '001', fields: { Name: { type: 'string' }, Rating: { type: 'picklist', picklistValues: ['Hot', 'Cold'] } } },
      Deal__c: {
        keyPrefix: 'a03',
        fields: {
          Name: { type: 'string', length: 80 },
          Stage__c: { type: 'picklist', picklistValues: ['Open', 'Won'], picklistLabels: { Won: 'Closed Won' } },
          Plain__c: { type: 'picklist' },
          Tags__c: { type: 'multipicklist', picklistValues: ['a', 'b'], picklistLabels: { a: 'Alpha', b: 'Beta' } },
          Amount__c: { type: 'currency' },
          Units__c: { type: 'int' },
          Ratio__c: { type: 'double' },
          Share__c: { type: 'percent' },
          Close__c: { type: 'date' },
          Seen__c: { type: 'datetime' },
          Flag__c: { type: 'boolean' },
          AccountId__c: { type: 'reference', referenceTo: ['Account'], relationshipName: 'Account__r', childRelationshipName: 'Deals__r' },
        },
      },
    },
    records: {
      User: [
        { Id: mockUserId(1), LocaleSidKey: 'de_DE', TimeZoneSidKey: 'Europe/Berlin' },
        { Id: mockUserId(2), LocaleSidKey: 'en_US', TimeZoneSidKey: 'America/Los_Angeles' },
        { Id: mockUserId(3), LocaleSidKey: 'de_DE' },
      ],
      Account: [{ Id: '0015w0000000001AAA', Name: 'Acme', Rating: 'Hot' }],
      Deal__c: [
        {
          Id: DEAL,
          Name: 'd1',
          Stage__c: 'Won',
          Plain__c: 'Mine',
          Tags__c: 'a;b',
          Amount__c: 44000,
          Units__c: 1234567,
          Ratio__c: 1234.5678,
          Share__c: 12.5,
          Close__c: '2025-04-10',
          Seen__c: '2025-04-10T22:31:37.000+0000',
          AccountId__c: '0015w0000000001AAA',
        },
        { Id: OTHER, Name: 'd2', Stage__c: 'Open' },
      ],
    },
  };
}

let org: MockOrg;
beforeAll(() => {
  org = MockOrg.fromFixturesSync(deals(), { clock: () => NOW });
});

const first = (soql: string, as: MockOrg = org) => as.querySync(`${soql} WHERE Id = '${DEAL}'`).records[0]!;

function errorOf(soql: string): OrgError {
  try {
    org.querySync(soql);
  } catch (err) {
    if (isOrgError(err)) return err;
    throw err;
  }
  throw new Error(`expected ${soql} to fail`);
}

describe('toLabel()', () => {
  it("answers the value's label under the field's name", () => {
    expect(first('SELECT toLabel(Stage__c) FROM Deal__c')).toMatchObject({ Stage__c: 'Closed Won' });
  });

  it('a value without a label of its own is its own label (the mock org has no translations)', () => {
    expect(org.querySync(`SELECT toLabel(Stage__c) FROM Deal__c WHERE Id = '${OTHER}'`).records[0]).toMatchObject({ Stage__c: 'Open' });
    expect(first('SELECT toLabel(Plain__c) FROM Deal__c')).toMatchObject({ Plain__c: 'Mine' });
  });

  it('a multi-select picklist gets each value labelled, still joined by semicolons', () => {
    expect(first('SELECT toLabel(Tags__c) FROM Deal__c')).toMatchObject({ Tags__c: 'Alpha;Beta' });
  });

  it('with an alias the key is the alias, so the field may be selected beside it', () => {
    const record = first('SELECT Stage__c, toLabel(Stage__c) stageLabel FROM Deal__c');
    expect(Object.keys(record)).toEqual(['attributes', 'Stage__c', 'stageLabel']);
    expect(record).toMatchObject({ Stage__c: 'Won', stageLabel: 'Closed Won' });
  });

  it('the same field twice without an alias is a duplicate field', () => {
    expect(errorOf('SELECT Stage__c, toLabel(Stage__c) FROM Deal__c')).toMatchObject({
      errorCode: 'INVALID_FIELD',
      message: 'duplicate field selected: Stage__c',
    });
  });

  it('through a relationship without an alias, the label nests under the relationship like the field', () => {
    expect(first('SELECT toLabel(Account__r.Rating) FROM Deal__c').Account__r).toMatchObject({ attributes: { type: 'Account' }, Rating: 'Hot' });
    expect(first('SELECT toLabel(Account__r.Rating) r FROM Deal__c')).toMatchObject({ r: 'Hot' });
  });

  it('(ipemu) toLabel() of a field that is no picklist is refused as unsupported', () => {
    expect(errorOf('SELECT toLabel(Name) FROM Deal__c').message).toBe('The mock org does not support toLabel() on a string field.');
  });

  it('describe gives the labels', () => {
    const stage = org.describeSync('Deal__c').fields.find((f) => f.name === 'Stage__c')!;
    expect(stage.picklistValues.map((p) => [p.value, p.label])).toEqual([
      ['Open', 'Open'],
      ['Won', 'Closed Won'],
    ]);
  });
});

describe('FORMAT()', () => {
  it('en_US (the default user): currency, int, double, percent, date and datetime', () => {
    const record = first('SELECT FORMAT(Amount__c), FORMAT(Units__c), FORMAT(Ratio__c), FORMAT(Share__c), FORMAT(Close__c), FORMAT(Seen__c) FROM Deal__c');
    expect(record).toMatchObject({
      Amount__c: '$44,000.00',
      Units__c: '1,234,567',
      Ratio__c: '1,234.568',
      Share__c: '12.5%',
      Close__c: '4/10/2025',
      Seen__c: '4/10/2025, 10:31 PM',
    });
  });

  it("a datetime is written in the user's time zone (TimeZoneSidKey)", () => {
    expect(first('SELECT FORMAT(Seen__c) FROM Deal__c', org.asUser('chie@example.com'))).toMatchObject({ Seen__c: '4/10/2025, 3:31 PM' });
  });

  it("(ipemu) the user's locale (LocaleSidKey de_DE) decides separators and order, as Intl writes them", () => {
    const record = first('SELECT FORMAT(Amount__c), FORMAT(Close__c), FORMAT(Seen__c) FROM Deal__c', org.asUser('bert@example.com'));
    expect(record).toMatchObject({ Amount__c: '44.000,00 $', Close__c: '10.4.2025', Seen__c: '11.4.2025, 0:31' });
  });

  it('two users of one query text each get their own locale (the plan is shared, the projector is per locale)', () => {
    const soql = 'SELECT FORMAT(Amount__c) FROM Deal__c';
    expect(first(soql).Amount__c).toBe('$44,000.00');
    expect(first(soql, org.asUser('bert@example.com')).Amount__c).toBe('44.000,00 $');
    expect(first(soql).Amount__c).toBe('$44,000.00');
  });

  it('an empty value stays null; an alias names the key', () => {
    const record = org.querySync(`SELECT FORMAT(Amount__c) amt FROM Deal__c WHERE Id = '${OTHER}'`).records[0]!;
    expect(record).toEqual({ attributes: expect.anything(), amt: null });
  });

  it('(ipemu) FORMAT() of a text or boolean field is refused as unsupported', () => {
    expect(errorOf('SELECT FORMAT(Name) FROM Deal__c').message).toBe('The mock org does not support FORMAT() on a string field.');
    expect(errorOf('SELECT FORMAT(Flag__c) FROM Deal__c').message).toBe('The mock org does not support FORMAT() on a boolean field.');
  });
});

describe('convertCurrency()', () => {
  it('(ipemu) is refused: Salesforce documents it for multi-currency orgs and the mock org has one currency', () => {
    for (const soql of ['SELECT convertCurrency(Amount__c) FROM Deal__c', 'SELECT FORMAT(convertCurrency(Amount__c)) c FROM Deal__c']) {
      expect(errorOf(soql)).toMatchObject({
        errorCode: 'MALFORMED_QUERY',
        message: 'The mock org does not support convertCurrency() (the mock org is a single-currency org).',
      });
    }
  });
});

describe('toLabel() in WHERE', () => {
  const names = (soql: string) => org.querySync(soql).records.map((r) => String(r.Name));

  it('compares with the label: Closed Won finds the Won record', () => {
    expect(names("SELECT Name FROM Deal__c WHERE toLabel(Stage__c) = 'closed won'")).toEqual(['d1']);
    expect(names("SELECT Name FROM Deal__c WHERE toLabel(Stage__c) != 'Closed Won'")).toEqual(['d2']);
    expect(names("SELECT Name FROM Deal__c WHERE toLabel(Stage__c) IN ('Closed Won', 'Open')")).toEqual(['d1', 'd2']);
  });

  it('a text that is no label compares with the values (the master values)', () => {
    expect(names("SELECT Name FROM Deal__c WHERE toLabel(Stage__c) = 'Open'")).toEqual(['d2']);
  });

  it('a picklist without labels compares as the field itself, LIKE included', () => {
    expect(names("SELECT Name FROM Deal__c WHERE toLabel(Plain__c) LIKE 'mi%'")).toEqual(['d1']);
  });

  it('(ipemu) LIKE on a picklist with labels, and toLabel() of a text field, are refused', () => {
    expect(errorOf("SELECT Name FROM Deal__c WHERE toLabel(Stage__c) LIKE 'Closed%'").message).toMatch(/^The mock org does not support toLabel\(\) in WHERE/);
    expect(errorOf("SELECT Name FROM Deal__c WHERE toLabel(Name) = 'x'").message).toBe('The mock org does not support toLabel() on a string field.');
  });
});

describe('with child subqueries', () => {
  it('toLabel() in a subquery labels each child record', () => {
    const account = org.querySync('SELECT Name, (SELECT toLabel(Stage__c) FROM Deals__r) FROM Account').records[0]!;
    expect((account.Deals__r as { records: unknown[] }).records).toEqual([expect.objectContaining({ Stage__c: 'Closed Won' })]);
  });

  it('(ipemu) FORMAT() in a subquery, or beside one, is refused', () => {
    expect(errorOf('SELECT Name, (SELECT FORMAT(Amount__c) FROM Deals__r) FROM Account').message).toBe('The mock org does not support FORMAT() in a subquery.');
    expect(errorOf('SELECT FORMAT(CreatedDate), (SELECT Name FROM Deals__r) FROM Account').message).toBe(
      'The mock org does not support FORMAT() in a query with child subqueries.',
    );
  });
});

describe('with FIELDS()', () => {
  it("a user's FIELDS() view keeps FORMAT() in their locale and drops the fields they cannot see", () => {
    const record = first('SELECT FIELDS(STANDARD), FORMAT(Amount__c) amt FROM Deal__c', org.asUser('dora@example.com'));
    expect(record).toMatchObject({ Id: DEAL, amt: '44.000,00 $' });
    expect(record).not.toHaveProperty('Name');
  });
});
