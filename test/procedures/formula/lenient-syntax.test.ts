import { compileFormula, FormulaSyntaxError } from '../../../src/procedures/formula/index';
import { postfixOf } from '../../../src/procedures/formula/postfix';

/**
 * Formulas the org saves although they are not well formed, read as its converter reads them (a
 * shunting-yard in which a call takes every value written after its '('). Each is checked by the
 * postfix it prints and by what it evaluates to; the expressions are written for this test after
 * the shapes found in public Data Mapper exports.
 */
const vlocity = { now: () => new Date('2024-05-01T12:00:00Z') };
const run = (formula: string, data: unknown): unknown => compileFormula(formula)({ data, vlocity });

function syntaxError(formula: string): FormulaSyntaxError {
  try {
    compileFormula(formula);
  } catch (error) {
    if (error instanceof FormulaSyntaxError) return error;
    throw error;
  }
  throw new Error(`'${formula}' compiled`);
}

describe('a value after a call argument without a comma is the next argument', () => {
  it('CONCAT(a, " - " b) is CONCAT of three', () => {
    expect(postfixOf('CONCAT(%First%, " - " %Last%)')).toBe('| var:First " - " var:Last CONCAT');
    expect(run('CONCAT(%First%, " - " %Last%)', { First: 'Ada', Last: 'Lovelace' })).toBe('Ada - Lovelace');
  });

  it('works for each kind of value and several times in one call', () => {
    expect(postfixOf("CONCAT(City ', ' State ', ' Zip)")).toBe("| var:City ', ' var:State ', ' var:Zip CONCAT");
    expect(run("CONCAT(City ', ' State ', ' Zip)", { City: 'Ann Arbor', State: 'MI', Zip: 48104 })).toBe('Ann Arbor, MI, 48104');
    expect(postfixOf('LIST(1 2 UPPER(a) $Vlocity.NULL (3))')).toBe('| 1 2 | var:a UPPER $Vlocity.NULL 3 LIST');
  });

  it('an operator still binds to the argument before it, so only a value starts a new one', () => {
    expect(postfixOf('CONCAT(a " " b & c)')).toBe('| var:a " " var:b var:c & CONCAT');
    expect(run('IF(x > 1 "big" "small")', { x: 2 })).toBe('big');
  });

  it('outside a call, two values side by side or separated by a comma are still a syntax error', () => {
    // The org stores `%a% ,%b%` as two values and no operator: what it evaluates to is not known.
    expect(syntaxError('%a% %b%').position).toBe(5);
    expect(syntaxError('%a% ,%b%').message).toMatch(/Expected an operator or the end of the formula, found ','/);
    expect(syntaxError('NOW();').message).toMatch(/Unexpected ';'/);
  });
});

describe('extra closing parentheses at the end of a formula are ignored', () => {
  it('LISTSIZE(LIST(l))) reads as LISTSIZE(LIST(l))', () => {
    expect(postfixOf('LISTSIZE(LIST(%l%)))')).toBe(postfixOf('LISTSIZE(LIST(%l%))'));
    expect(run('LISTSIZE(LIST(%l%)))', { l: [1, 2, 3] })).toBe(3);
    expect(run('(1 + 2))))', {})).toBe(3);
  });

  it('a closing parenthesis that is followed by more of the formula is still a syntax error', () => {
    expect(syntaxError('(1 + 2)) * 3').position).toBe(8);
    expect(syntaxError('1) + 2').position).toBe(2);
    expect(syntaxError(')').message).toMatch(/Expected a value/);
  });
});

describe('a parenthesised list where an argument goes gives the call each value', () => {
  it('IF(c, (QUERY-like call, null)) is IF of three', () => {
    expect(postfixOf("IF(%n% > 1, (UPPER(%s%), 'none'))")).toBe("| var:n 1 > | var:s UPPER 'none' IF");
    expect(run("IF(%n% > 1, (UPPER(%s%), 'none'))", { n: 2, s: 'abc' })).toBe('ABC');
    expect(run("IF(%n% > 1, (UPPER(%s%), 'none'))", { n: 0, s: 'abc' })).toBe('none');
  });

  it('a parenthesised single value in an argument is still an operand', () => {
    expect(postfixOf('IF((%n%) + 1 > 2, (1), (2) * 3)')).toBe('| var:n 1 + 2 > 1 2 3 * IF');
    expect(run('IF((%n%) + 1 > 2, (1), (2) * 3)', { n: 0 })).toBe(6);
  });

  it('such a list is a syntax error as an operand, nested in another group, or outside a call', () => {
    expect(syntaxError('IF(c, (1, 2) + 3)').message).toMatch(/Expected ',' or '\)' after a list of 2 values in parentheses, found '\+'/);
    expect(() => compileFormula('IF(c, ((1, 2)))')).toThrow(FormulaSyntaxError);
    expect(() => compileFormula('(1, 2)')).toThrow(FormulaSyntaxError);
  });
});

describe('an unclosed parenthesis stays a syntax error (the org leaves it in its postfix as a "(" token)', () => {
  it.each(["IF(%t% == true, (FILTER(LIST(%l%), 'v > 1'),(FILTER(LIST(%l%), 'v < 1'))", "(FILTER(LIST(%l%), 'v > 1')", 'CONCAT(a, (b'])('%s', (formula) => {
    expect(syntaxError(formula).message).toMatch(/found the end of the formula/);
  });
});
