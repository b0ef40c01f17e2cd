import { FormulaSyntaxError } from '../../../src/procedures/formula/index';
import { postfixOf } from '../../../src/procedures/formula/postfix';

/**
 * Data Mapper items store the engine's postfix form beside each formula (FormulaConverted). Every
 * pair found in public material is checked here; the public exports searched (vlocity_build, the
 * SFDC-Assets OmniStudio samples, the OmniStudio migration tool) carry no DRMapItem formulas, so
 * the one pair is the reference's.
 */
const REAL_PAIRS: readonly { formula: string; converted: string; source: string }[] = [
  { formula: "IF((a != ''),a,b)", converted: "| var:a '' != var:a var:b IF", source: 'shared/reference/integration-procedures.md' },
];

describe('postfix form (FormulaConverted)', () => {
  it.each(REAL_PAIRS.map((pair): [string, string] => [pair.formula, pair.converted]))('%s → %s, as the engine stores it', (formula, converted) => {
    expect(postfixOf(formula)).toBe(converted);
  });

  it('shows how precedence and associativity parsed', () => {
    expect(postfixOf('1 + 2 * 3')).toBe('1 2 3 * +');
    expect(postfixOf('(1 + 2) * 3')).toBe('1 2 + 3 *');
    expect(postfixOf('10 - 4 - 3')).toBe('10 4 - 3 -');
    expect(postfixOf('2 ^ 3 ^ 2')).toBe('2 3 2 ^ ^');
    expect(postfixOf('a || b && c')).toBe('var:a var:b var:c && ||');
    expect(postfixOf('a = 1 AND b <> 2')).toBe('var:a 1 == var:b 2 != &&');
    expect(postfixOf('%x% & "y" == "z"')).toBe("var:x 'y' & 'z' ==");
  });

  it('calls open with | and close with the upper-cased name; merge fields are var:', () => {
    expect(postfixOf('=(%Price% + (%Price% * %SalesTax%))')).toBe('var:Price var:Price var:SalesTax * +');
    expect(postfixOf('isblank(%a:b|1%)')).toBe('| var:a:b|1 ISBLANK');
    expect(postfixOf('NOW()')).toBe('| NOW');
    expect(postfixOf('IF(ISBLANK(%a%), LIST(1, 2), null)')).toBe('| | var:a ISBLANK | 1 2 LIST null IF');
  });

  it('throws FormulaSyntaxError for a formula that cannot be read', () => {
    expect(() => postfixOf('IF(')).toThrow(FormulaSyntaxError);
  });
});
