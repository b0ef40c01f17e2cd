import { MockOrg } from '../../../src/mock-org/mock-org';
import { clausesOrg, names, orgErrorOf } from './clauses-fixture';

/** Issue 16: FOR VIEW, FOR REFERENCE, FOR UPDATE. */

let org: MockOrg;
beforeAll(() => {
  org = MockOrg.fromFixturesSync(clausesOrg());
});

describe('FOR VIEW / FOR REFERENCE', () => {
  it.each(['VIEW', 'REFERENCE'])('FOR %s answers as the query without it, in Apex and over the REST API', (clause) => {
    const plain = org.querySync("SELECT Name FROM Account WHERE Tier__c = 'Gold' ORDER BY Name");
    for (const view of [org, org.overRestApi()]) {
      const result = view.querySync(`SELECT Name FROM Account WHERE Tier__c = 'Gold' ORDER BY Name FOR ${clause}`);
      expect(result).toEqual(plain);
    }
    expect(names(plain)).toEqual(['Acme', 'Initech']);
  });

  it('an object that declares the LastViewedDate / LastReferencedDate the clause stamps is refused, not answered without the stamp', () => {
    const doc = clausesOrg();
    doc.schema!.Note__c!.fields.LastViewedDate = { type: 'datetime' };
    doc.schema!.Note__c!.fields.LastReferencedDate = { type: 'datetime' };
    const stamped = MockOrg.fromFixturesSync(doc);
    expect(orgErrorOf(() => stamped.querySync('SELECT Id FROM Note__c FOR VIEW'))).toMatchObject({
      errorCode: 'MALFORMED_QUERY',
      message: 'The mock org does not support FOR VIEW on Note__c, whose LastViewedDate a query would have to update.',
    });
    expect(orgErrorOf(() => stamped.querySync('SELECT Id FROM Note__c FOR REFERENCE')).message).toContain('whose LastReferencedDate');
    expect(stamped.querySync('SELECT Name FROM Account FOR VIEW').totalSize).toBe(3);
  });
});

describe('FOR UPDATE', () => {
  it('from Apex it answers as the query without it (the mock runs one transaction at a time: the lock has no one to hold off)', () => {
    expect(org.querySync("SELECT Name FROM Account WHERE Tier__c = 'Gold' FOR UPDATE")).toEqual(
      org.querySync("SELECT Name FROM Account WHERE Tier__c = 'Gold'"),
    );
  });

  it('over the REST API it is refused as unsupported (Salesforce documents it for Apex)', () => {
    expect(orgErrorOf(() => org.overRestApi().querySync('SELECT Name FROM Account FOR UPDATE'))).toMatchObject({
      errorCode: 'MALFORMED_QUERY',
      message: 'The mock org does not support FOR UPDATE over the REST API (Salesforce locks rows only for Apex).',
    });
  });

  it('with ORDER BY it is refused (Salesforce refuses ORDER BY in a locking query)', () => {
    expect(orgErrorOf(() => org.querySync('SELECT Name FROM Account ORDER BY Name FOR UPDATE')).message).toMatch(
      /^The mock org does not support FOR UPDATE with ORDER BY/,
    );
  });
});
