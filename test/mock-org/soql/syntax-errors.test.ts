import { parseSoql } from '../../../src/mock-org/soql/compile';
import { isOrgError, OrgError } from '../../../src/core/org';
import { tokenize } from '../../../src/mock-org/soql/soql-tokens';

/** Issue 16: a syntax error reads as Salesforce's MALFORMED_QUERY does, not as the parser library's. */

function failure(soql: string): OrgError {
  try {
    parseSoql(soql);
  } catch (err) {
    if (isOrgError(err)) return err;
    throw err;
  }
  throw new Error(`expected ${soql} to fail`);
}

describe("Salesforce's layout: the query echoed, a caret under the error, its row and column, the token", () => {
  it('a query that ends too soon is unexpected token <EOF>, with the caret just past the end (as real answers show it)', () => {
    expect(failure('SELECT Id FROM Account WHERE')).toMatchObject({
      errorCode: 'MALFORMED_QUERY',
      status: 400,
      message: "\nSELECT Id FROM Account WHERE\n                            ^\nERROR at Row:1:Column:29\nunexpected token: '<EOF>'",
    });
  });

  it('a stray token is named in quotes, with its 1-based column', () => {
    expect(failure('SELECT Id, FROM Account').message).toBe("\nSELECT Id, FROM Account\n           ^\nERROR at Row:1:Column:12\nunexpected token: 'FROM'");
  });

  it('a clause out of order (WITH after ORDER BY) is unexpected token at its keyword', () => {
    expect(failure('SELECT Id FROM Account ORDER BY Name WITH SECURITY_ENFORCED').message).toMatch(
      /\n {37}\^\nERROR at Row:1:Column:38\nunexpected token: 'WITH'$/,
    );
  });

  it('the error is the first token no text could mend, not the end of the query', () => {
    expect(failure("SELECT Id FROM Account WHERE Name = 'a' AND AND Name = 'b'").message).toMatch(/Column:45\nunexpected token: 'AND'$/);
  });

  it('on a later row: the row counts lines, the column counts from the row start, and only that row is echoed', () => {
    const message = failure('SELECT Id\nFROM Account\nWHERE Name = ').message;
    expect(message).toBe("\nWHERE Name =\n            ^\nERROR at Row:3:Column:13\nunexpected token: '<EOF>'");
  });

  it('a long row is echoed as a window: from at most 42 columns before the error to the fourth token after it', () => {
    const soql = "SELECT Id FROM Contact WHERE AccountId = '0014000000p6XlS' AND LastName LIKE 'test' , Name LIKE 'x' AND Email = 'y'";
    const message = failure(soql).message;
    const column = soql.indexOf(',', 20) + 1;
    // The window starts at the first token beginning at or after column − 42.
    const start = tokenize(soql).find((t) => t.column >= column - 42)!;
    const echoed = soql.slice(start.start, soql.indexOf("'x' AND") + 7);
    expect(message).toBe(`\n${echoed}\n${' '.repeat(column - start.column)}^\nERROR at Row:1:Column:${column}\nunexpected token: ','`);
  });

  it('a character no token starts with is named with its 0-based position, as real answers show it (line 1:N)', () => {
    expect(failure('select Id from Account where id = $sfid').message).toBe(
      "\nselect Id from Account where id = $sfid\n                                 ^\nERROR at Row:1:Column:34\nline 1:34 unexpected token: '$'",
    );
  });

  it('datetime literals are one token: an error after one points past it', () => {
    expect(failure('SELECT Id FROM Account WHERE CreatedDate > 2020-01-01T00:00:00Z AND').message).toMatch(
      /\nCreatedDate > 2020-01-01T00:00:00Z AND\n {38}\^\nERROR at Row:1:Column:68\nunexpected token: '<EOF>'$/,
    );
  });
});

describe('the tokenizer', () => {
  it('keeps strings whole (escaped quotes and line breaks inside) and counts rows past them', () => {
    const tokens = tokenize("SELECT Id FROM A WHERE N = 'it\\'s\nfine' AND\nX = 1");
    expect(tokens.map((t) => t.text)).toEqual(['SELECT', 'Id', 'FROM', 'A', 'WHERE', 'N', '=', "'it\\'s\nfine'", 'AND', 'X', '=', '1']);
    expect(tokens[8]).toMatchObject({ row: 2, column: 7 });
    expect(tokens[9]).toMatchObject({ row: 3, column: 1 });
  });

  it('splits binds and operators from names', () => {
    expect(tokenize('Id=:x AND N!=:y').map((t) => t.text)).toEqual(['Id', '=', ':', 'x', 'AND', 'N', '!=', ':', 'y']);
  });
});
