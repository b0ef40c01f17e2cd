import { MockOrg } from '../../../src/mock-org/mock-org';
import { parseSoql } from '../../../src/mock-org/soql/compile';
import { clausesOrg, names, orgErrorOf } from './clauses-fixture';

/** Issue 16: binds in LIMIT and OFFSET (`LIMIT :n OFFSET :skip`), as Apex takes them. */

let org: MockOrg;
beforeAll(() => {
  org = MockOrg.fromFixturesSync(clausesOrg());
});

const SOQL = 'SELECT Name FROM Account ORDER BY Name LIMIT :n OFFSET :skip';

describe('binds in LIMIT and OFFSET', () => {
  it('are read from the binds at each run: one text, several pages', () => {
    expect(names(org.querySync(SOQL, { n: 1, skip: 0 }))).toEqual(['Acme']);
    expect(names(org.querySync(SOQL, { n: 2, skip: 1 }))).toEqual(['Globex', 'Initech']);
    expect(names(org.querySync(SOQL, { n: 0, skip: 0 }))).toEqual([]);
    expect(org.engine.parseCount).toBe(1);
  });

  it('work without ORDER BY, and alone (LIMIT :n) or with a literal (LIMIT 1 OFFSET :skip)', () => {
    expect(org.querySync('SELECT Name FROM Account LIMIT :n', { n: 2 }).totalSize).toBe(2);
    expect(names(org.querySync('SELECT Name FROM Account ORDER BY Name LIMIT 1 OFFSET :skip', { skip: 2 }))).toEqual(['Initech']);
    expect(names(org.querySync('SELECT Name FROM Account ORDER BY Name LIMIT :n OFFSET 1', { n: 1 }))).toEqual(['Globex']);
  });

  it('the AST holds the bind names, not the placeholders the parser was given', () => {
    const query = parseSoql(SOQL);
    expect(query.pageBinds).toEqual({ limit: 'n', offset: 'skip' });
    expect(query.limit).toBeUndefined();
    expect(query.offset).toBeUndefined();
  });

  it('a LIMIT :n inside a string literal is left alone: only the clause is a bind', () => {
    expect(org.querySync("SELECT Name FROM Account WHERE Name = 'LIMIT :n' LIMIT :n", { n: 5 }).totalSize).toBe(0);
  });

  it("a bind in a subquery's LIMIT is refused as unsupported (only the outer query's are bound)", () => {
    expect(orgErrorOf(() => org.querySync('SELECT Id, (SELECT Id FROM Contacts LIMIT :n) FROM Account', { n: 1 }))).toMatchObject({
      errorCode: 'MALFORMED_QUERY',
      message: "The mock org does not support a bind in a subquery's LIMIT.",
    });
  });

  it('a missing bind is "Variable does not exist"', () => {
    expect(orgErrorOf(() => org.querySync(SOQL, { n: 1 }))).toMatchObject({ errorCode: 'MALFORMED_QUERY', message: 'Variable does not exist: skip' });
  });

  it.each([
    ['a String', '1', 'String'],
    ['a fraction', 1.5, 'Decimal'],
    ['null', null, 'null'],
    ['a list', [1], 'List'],
    ['a Boolean', true, 'Boolean'],
  ])('%s is MALFORMED_QUERY: an Integer is required', (_what, value, type) => {
    expect(orgErrorOf(() => org.querySync('SELECT Name FROM Account LIMIT :n', { n: value }))).toMatchObject({
      errorCode: 'MALFORMED_QUERY',
      message: `Invalid bind expression type of ${type} for LIMIT (an Integer is required): :n`,
    });
  });

  it('a negative value is NUMBER_OUTSIDE_VALID_RANGE', () => {
    expect(orgErrorOf(() => org.querySync(SOQL, { n: -1, skip: 0 }))).toMatchObject({
      errorCode: 'NUMBER_OUTSIDE_VALID_RANGE',
      message: 'The LIMIT value must be non-negative: -1',
    });
    expect(orgErrorOf(() => org.querySync(SOQL, { n: 1, skip: -2 })).message).toBe('The OFFSET value must be non-negative: -2');
  });

  it('an OFFSET over 2,000 is NUMBER_OUTSIDE_VALID_RANGE, as for a literal; 2,000 itself is taken', () => {
    expect(orgErrorOf(() => org.querySync(SOQL, { n: 1, skip: 2001 }))).toMatchObject({
      errorCode: 'NUMBER_OUTSIDE_VALID_RANGE',
      message: 'Maximum SOQL offset allowed is 2000',
    });
    expect(org.querySync(SOQL, { n: 1, skip: 2000 }).totalSize).toBe(0);
  });

  it('a syntax error after a bind keeps the columns of the text as written', () => {
    expect(orgErrorOf(() => org.querySync('SELECT Name FROM Account LIMIT :limitValue OFFSET')).message).toMatch(
      /^\nName FROM Account LIMIT :limitValue OFFSET\n {42}\^\nERROR at Row:1:Column:50\nunexpected token: '<EOF>'$/,
    );
  });
});
