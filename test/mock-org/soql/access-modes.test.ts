import { MockOrg } from '../../../src/mock-org/mock-org';
import { ACC_1, clausesOrg, names, orgErrorOf } from './clauses-fixture';

/** Issue 16: WITH SECURITY_ENFORCED / USER_MODE / SYSTEM_MODE, from Apex (in-process) and over the REST API. */

let admin: MockOrg;
let rep: MockOrg;
beforeAll(() => {
  admin = MockOrg.fromFixturesSync(clausesOrg());
  rep = admin.asUser('rep');
});

describe('from Apex (in-process queries)', () => {
  it('WITH USER_MODE enforces the running user\'s field permissions as a plain query does: a hidden field is "No such column"', () => {
    for (const soql of ['SELECT Name, Secret__c FROM Account WITH USER_MODE', "SELECT Name FROM Account WHERE Secret__c = 's1' WITH USER_MODE"]) {
      expect(orgErrorOf(() => rep.querySync(soql))).toMatchObject({
        errorCode: 'INVALID_FIELD',
        message: expect.stringMatching(/^No such column 'Secret__c' on entity 'Account'/),
      });
    }
    expect(names(rep.querySync('SELECT Name FROM Account WITH USER_MODE ORDER BY Name'))).toEqual(['Acme', 'Globex', 'Initech']);
  });

  it('WITH SYSTEM_MODE lifts field and object permissions: hidden fields are read and filtered on, a hidden object is queried', () => {
    const result = rep.querySync('SELECT Name, Secret__c FROM Account WHERE Secret__c != null WITH SYSTEM_MODE ORDER BY Name');
    expect(result.records.map((r) => [r.Name, r.Secret__c])).toEqual([
      ['Acme', 's1'],
      ['Globex', 's2'],
    ]);
    expect(names(admin.asUser('outsider').querySync('SELECT Name FROM Account WITH SYSTEM_MODE ORDER BY Name'))).toEqual(['Acme', 'Globex', 'Initech']);
  });

  it('WITH SECURITY_ENFORCED checks the SELECT list: a hidden field there is "Insufficient permissions: secure query included inaccessible field"', () => {
    expect(orgErrorOf(() => rep.querySync('SELECT Name, Secret__c FROM Account WITH SECURITY_ENFORCED'))).toMatchObject({
      errorCode: 'INSUFFICIENT_ACCESS',
      status: 400,
      message: 'Insufficient permissions: secure query included inaccessible field',
    });
  });

  it('WITH SECURITY_ENFORCED checks the FROM object too', () => {
    expect(orgErrorOf(() => admin.asUser('outsider').querySync('SELECT Name FROM Account WITH SECURITY_ENFORCED')).message).toBe(
      'Insufficient permissions: secure query included inaccessible field',
    );
  });

  it('WITH SECURITY_ENFORCED does not check WHERE or ORDER BY (documented): hidden fields there filter and sort', () => {
    const result = rep.querySync("SELECT Name FROM Account WHERE Secret__c = 's2' WITH SECURITY_ENFORCED ORDER BY Phone");
    expect(names(result)).toEqual(['Globex']);
  });

  it('a user who sees everything gets the same answer under every mode', () => {
    for (const mode of ['SECURITY_ENFORCED', 'USER_MODE', 'SYSTEM_MODE']) {
      expect(admin.querySync(`SELECT Id, Secret__c FROM Account WHERE Id = '${ACC_1}' WITH ${mode}`).records).toEqual([
        expect.objectContaining({ Id: ACC_1, Secret__c: 's1' }),
      ]);
    }
  });

  it('two access modes in one query are MALFORMED_QUERY unexpected token at the second WITH', () => {
    expect(orgErrorOf(() => rep.querySync('SELECT Name FROM Account WITH USER_MODE WITH SECURITY_ENFORCED'))).toMatchObject({
      errorCode: 'MALFORMED_QUERY',
      message:
        "\nSELECT Name FROM Account WITH USER_MODE WITH SECURITY_ENFORCED\n                                        ^\nERROR at Row:1:Column:41\nunexpected token: 'WITH'",
    });
  });
});

describe('over the REST API (overRestApi views)', () => {
  it.each(['SECURITY_ENFORCED', 'USER_MODE', 'SYSTEM_MODE'])(
    'WITH %s is refused as Salesforce refuses an access mode outside Apex (MALFORMED_QUERY, at the WITH)',
    (mode) => {
      const err = orgErrorOf(() => admin.overRestApi().querySync(`SELECT Name FROM Account WITH ${mode}`));
      expect(err).toMatchObject({ errorCode: 'MALFORMED_QUERY', status: 400 });
      expect(err.message).toBe(
        `\nSELECT Name FROM Account WITH ${mode}\n                         ^\nERROR at Row:1:Column:26\nrule soqlWithIdentifierClause failed predicate: {this.helper.allowApexSyntax() && this.helper.hasApexContext()}?`,
      );
    },
  );

  it('the refusal holds in every view of the API (another version, another user), and Apex views keep taking the clause', () => {
    const api = admin.overRestApi();
    for (const view of [api.atApiVersion('58.0'), api.asUser('rep')]) {
      expect(orgErrorOf(() => view.querySync('SELECT Name FROM Account WITH USER_MODE')).errorCode).toBe('MALFORMED_QUERY');
    }
    expect(admin.atApiVersion('58.0').querySync('SELECT Name FROM Account WITH USER_MODE').totalSize).toBe(3);
  });
});
