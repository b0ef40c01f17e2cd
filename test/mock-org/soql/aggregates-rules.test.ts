import { isOrgError } from '../../../src/core/org';
import { MockOrg } from '../../../src/mock-org/mock-org';
import { policies } from './aggregate-fixture';

/** Issue 16: Salesforce's rules on aggregate queries, refused with its codes and wording. */

let org: MockOrg;
beforeAll(() => {
  org = MockOrg.fromFixturesSync(policies(), { clock: () => Date.UTC(2026, 10, 3, 12) });
});

function refusal(soql: string, target: MockOrg = org): { errorCode: string; message: string } {
  try {
    target.querySync(soql);
  } catch (err) {
    if (isOrgError(err)) return { errorCode: err.errorCode, message: err.message };
    throw err;
  }
  throw new Error(`accepted: ${soql}`);
}

describe('what must be grouped', () => {
  it('a plain field beside an aggregate, or not in GROUP BY: Field must be grouped or aggregated', () => {
    expect(refusal('SELECT Name, COUNT(Id) FROM Policy__c')).toEqual({ errorCode: 'MALFORMED_QUERY', message: 'Field must be grouped or aggregated: Name' });
    expect(refusal('SELECT Name FROM Policy__c GROUP BY Status__c').message).toBe('Field must be grouped or aggregated: Name');
    expect(refusal('SELECT Status__c FROM Policy__c GROUP BY Status__c HAVING Name = null').message).toBe('Field must be grouped or aggregated: Name');
  });

  it('ORDER BY a field not grouped: Ordered field must be grouped or aggregated', () => {
    expect(refusal('SELECT Status__c FROM Policy__c GROUP BY Status__c ORDER BY Name')).toEqual({
      errorCode: 'MALFORMED_QUERY',
      message: 'Ordered field must be grouped or aggregated: Name',
    });
  });

  it('an aggregate of a grouped field: Grouped field should not be aggregated', () => {
    expect(refusal('SELECT Status__c, COUNT(Status__c) FROM Policy__c GROUP BY Status__c').message).toBe('Grouped field should not be aggregated: Status__c');
  });

  it('long text, numbers with decimals, currency and datetimes cannot be grouped; a 200-character text area can (x and X one group)', () => {
    for (const field of ['Notes__c', 'Premium__c', 'Signed__c']) {
      expect(refusal(`SELECT COUNT(Id) FROM Policy__c GROUP BY ${field}`)).toEqual({
        errorCode: 'MALFORMED_QUERY',
        message: `field '${field}' can not be grouped in a query call`,
      });
    }
    expect(org.querySync('SELECT Short__c FROM Policy__c GROUP BY Short__c').totalSize).toBe(3);
    expect(org.querySync('SELECT Count__c, Flag__c, Issued__c FROM Policy__c GROUP BY Count__c, Flag__c, Issued__c').totalSize).toBe(5); // alpha and eps share all three
  });
});

describe('type rules of the functions', () => {
  it('SUM and AVG take numbers only; no aggregate takes a checkbox or long text', () => {
    expect(refusal('SELECT SUM(Name) FROM Policy__c')).toEqual({ errorCode: 'MALFORMED_QUERY', message: 'field Name does not support aggregate operator SUM' });
    expect(refusal('SELECT AVG(Issued__c) FROM Policy__c').message).toBe('field Issued__c does not support aggregate operator AVG');
    expect(refusal('SELECT MAX(Flag__c) FROM Policy__c').message).toBe('field Flag__c does not support aggregate operator MAX');
    expect(refusal('SELECT COUNT(Notes__c) FROM Policy__c').message).toBe('field Notes__c does not support aggregate operator COUNT');
  });

  it('MIN and MAX take dates, datetimes, text, picklists and Ids', () => {
    expect(org.querySync('SELECT MIN(Issued__c), MIN(Signed__c), MIN(Name), MIN(Status__c), MIN(Id), MAX(Agency__c) FROM Policy__c').records[0]).toMatchObject({
      expr4: 'a03000000000001AAA',
      expr5: 'a02000000000002AAA',
    });
  });
});

describe('where aggregates may appear', () => {
  it('not in WHERE', () => {
    expect(refusal('SELECT Id FROM Policy__c WHERE COUNT(Id) > 1')).toEqual({
      errorCode: 'MALFORMED_QUERY',
      message: 'Aggregate functions are not allowed in WHERE, use HAVING: COUNT(Id)',
    });
  });

  it('COUNT() stays the count-only query: alone, with LIMIT; not beside other fields; GROUP BY is refused as unsupported', () => {
    expect(org.querySync('SELECT COUNT() FROM Policy__c LIMIT 4')).toEqual({ totalSize: 4, done: true, records: [] });
    expect(refusal('SELECT COUNT(), MAX(Name) FROM Policy__c').message).toBe('COUNT() must be the only element in the SELECT list.');
    expect(refusal('SELECT COUNT() FROM Policy__c GROUP BY Status__c').message).toBe('The mock org does not support COUNT() with GROUP BY (use COUNT(Id)).');
  });

  it('a non-grouped aggregate query takes no OFFSET', () => {
    expect(refusal('SELECT COUNT(Id) FROM Policy__c OFFSET 1')).toEqual({
      errorCode: 'MALFORMED_QUERY',
      message: 'Non-grouped query that uses overall aggregate functions cannot also use OFFSET',
    });
  });

  it('ROLLUP and CUBE take at most three fields; two aliases alike are refused', () => {
    expect(refusal('SELECT COUNT(Id) FROM Policy__c GROUP BY ROLLUP(Name, Status__c, Flag__c, Count__c)').message).toBe(
      'GROUP BY ROLLUP takes at most 3 fields',
    );
    expect(refusal('SELECT COUNT(Id) n, MAX(Name) n FROM Policy__c').message).toBe('duplicate alias: n');
  });
});

describe('more than one batch of groups', () => {
  const many = (n: number): MockOrg => {
    const doc = policies();
    doc.records = {
      Policy__c: Array.from({ length: n }, (_, i) => ({ Id: `a03${String(i + 1).padStart(12, '0')}AAA`, Name: `p${i}`, Flag__c: false })),
    };
    return MockOrg.fromFixturesSync(doc);
  };

  it('2,001 groups: EXCEEDED_ID_LIMIT, as Salesforce refuses queryMore for aggregates; LIMIT 2000 answers', () => {
    const big = many(2001);
    expect(refusal('SELECT Name, COUNT(Id) FROM Policy__c GROUP BY Name', big)).toEqual({
      errorCode: 'EXCEEDED_ID_LIMIT',
      message: 'Aggregate query does not support queryMore(), use LIMIT to restrict the results to a single batch',
    });
    expect(big.querySync('SELECT Name, COUNT(Id) FROM Policy__c GROUP BY Name LIMIT 2000').totalSize).toBe(2000);
  });
});

describe('field-level security', () => {
  it('an aggregated or grouped field the user cannot see is the same INVALID_FIELD as selecting it', () => {
    const agent = org.asUser('agent');
    const plain = refusal('SELECT Premium__c FROM Policy__c', agent);
    expect(plain.errorCode).toBe('INVALID_FIELD');
    expect(refusal('SELECT SUM(Premium__c) FROM Policy__c', agent)).toEqual(plain);
    expect(refusal('SELECT Status__c FROM Policy__c GROUP BY Status__c HAVING MAX(Premium__c) > 1', agent)).toEqual(plain);
    expect(refusal('SELECT Agency__r.Region__c, COUNT(Id) FROM Policy__c GROUP BY Agency__r.Region__c', agent)).toEqual(
      refusal('SELECT Agency__r.Region__c FROM Policy__c', agent),
    );
    expect(agent.querySync('SELECT Status__c, COUNT(Id) FROM Policy__c GROUP BY Status__c').totalSize).toBe(4);
  });
});
