import { MockOrg } from '../../../src/mock-org/mock-org';
import { policies } from './aggregate-fixture';

/** Issue 16: aggregate functions and GROUP BY, answered as Salesforce's AggregateResult records. */

const NOW = Date.UTC(2026, 10, 3, 12);
let org: MockOrg;
beforeAll(() => {
  org = MockOrg.fromFixturesSync(policies(), { clock: () => NOW });
});

const records = (soql: string) => org.querySync(soql).records;
const AGG = { type: 'AggregateResult' };

describe('aggregate functions without GROUP BY', () => {
  it('COUNT(Id) gives one AggregateResult record (no url), named expr0, totalSize 1', () => {
    const result = org.querySync('SELECT COUNT(Id) FROM Policy__c');
    expect(result).toEqual({ totalSize: 1, done: true, records: [{ attributes: AGG, expr0: 6 }] });
  });

  it('COUNT(field) counts non-null values; SUM and AVG ignore nulls (825 over 5 premiums)', () => {
    expect(records('SELECT COUNT(Premium__c), SUM(Premium__c), AVG(Premium__c) FROM Policy__c')).toEqual([
      { attributes: AGG, expr0: 5, expr1: 825, expr2: 165 },
    ]);
  });

  it('COUNT_DISTINCT counts distinct non-null values, text case-insensitively (alpha = Alpha)', () => {
    expect(records('SELECT COUNT_DISTINCT(Name), COUNT_DISTINCT(Count__c) FROM Policy__c')).toEqual([{ attributes: AGG, expr0: 5, expr1: 4 }]);
  });

  it('MIN/MAX of a date answer its string; of a datetime its stored form; of a picklist by declared order', () => {
    expect(records('SELECT MIN(Issued__c), MAX(Issued__c), MAX(Signed__c), MIN(Status__c), MAX(Status__c) FROM Policy__c')).toEqual([
      { attributes: AGG, expr0: '2025-12-31', expr1: '2026-03-05', expr2: '2026-03-05T17:30:00.000+0000', expr3: 'Draft', expr4: 'Lapsed' },
    ]);
  });

  it('MIN/MAX of text compare case-insensitively; numbers numerically', () => {
    expect(records('SELECT MIN(Name), MAX(Name), MIN(Count__c), MAX(Premium__c) FROM Policy__c')).toEqual([
      { attributes: AGG, expr0: 'alpha', expr1: 'gamma', expr2: 1, expr3: 400 },
    ]);
  });

  it('aliases name their column; unaliased aggregates count expr0, expr1 among themselves only', () => {
    expect(records('SELECT COUNT(Id) total, MAX(Count__c), SUM(Count__c) s, MIN(Count__c) FROM Policy__c')).toEqual([
      { attributes: AGG, total: 6, expr0: 5, s: 12, expr1: 1 },
    ]);
  });

  it('over no rows: one record, COUNT 0 and SUM/MAX null', () => {
    expect(records("SELECT COUNT(Id), SUM(Premium__c), MAX(Name) FROM Policy__c WHERE Name = 'none'")).toEqual([
      { attributes: AGG, expr0: 0, expr1: null, expr2: null },
    ]);
  });

  it('a parent field can be aggregated', () => {
    expect(records('SELECT MAX(Agency__r.Name), COUNT(Agency__c) FROM Policy__c')).toEqual([{ attributes: AGG, expr0: 'Zenith', expr1: 5 }]);
  });
});

describe('GROUP BY', () => {
  it('one record per value, in first-seen order, the grouped field under its own name (nulls a group too)', () => {
    const result = org.querySync('SELECT Status__c, COUNT(Id), SUM(Premium__c) FROM Policy__c GROUP BY Status__c');
    expect(result.totalSize).toBe(4);
    expect(result.records).toEqual([
      { attributes: AGG, Status__c: 'Active', expr0: 3, expr1: 750 },
      { attributes: AGG, Status__c: 'Lapsed', expr0: 1, expr1: null },
      { attributes: AGG, Status__c: 'Draft', expr0: 1, expr1: 50 },
      { attributes: AGG, Status__c: null, expr0: 1, expr1: 25 },
    ]);
  });

  it('a parent field groups and appears under its field name (Agency__r.Name as Name)', () => {
    expect(records('SELECT Agency__r.Name, COUNT(Id) n FROM Policy__c GROUP BY Agency__r.Name')).toEqual([
      { attributes: AGG, Name: 'Acme', n: 3 },
      { attributes: AGG, Name: 'Zenith', n: 2 },
      { attributes: AGG, Name: null, n: 1 },
    ]);
  });

  it('text groups case-insensitively, showing the first spelling seen', () => {
    expect(records("SELECT Name, COUNT(Id) FROM Policy__c WHERE Name LIKE 'a%' GROUP BY Name")).toEqual([{ attributes: AGG, Name: 'alpha', expr0: 2 }]);
    expect(records('SELECT Short__c, COUNT(Id) FROM Policy__c GROUP BY Short__c ORDER BY COUNT(Id) DESC LIMIT 1')).toEqual([
      { attributes: AGG, Short__c: null, expr0: 3 },
    ]);
  });

  it('several keys; a field alias names its column; GROUP BY without aggregates lists distinct values', () => {
    expect(records('SELECT Status__c st, Flag__c FROM Policy__c WHERE Agency__c != null GROUP BY Status__c, Flag__c')).toEqual([
      { attributes: AGG, st: 'Active', Flag__c: true },
      { attributes: AGG, st: 'Active', Flag__c: false },
      { attributes: AGG, st: 'Lapsed', Flag__c: true },
      { attributes: AGG, st: 'Draft', Flag__c: false },
      { attributes: AGG, st: null, Flag__c: true },
    ]);
  });

  it('ORDER BY a grouped picklist follows the declared order, nulls first; ORDER BY an aggregate or its alias', () => {
    const status = (soql: string) => records(soql).map((r) => r.Status__c);
    expect(status('SELECT Status__c FROM Policy__c GROUP BY Status__c ORDER BY Status__c')).toEqual([null, 'Draft', 'Active', 'Lapsed']);
    expect(status('SELECT Status__c, SUM(Premium__c) s FROM Policy__c GROUP BY Status__c ORDER BY SUM(Premium__c) DESC NULLS LAST')).toEqual([
      'Active',
      'Draft',
      null,
      'Lapsed',
    ]);
    expect(status('SELECT Status__c, SUM(Premium__c) s FROM Policy__c GROUP BY Status__c ORDER BY s')).toEqual(['Lapsed', null, 'Draft', 'Active']);
    expect(status('SELECT Status__c FROM Policy__c GROUP BY Status__c ORDER BY COUNT(Id) DESC, Status__c DESC')).toEqual(['Active', 'Lapsed', 'Draft', null]);
  });

  it('LIMIT and OFFSET apply to groups', () => {
    const result = org.querySync('SELECT Status__c, COUNT(Id) FROM Policy__c GROUP BY Status__c ORDER BY Status__c LIMIT 2 OFFSET 1');
    expect(result.totalSize).toBe(2);
    expect(result.records.map((r) => r.Status__c)).toEqual(['Draft', 'Active']);
  });

  it('a WHERE filters rows before grouping; no rows, no groups', () => {
    expect(records('SELECT Status__c, COUNT(Id) FROM Policy__c WHERE Premium__c > 60 GROUP BY Status__c')).toEqual([
      { attributes: AGG, Status__c: 'Active', expr0: 3 },
    ]);
    expect(org.querySync("SELECT Status__c, COUNT(Id) FROM Policy__c WHERE Name = 'none' GROUP BY Status__c")).toEqual({
      totalSize: 0,
      done: true,
      records: [],
    });
  });
});

describe('HAVING', () => {
  const status = (soql: string) => records(soql).map((r) => r.Status__c);

  it('filters groups on an aggregate, selected or not', () => {
    expect(status('SELECT Status__c FROM Policy__c GROUP BY Status__c HAVING COUNT(Id) > 1')).toEqual(['Active']);
    expect(status('SELECT Status__c, COUNT(Id) FROM Policy__c GROUP BY Status__c HAVING COUNT(Id) > 1 OR SUM(Premium__c) = 50')).toEqual(['Active', 'Draft']);
  });

  it('AND, OR, NOT and a grouped field: (count > 1 or min < 30) and not Active leaves the null-status group', () => {
    expect(status("SELECT Status__c FROM Policy__c GROUP BY Status__c HAVING (COUNT(Id) > 1 OR MIN(Premium__c) < 30) AND (NOT Status__c = 'Active')")).toEqual([
      null,
    ]);
  });

  it('compares a grouped picklist in IN lists and a MAX of a date with a date literal', () => {
    expect(status("SELECT Status__c FROM Policy__c GROUP BY Status__c HAVING Status__c IN ('lapsed', 'Draft')")).toEqual(['Lapsed', 'Draft']);
    expect(status('SELECT Status__c FROM Policy__c GROUP BY Status__c HAVING MAX(Issued__c) >= 2026-01-10')).toEqual(['Active', null]);
  });

  it('takes bind values', () => {
    expect(
      org.querySync('SELECT Status__c FROM Policy__c GROUP BY Status__c HAVING SUM(Premium__c) >= :least', { least: 50 }).records.map((r) => r.Status__c),
    ).toEqual(['Active', 'Draft']);
  });
});

describe('GROUP BY ROLLUP and CUBE', () => {
  const rows = (soql: string) => records(soql).map(({ attributes: _a, ...fields }) => fields);

  it('ROLLUP(a) adds a grand total whose group value is null and GROUPING 1', () => {
    expect(rows('SELECT Status__c, GROUPING(Status__c) g, COUNT(Id) n FROM Policy__c GROUP BY ROLLUP(Status__c)')).toEqual([
      { Status__c: 'Active', g: 0, n: 3 },
      { Status__c: 'Lapsed', g: 0, n: 1 },
      { Status__c: 'Draft', g: 0, n: 1 },
      { Status__c: null, g: 0, n: 1 },
      { Status__c: null, g: 1, n: 6 },
    ]);
  });

  it('ROLLUP(a, b): details, then a subtotal per a, then the grand total', () => {
    expect(rows('SELECT Agency__r.Name, Status__c, COUNT(Id) n FROM Policy__c WHERE Agency__c != null GROUP BY ROLLUP(Agency__r.Name, Status__c)')).toEqual([
      { Name: 'Acme', Status__c: 'Active', n: 2 },
      { Name: 'Zenith', Status__c: 'Lapsed', n: 1 },
      { Name: 'Zenith', Status__c: 'Draft', n: 1 },
      { Name: 'Acme', Status__c: null, n: 1 },
      { Name: 'Acme', Status__c: null, n: 3 },
      { Name: 'Zenith', Status__c: null, n: 2 },
      { Name: null, Status__c: null, n: 5 },
    ]);
  });

  it('CUBE(a, b) adds subtotals per b too; HAVING GROUPING keeps only the subtotals of b', () => {
    const soql = 'SELECT Agency__r.Name, Status__c, COUNT(Id) n FROM Policy__c WHERE Agency__c != null GROUP BY CUBE(Agency__r.Name, Status__c)';
    expect(rows(soql)).toHaveLength(4 + 2 + 4 + 1);
    expect(
      rows(`${soql.replace('COUNT(Id) n', 'COUNT(Id) n, GROUPING(Agency__r.Name) ga')} HAVING GROUPING(Agency__r.Name) = 1 AND GROUPING(Status__c) = 0`),
    ).toEqual([
      { Name: null, Status__c: 'Active', n: 2, ga: 1 },
      { Name: null, Status__c: 'Lapsed', n: 1, ga: 1 },
      { Name: null, Status__c: 'Draft', n: 1, ga: 1 },
      { Name: null, Status__c: null, n: 1, ga: 1 },
    ]);
  });
});

describe('through every path', () => {
  it('the async query and the REST selection answer the same records as querySync', async () => {
    const soql = 'SELECT Status__c, COUNT(Id) FROM Policy__c GROUP BY Status__c ORDER BY Status__c';
    expect((await org.query(soql)).records).toEqual(records(soql));
  });
});
