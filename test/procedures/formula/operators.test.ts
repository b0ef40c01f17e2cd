import { evaluateFormula } from '../../../src/procedures/formula/index';

const data = {
  State: 'CA',
  Price: 100,
  SalesTax: 0.0866,
  Count: '3',
  Name: 'VBT_TestAutomation1',
  Flag: true,
  FlagText: 'TRUE',
  Empty: '',
  Nothing: null,
  Order: { Items: [{ Price: 10 }, { Price: 20 }] },
};

const ev = (expression: string): unknown => evaluateFormula(expression, data);

describe('formula operators: arithmetic in decimals', () => {
  it('0.07 * 100 is exactly 7, 0.1 + 0.2 exactly 0.3', () => {
    expect(ev('0.07 * 100')).toBe(7);
    expect(ev('0.1 + 0.2')).toBe(0.3);
  });

  it('(Price * SalesTax) and Price + (Price * SalesTax) are exact (vlocity_build CalculateTax)', () => {
    expect(ev('(%Price% * %SalesTax%)')).toBe(8.66);
    expect(ev('(%Price% + (%Price% * %SalesTax%))')).toBe(108.66);
    expect(ev('(%SalesTax% * 100)')).toBe(8.66);
  });

  it('+ - * / ^ follow precedence: * / before + -, ^ before both and right-associative', () => {
    expect(ev('1 + 2 * 3')).toBe(7);
    expect(ev('(1 + 2) * 3')).toBe(9);
    expect(ev('10 - 4 - 3')).toBe(3);
    expect(ev('12 / 4 / 3')).toBe(1);
    expect(ev('2 ^ 3 ^ 2')).toBe(512);
    expect(ev('2 * 3 ^ 2')).toBe(18);
    expect(ev('1 / 4')).toBe(0.25);
  });

  it('unary minus binds tighter than * but looser than ^', () => {
    expect(ev('-2 * 3')).toBe(-6);
    expect(ev('-2 ^ 2')).toBe(-4);
    expect(ev('3 - -2')).toBe(5);
    expect(ev('-%Price%')).toBe(-100);
  });

  it('numeric text counts as a number', () => {
    expect(ev('%Count% * 2')).toBe(6);
    expect(ev('%Count% + 1')).toBe(4);
  });

  it('a null or absent operand gives null', () => {
    expect(ev('%Nothing% * 2')).toBeNull();
    expect(ev('%Missing% + 1')).toBeNull();
  });

  it('+ joins text that is not a number', () => {
    expect(ev('"a" + "b"')).toBe('ab');
    expect(ev('%State% + 1')).toBe('CA1');
  });

  it('& joins as text, null as nothing', () => {
    expect(ev('%State% & "-" & %Price%')).toBe('CA-100');
    expect(ev('"x" & %Nothing% & %Missing%')).toBe('x');
  });

  it('& binds looser than + (1 + 2 & 3 is "33")', () => {
    expect(ev('1 + 2 & 3')).toBe('33');
  });
});

describe('formula operators: comparisons', () => {
  it('== and = are equality; text ignores case', () => {
    expect(ev('State == "CA"')).toBe(true);
    expect(ev('State = "ca"')).toBe(true);
    expect(ev('State == "NV"')).toBe(false);
    expect(ev("'Acme' == 'ACME'")).toBe(true);
  });

  it('!= and <> are inequality', () => {
    expect(ev('State != "NV"')).toBe(true);
    expect(ev('State <> "ca"')).toBe(false);
  });

  it('numbers compare by value, numeric text too', () => {
    expect(ev('%Price% == 100.0')).toBe(true);
    expect(ev('%Count% == 3')).toBe(true);
    expect(ev('%Count% > 2')).toBe(true);
    expect(ev('%Price% >= 100')).toBe(true);
    expect(ev('%Price% < 100')).toBe(false);
    expect(ev('%Price% <= 99')).toBe(false);
  });

  it("blank equals blank: null, absent and '' alike", () => {
    expect(ev("%Empty% == ''")).toBe(true);
    expect(ev("%Nothing% == ''")).toBe(true);
    expect(ev('%Missing% == null')).toBe(true);
    expect(ev("%State% != ''")).toBe(true);
    expect(ev("%Missing% != ''")).toBe(false);
    expect(ev('%Missing% == $Vlocity.NULL')).toBe(true);
  });

  it("booleans equal the text 'true'/'false'", () => {
    expect(ev('%Flag% == true')).toBe(true);
    expect(ev('%FlagText% == true')).toBe(true);
    expect(ev('%Flag% == "true"')).toBe(true);
    expect(ev('%Flag% == false')).toBe(false);
  });

  it('ordering with a null side is false both ways', () => {
    expect(ev('%Missing% > 1')).toBe(false);
    expect(ev('%Missing% < 1')).toBe(false);
  });

  it('ISO dates order by instant', () => {
    expect(ev('"2024-01-02" > "2024-01-01T23:59:59Z"')).toBe(true);
    expect(ev('"2024-01-01T10:00:00+02:00" < "2024-01-01T09:00:00Z"')).toBe(true);
  });

  it('text orders without regard to case', () => {
    expect(ev('"apple" < "Banana"')).toBe(true);
  });

  it('LIKE is a substring match without regard to case; NOTLIKE its negation', () => {
    expect(ev('%Name% LIKE "TestAuto"')).toBe(true);
    expect(ev('%Name% LIKE "testauto"')).toBe(true);
    expect(ev('"iPhone" LIKE "Phone"')).toBe(true);
    expect(ev('"Case" NOTLIKE "Phone"')).toBe(true);
    expect(ev('%Missing% LIKE "a"')).toBe(false);
  });
});

describe('formula operators: logic', () => {
  it('&& / AND and || / OR give booleans, never null', () => {
    expect(ev('(600 > 100) && (2 > 0)')).toBe(true);
    expect(ev('(600 > 100) || (2 < 0)')).toBe(true);
    expect(ev('%Missing% && true')).toBe(false);
    expect(ev('%Missing% || %Nothing%')).toBe(false);
    expect(ev('State == "CA" AND Price > 50')).toBe(true);
    expect(ev('State == "NV" OR Price > 50')).toBe(true);
    expect(ev('State == "NV" or Price > 500')).toBe(false);
  });

  it('AND binds tighter than OR', () => {
    expect(ev('true OR false AND false')).toBe(true);
    expect(ev('(true OR false) AND false')).toBe(false);
  });

  it("'AND(' after an operand is the operator, as in a = 1 AND( b = 2)", () => {
    expect(ev('%State% = "CA" AND( %Price% = 100)')).toBe(true);
  });

  it('NOT and ! negate the comparison that follows', () => {
    expect(ev('NOT State == "NV"')).toBe(true);
    expect(ev('!(Price > 50)')).toBe(false);
    expect(ev('NOT %Missing%')).toBe(true);
  });

  it("only true and the text 'true' are true", () => {
    expect(ev('%FlagText% && true')).toBe(true);
    expect(ev('1 && true')).toBe(false);
    expect(ev('"yes" || false')).toBe(false);
  });
});

describe('formula operands', () => {
  it('bare paths, merge fields and var:"…" read the data', () => {
    expect(ev('Price')).toBe(100);
    expect(ev('Order:Items|2:Price')).toBe(20);
    expect(ev('%Order:Items|1:Price%')).toBe(10);
    expect(evaluateFormula('var:"Primary School"', { 'Primary School': 'Green Valley High' })).toBe('Green Valley High');
    expect(evaluateFormula('%Line-Items:Unit Price% * 2', { 'Line-Items': { 'Unit Price': 3 } })).toBe(6);
  });

  it('a bare path keeps "." in names but "-" is subtraction', () => {
    expect(evaluateFormula('Account.Name', { 'Account.Name': 'Acme' })).toBe('Acme');
    expect(ev('Price-1')).toBe(99);
  });

  it('strings in single or double quotes, with backslash escapes', () => {
    expect(ev(`'it\\'s'`)).toBe("it's");
    expect(ev(`"say \\"hi\\""`)).toBe('say "hi"');
    expect(ev(`"a" & 'b'`)).toBe('ab');
  });

  it('true/false/null in any case are literals', () => {
    expect(ev('TRUE')).toBe(true);
    expect(ev('False')).toBe(false);
    expect(ev('NULL')).toBeNull();
    expect(ev('null')).toBeNull();
  });

  it('$Vlocity variables: NULL, Percent, TODAY, NOW, UserId', () => {
    const vlocity = { now: () => new Date('2024-03-01T01:30:00.000Z'), userId: '005000000000001', timeZone: 'America/Los_Angeles' };
    expect(evaluateFormula('$Vlocity.NULL', {}, vlocity)).toBeNull();
    expect(evaluateFormula('"50" & $Vlocity.Percent', {}, vlocity)).toBe('50%');
    expect(evaluateFormula('$Vlocity.NOW', {}, vlocity)).toBe('2024-03-01T01:30:00.000Z');
    expect(evaluateFormula('$Vlocity.TODAY', {}, vlocity)).toBe('2024-02-29');
    expect(evaluateFormula('$Vlocity.UserId', {}, vlocity)).toBe('005000000000001');
    expect(evaluateFormula('%$Vlocity.TODAY%', {}, { ...vlocity, timeZone: 'UTC' })).toBe('2024-03-01');
    expect(evaluateFormula('$vlocity.userid', {}, vlocity)).toBe('005000000000001');
  });

  it('an absent $Vlocity.UserId is null', () => {
    expect(evaluateFormula('$Vlocity.UserId', {})).toBeNull();
  });
});
