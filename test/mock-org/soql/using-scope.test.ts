import { MockOrg } from '../../../src/mock-org/mock-org';
import { ACC_2, clausesOrg, names, orgErrorOf } from './clauses-fixture';

/** Issue 16: USING SCOPE: Everything and Mine are evaluated, the scopes the mock cannot model refused. */

let admin: MockOrg;
beforeAll(() => {
  admin = MockOrg.fromFixturesSync(clausesOrg());
});

describe('USING SCOPE', () => {
  it("Mine keeps the records whose OwnerId is the running user's Id", () => {
    expect(names(admin.querySync('SELECT Name FROM Account USING SCOPE Mine ORDER BY Name'))).toEqual(['Acme']);
    expect(names(admin.asUser('rep').querySync('SELECT Name FROM Account USING SCOPE Mine ORDER BY Name'))).toEqual(['Globex', 'Initech']);
  });

  it('Mine applies after the WHERE, through an index too, and with LIMIT counted after the scope', () => {
    const rep = admin.asUser('rep');
    expect(names(rep.querySync(`SELECT Name FROM Account USING SCOPE Mine WHERE Id = '${ACC_2}'`))).toEqual(['Globex']);
    expect(admin.querySync(`SELECT Name FROM Account USING SCOPE Mine WHERE Id = '${ACC_2}'`).totalSize).toBe(0);
    expect(names(rep.querySync("SELECT Name FROM Account USING SCOPE Mine WHERE Tier__c = 'Gold' LIMIT 1"))).toEqual(['Initech']);
  });

  it('scope names are case-insensitive, and over the REST API Mine is the token user', () => {
    expect(names(admin.overRestApi().querySync('SELECT Name FROM Account USING SCOPE mine'))).toEqual(['Acme']);
  });

  it('Everything filters nothing', () => {
    expect(admin.querySync('SELECT Name FROM Account USING SCOPE Everything ORDER BY Name')).toEqual(admin.querySync('SELECT Name FROM Account ORDER BY Name'));
  });

  it.each(['Team', 'Delegated', 'MineAndMyGroups', 'My_Territory', 'My_Team_Territory'])(
    '%s (teams, territories, delegates, queues the mock does not model) is refused',
    (scope) => {
      expect(orgErrorOf(() => admin.querySync(`SELECT Name FROM Account USING SCOPE ${scope}`))).toMatchObject({
        errorCode: 'MALFORMED_QUERY',
        message: `The mock org does not support USING SCOPE ${scope}.`,
      });
    },
  );

  it('Mine on an object without OwnerId is refused', () => {
    expect(orgErrorOf(() => admin.querySync('SELECT Id FROM Note__c USING SCOPE Mine')).message).toBe(
      'The mock org does not support USING SCOPE Mine on Note__c, which has no OwnerId.',
    );
  });
});
