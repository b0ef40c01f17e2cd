import { isOrgError, type OrgError } from '../../../src/core/org';
import { DEFAULT_API_VERSION } from '../../../src/core/salesforce-api';
import { MockOrg } from '../../../src/mock-org/mock-org';
import { OrgUser } from '../../../src/mock-org/schema/users';
import { ACC, E_ACC, E_NONE, E_OPP, eventsOrg, OPP } from '../polymorphic-fixture';

/** Issue 16: TYPEOF on polymorphic relationships — each record's What carries its own object's branch. */

const NOW = Date.UTC(2026, 10, 3, 12);
let org: MockOrg;
beforeAll(() => {
  org = MockOrg.fromFixturesSync(eventsOrg(), { clock: () => NOW });
});

const byId = (soql: string) => Object.fromEntries(org.querySync(soql).records.map((r) => [r.Id as string, r]));

function errorOf(soql: string): OrgError {
  try {
    org.querySync(soql);
  } catch (err) {
    if (isOrgError(err)) return err;
    throw err;
  }
  throw new Error(`expected ${soql} to fail`);
}

const URL = `/services/data/v${DEFAULT_API_VERSION}/sobjects/`;

describe('TYPEOF answers', () => {
  const soql = 'SELECT Id, TYPEOF What WHEN Account THEN Name, Phone WHEN Opportunity THEN Amount ELSE Name END FROM Event';

  it("an Account's What is an Account record with the Account branch's fields", () => {
    expect(byId(soql)[E_ACC]!.What).toEqual({ attributes: { type: 'Account', url: `${URL}Account/${ACC}` }, Name: 'Acme', Phone: '555-0100' });
  });

  it("an Opportunity's What is an Opportunity record with the Opportunity branch's fields", () => {
    expect(byId(soql)[E_OPP]!.What).toEqual({ attributes: { type: 'Opportunity', url: `${URL}Opportunity/${OPP}` }, Amount: 5000 });
  });

  it('an empty What is null', () => {
    expect(byId(soql)[E_NONE]!.What).toBeNull();
  });

  it('the record keeps SELECT order: Id, then What', () => {
    expect(Object.keys(byId(soql)[E_ACC]!)).toEqual(['attributes', 'Id', 'What']);
  });

  it('ELSE fields (Name fields) serve an object no WHEN names; Type is the object name', () => {
    const records = byId('SELECT Id, TYPEOF What WHEN Account THEN Phone ELSE Name, Type END FROM Event');
    expect(records[E_OPP]!.What).toEqual({ attributes: { type: 'Opportunity', url: `${URL}Opportunity/${OPP}` }, Name: 'Big Deal', Type: 'Opportunity' });
    expect(records[E_ACC]!.What).toMatchObject({ Phone: '555-0100' });
  });

  it('(ipemu) without ELSE, a What no WHEN matches is a record of its object with only attributes', () => {
    const records = byId('SELECT Id, TYPEOF What WHEN Account THEN Phone END FROM Event');
    expect(records[E_OPP]!.What).toEqual({ attributes: { type: 'Opportunity', url: `${URL}Opportunity/${OPP}` } });
  });

  it('a WHEN branch may follow relationships of its object', () => {
    const doc = eventsOrg();
    doc.schema!.Opportunity!.fields.AccountId = { type: 'reference', referenceTo: ['Account'], relationshipName: 'Account' };
    doc.records!.Opportunity![0]!.AccountId = ACC;
    const withParent = MockOrg.fromFixturesSync(doc, { clock: () => NOW });
    const record = withParent.querySync(`SELECT TYPEOF What WHEN Opportunity THEN Account.Name END FROM Event WHERE Id = '${E_OPP}'`).records[0]!;
    expect(record.What).toMatchObject({ attributes: { type: 'Opportunity' }, Account: { attributes: { type: 'Account' }, Name: 'Acme' } });
  });

  it('object names in WHEN are case-insensitive', () => {
    expect(byId('SELECT TYPEOF What WHEN account THEN Name END FROM Event')[E_ACC]).toBeUndefined();
    const records = org.querySync('SELECT Id, TYPEOF What WHEN account THEN Name END FROM Event').records;
    expect(records.find((r) => r.Id === E_ACC)!.What).toMatchObject({ Name: 'Acme' });
  });
});

describe('TYPEOF refusals', () => {
  it('a field the WHEN object lacks is No such column on that object', () => {
    expect(errorOf('SELECT TYPEOF What WHEN Account THEN Amount END FROM Event').message).toMatch(/^No such column 'Amount' on entity 'Account'/);
  });

  it("an ELSE field is one of Name's: Amount is no such column on Name", () => {
    expect(errorOf('SELECT TYPEOF What WHEN Account THEN Name ELSE Amount END FROM Event').message).toMatch(/^No such column 'Amount' on entity 'Name'/);
  });

  it('(ipemu) TYPEOF on a relationship that is not polymorphic is MALFORMED_QUERY', () => {
    const err = errorOf('SELECT TYPEOF Account WHEN Account THEN Name END FROM Event');
    expect(err).toMatchObject({ errorCode: 'MALFORMED_QUERY', message: 'TYPEOF is only valid on a polymorphic relationship field: Account' });
  });

  it('(ipemu) a WHEN object the relationship cannot reference is MALFORMED_QUERY; an unknown one INVALID_TYPE', () => {
    expect(errorOf('SELECT TYPEOF What WHEN Event THEN Subject END FROM Event')).toMatchObject({ errorCode: 'MALFORMED_QUERY' });
    expect(errorOf('SELECT TYPEOF What WHEN Nope__c THEN Name END FROM Event')).toMatchObject({ errorCode: 'INVALID_TYPE' });
  });

  it('an unknown relationship is the usual relationship error', () => {
    expect(errorOf('SELECT TYPEOF Nope WHEN Account THEN Name END FROM Event').message).toMatch(/^Didn't understand relationship 'Nope'/);
  });

  it('(ipemu) the TYPEOF relationship also selected as What.Name is a duplicate field', () => {
    expect(errorOf('SELECT What.Name, TYPEOF What WHEN Account THEN Name END FROM Event')).toMatchObject({
      errorCode: 'INVALID_FIELD',
      message: 'duplicate field selected: What',
    });
    expect(errorOf('SELECT TYPEOF What WHEN Account THEN Name END, What.Name FROM Event')).toMatchObject({ errorCode: 'INVALID_FIELD' });
  });

  it('COUNT() with TYPEOF: COUNT() must be the only element', () => {
    expect(errorOf('SELECT COUNT(), TYPEOF What WHEN Account THEN Name END FROM Event').message).toMatch(/COUNT\(\) must be the only element/);
  });

  it('field-level security: a WHEN field the user cannot see is No such column for them', () => {
    const hidden = new OrgUser('restricted', new Set(), new Set(['Account.Phone']));
    expect(() => org.engine.execute('SELECT TYPEOF What WHEN Account THEN Phone END FROM Event', undefined, hidden, NOW, 0)).toThrow(
      /No such column 'Phone' on entity 'Account'/,
    );
  });
});
