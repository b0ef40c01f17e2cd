import type { FixtureDocument } from '../../../src/mock-org/fixtures/types';
import { MockOrg } from '../../../src/mock-org/mock-org';
import { isOrgError } from '../../../src/core/org';

/** Issue 16: multi-select picklists (`a;b;c`), INCLUDES/EXCLUDES and `=` on them. */

const NOW = Date.UTC(2026, 10, 3, 12);

function surveys(): FixtureDocument {
  return {
    schema: {
      Survey__c: {
        keyPrefix: 'a02',
        fields: {
          Name: { type: 'string', length: 80 },
          Tags__c: { type: 'multipicklist', label: 'Tags', picklistValues: ['AAA', 'BBB', 'CCC', 'DDD', 'EEE'] },
          Free__c: { type: 'multipicklist', label: 'Free' },
          Stage__c: { type: 'picklist', label: 'Stage' },
        },
      },
    },
    records: {
      Survey__c: [
        { Id: 'a025w0000000001AAA', Name: 's1', Tags__c: 'AAA;BBB' },
        { Id: 'a025w0000000002AAA', Name: 's2', Tags__c: 'AAA;BBB;DDD' },
        { Id: 'a025w0000000003AAA', Name: 's3', Tags__c: 'CCC' },
        { Id: 'a025w0000000004AAA', Name: 's4', Tags__c: 'CCC;EEE' },
        { Id: 'a025w0000000005AAA', Name: 's5', Tags__c: 'AAA;CCC' },
        { Id: 'a025w0000000006AAA', Name: 's6', Tags__c: null },
        { Id: 'a025w0000000007AAA', Name: 's7', Tags__c: 'AAA' },
      ],
    },
  };
}

let org: MockOrg;
beforeEach(() => {
  org = MockOrg.fromFixturesSync(surveys(), { clock: () => NOW });
});

const names = (soql: string, binds?: Record<string, string | string[]>) => org.querySync(soql, binds).records.map((r) => String(r.Name));

function errorOf(run: () => unknown): { errorCode: string; message: string } {
  try {
    run();
  } catch (err) {
    if (isOrgError(err)) return { errorCode: err.errorCode, message: err.message };
    throw err;
  }
  throw new Error('expected an OrgError');
}

describe('INCLUDES and EXCLUDES', () => {
  it("INCLUDES ('AAA;BBB','CCC') matches AAA-and-BBB or CCC: Salesforce's documented example", () => {
    expect(names("SELECT Name FROM Survey__c WHERE Tags__c INCLUDES ('AAA;BBB','CCC')")).toEqual(['s1', 's2', 's3', 's4', 's5']);
  });

  it('INCLUDES with one value matches every selection holding it; a missing field matches nothing', () => {
    expect(names("SELECT Name FROM Survey__c WHERE Tags__c INCLUDES ('AAA')")).toEqual(['s1', 's2', 's5', 's7']);
  });

  it('EXCLUDES is the negation: selections without the value(s), and an empty field', () => {
    expect(names("SELECT Name FROM Survey__c WHERE Tags__c EXCLUDES ('AAA')")).toEqual(['s3', 's4', 's6']);
    expect(names("SELECT Name FROM Survey__c WHERE Tags__c EXCLUDES ('AAA;BBB')")).toEqual(['s3', 's4', 's5', 's6', 's7']);
  });

  it('values compare case-insensitively and blanks around a value are ignored', () => {
    expect(names("SELECT Name FROM Survey__c WHERE Tags__c INCLUDES (' bbb ; aaa ')")).toEqual(['s1', 's2']);
  });

  it('a bind holds one operand (a string) or several (a list)', () => {
    expect(names('SELECT Name FROM Survey__c WHERE Tags__c INCLUDES :tags', { tags: 'AAA;DDD' })).toEqual(['s2']);
    expect(names('SELECT Name FROM Survey__c WHERE Tags__c INCLUDES :tags', { tags: ['DDD', 'EEE'] })).toEqual(['s2', 's4']);
  });

  it('combines with AND / OR like any condition', () => {
    expect(names("SELECT Name FROM Survey__c WHERE Tags__c INCLUDES ('AAA') AND Tags__c EXCLUDES ('BBB')")).toEqual(['s5', 's7']);
  });
});

describe('= and != on a multi-select picklist', () => {
  it("= 'AAA;BBB' is an exact match of the selection, in any order", () => {
    expect(names("SELECT Name FROM Survey__c WHERE Tags__c = 'AAA;BBB'")).toEqual(['s1']);
    expect(names("SELECT Name FROM Survey__c WHERE Tags__c = 'BBB;AAA'")).toEqual(['s1']);
  });

  it('!= is every other record, the empty one included; = null finds the empty one', () => {
    expect(names("SELECT Name FROM Survey__c WHERE Tags__c != 'AAA;BBB'")).toEqual(['s2', 's3', 's4', 's5', 's6', 's7']);
    expect(names('SELECT Name FROM Survey__c WHERE Tags__c = null')).toEqual(['s6']);
  });
});

describe('refusals', () => {
  it('INCLUDES on a field that is no multi-select picklist is INVALID_QUERY_FILTER_OPERATOR', () => {
    expect(errorOf(() => org.querySync("SELECT Name FROM Survey__c WHERE Stage__c INCLUDES ('a')"))).toEqual({
      errorCode: 'INVALID_QUERY_FILTER_OPERATOR',
      message: 'includes or excludes operator only valid on multipicklist field',
    });
  });

  it('LIKE and < on a multi-select picklist are invalid operators', () => {
    expect(errorOf(() => org.querySync("SELECT Name FROM Survey__c WHERE Tags__c LIKE 'A%'"))).toEqual({
      errorCode: 'INVALID_QUERY_FILTER_OPERATOR',
      message: 'invalid operator LIKE on multipicklist field',
    });
    expect(errorOf(() => org.querySync("SELECT Name FROM Survey__c WHERE Tags__c < 'A'")).message).toBe('invalid operator < on multipicklist field');
  });

  it('ORDER BY a multi-select picklist: the field can not be sorted', () => {
    expect(errorOf(() => org.querySync('SELECT Name FROM Survey__c ORDER BY Tags__c'))).toEqual({
      errorCode: 'INVALID_FIELD',
      message: "field 'Tags__c' can not be sorted in a query call",
    });
  });

  it('a number operand is a type mismatch', () => {
    expect(errorOf(() => org.querySync('SELECT Name FROM Survey__c WHERE Tags__c INCLUDES (5)')).errorCode).toBe('INVALID_QUERY_FILTER_OPERATOR');
  });
});

describe('writes and describe', () => {
  it('a written selection is stored once per value, in the declared order', () => {
    const id = org.createSync('Survey__c', { Name: 'w', Tags__c: 'CCC;AAA;CCC' });
    expect(org.querySync('SELECT Tags__c FROM Survey__c WHERE Id = :id', { id }).records[0]!.Tags__c).toBe('AAA;CCC');
  });

  it('a value off the declared list is INVALID_OR_NULL_FOR_RESTRICTED_PICKLIST naming that value', () => {
    expect(errorOf(() => org.createSync('Survey__c', { Name: 'w', Tags__c: 'AAA;ZZZ' }))).toEqual({
      errorCode: 'INVALID_OR_NULL_FOR_RESTRICTED_PICKLIST',
      message: 'Tags: bad value for restricted picklist field: ZZZ',
    });
  });

  it('a field without declared values takes any values, in the order written', () => {
    const id = org.createSync('Survey__c', { Name: 'w', Free__c: 'z;a;z' });
    expect(org.querySync('SELECT Free__c FROM Survey__c WHERE Id = :id', { id }).records[0]!.Free__c).toBe('z;a');
  });

  it('describe says multipicklist, length 4099, not sortable', () => {
    const field = org.describeSync('Survey__c').fields.find((f) => f.name === 'Tags__c')!;
    expect(field).toMatchObject({ type: 'multipicklist', length: 4099, sortable: false, soapType: 'xsd:string' });
    expect(field.picklistValues.map((p) => p.value)).toEqual(['AAA', 'BBB', 'CCC', 'DDD', 'EEE']);
  });

  it('a fixture value off the declared list is a fixture problem', () => {
    const doc = surveys();
    doc.records!.Survey__c = [{ Id: 'a025w0000000001AAA', Name: 'x', Tags__c: 'AAA;QQQ' }];
    expect(() => MockOrg.fromFixturesSync(doc, { clock: () => NOW })).toThrow(/"QQQ" is not a valid picklist value/);
  });
});
