import { compileFormula, FormulaSyntaxError } from '../../../src/procedures/formula/index';
import { postfixOf } from '../../../src/procedures/formula/postfix';

/**
 * Data Mapper items store the engine's postfix form beside each formula (formulaConverted). The one
 * pair quoted here is the reference's; the printer's rules below were read off 373 pairs of public
 * exports that carry no licence, so each rule is pinned on expressions written for this test.
 */
const REAL_PAIRS: readonly { formula: string; converted: string; source: string }[] = [
  { formula: "IF((a != ''),a,b)", converted: "| var:a '' != var:a var:b IF", source: 'shared/reference/integration-procedures.md' },
];

const vlocity = { now: () => new Date('2024-05-01T12:00:00Z') };

describe('postfix form (formulaConverted)', () => {
  it.each(REAL_PAIRS.map((pair): [string, string] => [pair.formula, pair.converted]))('%s → %s, as the engine stores it', (formula, converted) => {
    expect(postfixOf(formula)).toBe(converted);
  });

  it('shows how precedence and associativity parsed', () => {
    expect(postfixOf('1 + 2 * 3')).toBe('1 2 3 * +');
    expect(postfixOf('(1 + 2) * 3')).toBe('1 2 + 3 *');
    expect(postfixOf('10 - 4 - 3')).toBe('10 4 - 3 -');
    expect(postfixOf('2 ^ 3 ^ 2')).toBe('2 3 2 ^ ^');
    expect(postfixOf('a || b && c')).toBe('var:a var:b var:c && ||');
    expect(postfixOf('%x% & "y" == "z"')).toBe('var:x "y" & "z" ==');
  });

  it('calls open with | and close with the upper-cased name; merge fields are var:', () => {
    expect(postfixOf('=(%Price% + (%Price% * %SalesTax%))')).toBe('var:Price var:Price var:SalesTax * +');
    expect(postfixOf('isblank(%a:b|1%)')).toBe('| var:a:b|1 ISBLANK');
    expect(postfixOf('NOW()')).toBe('| NOW');
    expect(postfixOf('IF(ISBLANK(%a%), LIST(1, 2), 0)')).toBe('| | var:a ISBLANK | 1 2 LIST 0 IF');
  });

  it('an operator prints as written: = stays =, == stays ==, <> stays <>, AND stays AND', () => {
    expect(postfixOf("IF(%Kind% = 'Home', 1, 2)")).toBe("| var:Kind 'Home' = 1 2 IF");
    expect(postfixOf("IF(%Kind% == 'Home', 1, 2)")).toBe("| var:Kind 'Home' == 1 2 IF");
    expect(postfixOf('a <> b')).toBe('var:a var:b <>');
    expect(postfixOf('a != b')).toBe('var:a var:b !=');
    expect(postfixOf('a = 1 AND b <> 2')).toBe('var:a 1 = var:b 2 <> AND');
    expect(postfixOf('a = 1 && b == 2 || c')).toBe('var:a 1 = var:b 2 == && var:c ||');
  });

  it('the spelling changes only the print: = and == still evaluate alike', () => {
    const data = { Kind: 'Home' };
    expect(compileFormula("%Kind% = 'Home'")({ data, vlocity })).toBe(true);
    expect(compileFormula("%Kind% == 'Home'")({ data, vlocity })).toBe(true);
    expect(compileFormula("%Kind% <> 'Home'")({ data, vlocity })).toBe(false);
  });

  it('null prints as the variable the engine reads it as, spelled as written', () => {
    expect(postfixOf('IF(%Total% = null, 0, %Total%)')).toBe('| var:Total var:null = 0 var:Total IF');
    expect(postfixOf('%Total% != NULL')).toBe('var:Total var:NULL !=');
    expect(compileFormula('%Total% = null')({ data: {}, vlocity })).toBe(true);
  });

  it('a negative number literal prints as one token; minus on anything else stays NEG', () => {
    expect(postfixOf('ADDDAY(TODAY(), -7)')).toBe('| | TODAY -7 ADDDAY');
    expect(postfixOf('-2.5')).toBe('-2.5');
    expect(postfixOf('%a% * -1')).toBe('var:a -1 *');
    expect(postfixOf('-%a%')).toBe('var:a NEG');
    expect(postfixOf('-(1 + 2)')).toBe('1 2 + NEG');
    expect(postfixOf('3 - 1')).toBe('3 1 -');
  });

  it('AND(a, b) and OR(a, b) in call form print as the binary operator, with no |', () => {
    expect(postfixOf("IF(AND(%a% = 'x', OR(%b% > 1, %c%)), 1, 0)")).toBe("| var:a 'x' = var:b 1 > var:c OR AND 1 0 IF");
    expect(postfixOf('and(a, b)')).toBe('var:a var:b AND');
    expect(postfixOf('OR(a, b, c)')).toBe('var:a var:b OR var:c OR');
    expect(postfixOf('NOT(a)')).toBe('| var:a NOT');
  });

  it('a string prints in the quote it was written with, its text as written', () => {
    expect(postfixOf(`CONCAT("double", 'single')`)).toBe(`| "double" 'single' CONCAT`);
    expect(postfixOf(`"it's"`)).toBe(`"it's"`);
    expect(postfixOf(`'a\\'b'`)).toBe(`'a\\'b'`);
    expect(postfixOf(`""`)).toBe(`""`);
  });

  it('throws FormulaSyntaxError for a formula that cannot be read', () => {
    expect(() => postfixOf('IF(')).toThrow(FormulaSyntaxError);
  });
});
