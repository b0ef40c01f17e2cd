import { MockOrg } from '../../../src/mock-org/mock-org';
import { ACC_1, clausesOrg, orgErrorOf } from './clauses-fixture';

/** Issue 16: FIELDS(ALL | STANDARD | CUSTOM): the documented rules, over the REST API and from Apex. */

const STANDARD = ['Id', 'IsDeleted', 'CreatedDate', 'CreatedById', 'LastModifiedDate', 'LastModifiedById', 'SystemModstamp', 'Name', 'Phone', 'OwnerId'];
const CUSTOM = ['Tier__c', 'Secret__c'];

let apex: MockOrg;
let api: MockOrg;
beforeAll(() => {
  apex = MockOrg.fromFixturesSync(clausesOrg());
  api = apex.overRestApi();
});

const keysOf = (record: Record<string, unknown> | undefined): string[] => Object.keys(record ?? {}).filter((k) => k !== 'attributes');
const one = (org: MockOrg, soql: string) => org.querySync(soql).records[0];

describe('which fields, in which order', () => {
  it("FIELDS(STANDARD): the fields whose name does not end in __c, in the object's declaration order (Id first)", () => {
    expect(keysOf(one(api, `SELECT FIELDS(STANDARD) FROM Account WHERE Id = '${ACC_1}'`))).toEqual(STANDARD);
  });

  it('FIELDS(CUSTOM): the __c fields; FIELDS(ALL): standard then custom, as declared', () => {
    expect(keysOf(one(api, 'SELECT FIELDS(CUSTOM) FROM Account ORDER BY Name LIMIT 1'))).toEqual(CUSTOM);
    expect(keysOf(one(api, 'SELECT FIELDS(ALL) FROM Account ORDER BY Name LIMIT 200'))).toEqual([...STANDARD, ...CUSTOM]);
  });

  it("FIELDS() mixes with other fields, each in its place in the SELECT list, and the values are the records' own", () => {
    const record = one(api, `SELECT Tier__c, FIELDS(STANDARD) FROM Account WHERE Id = '${ACC_1}'`);
    expect(keysOf(record)).toEqual(['Tier__c', ...STANDARD]);
    expect(record).toMatchObject({ Tier__c: 'Gold', Name: 'Acme', Phone: '555-0100', Id: ACC_1 });
  });

  it('only the fields the user can see: hidden ones are left out, not refused', () => {
    const rep = api.asUser('rep');
    expect(keysOf(one(rep, 'SELECT FIELDS(ALL) FROM Account LIMIT 1'))).toEqual([...STANDARD.filter((f) => f !== 'Phone'), 'Tier__c']);
    // The admin's view of the same text is untouched by the rep's.
    expect(keysOf(one(api, 'SELECT FIELDS(ALL) FROM Account LIMIT 1'))).toEqual([...STANDARD, ...CUSTOM]);
  });

  it('a field FIELDS() also selects is "duplicate field selected" (documented for SELECT Id, FIELDS(ALL))', () => {
    expect(orgErrorOf(() => api.querySync('SELECT Id, FIELDS(ALL) FROM Account LIMIT 200'))).toMatchObject({
      errorCode: 'INVALID_FIELD',
      message: 'duplicate field selected: Id',
    });
    expect(orgErrorOf(() => api.querySync('SELECT FIELDS(STANDARD), FIELDS(ALL) FROM Account LIMIT 200')).message).toBe('duplicate field selected: Id');
  });

  it('a group other than ALL, STANDARD or CUSTOM is a syntax error at the group', () => {
    expect(orgErrorOf(() => api.querySync('SELECT FIELDS(SOME) FROM Account'))).toMatchObject({
      errorCode: 'MALFORMED_QUERY',
      message: expect.stringMatching(/ERROR at Row:1:Column:15\nunexpected token: 'SOME'$/),
    });
  });
});

describe('the LIMIT rule and Apex', () => {
  it.each(['ALL', 'CUSTOM'])('FIELDS(%s) without a LIMIT, or with one over 200, is MALFORMED_QUERY', (group) => {
    for (const tail of ['', ' LIMIT 201']) {
      expect(orgErrorOf(() => api.querySync(`SELECT FIELDS(${group}) FROM Account${tail}`))).toMatchObject({
        errorCode: 'MALFORMED_QUERY',
        message: 'The SOQL FIELDS function must have a LIMIT of at most 200',
      });
    }
  });

  it('FIELDS(STANDARD) needs no LIMIT', () => {
    expect(api.querySync('SELECT FIELDS(STANDARD) FROM Account').totalSize).toBe(3);
  });

  it('from Apex FIELDS(ALL) and FIELDS(CUSTOM) are refused whatever the LIMIT; FIELDS(STANDARD) answers', () => {
    for (const group of ['ALL', 'CUSTOM']) {
      expect(orgErrorOf(() => apex.querySync(`SELECT FIELDS(${group}) FROM Account LIMIT 10`)).message).toBe(
        'The SOQL FIELDS function is not supported with an unbounded set of fields in this API.',
      );
    }
    expect(keysOf(one(apex, 'SELECT FIELDS(STANDARD) FROM Account LIMIT 1'))).toEqual(STANDARD);
  });

  it('a bound LIMIT over 200 with FIELDS(ALL) is refused when it runs', () => {
    expect(orgErrorOf(() => api.querySync('SELECT FIELDS(ALL) FROM Account LIMIT :n', { n: 500 })).message).toBe(
      'The SOQL FIELDS function must have a LIMIT of at most 200',
    );
    expect(api.querySync('SELECT FIELDS(ALL) FROM Account LIMIT :n', { n: 2 }).records).toHaveLength(2);
  });

  it('WITH SYSTEM_MODE shows every field, hidden ones included', () => {
    expect(keysOf(one(apex.asUser('rep'), 'SELECT FIELDS(STANDARD) FROM Account WITH SYSTEM_MODE LIMIT 1'))).toEqual(STANDARD);
  });
});
