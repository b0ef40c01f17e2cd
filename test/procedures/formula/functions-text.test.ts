import { evaluateFormula, FormulaEvaluationError } from '../../../src/procedures/formula/index';

const ev = (expression: string, data: unknown = {}): unknown => evaluateFormula(expression, data);

describe('text functions', () => {
  it('CONCAT joins every argument as text, null as nothing', () => {
    expect(ev('CONCAT(%First%, " ", %Last%)', { First: 'Ada', Last: 'Lovelace' })).toBe('Ada Lovelace');
    expect(ev('CONCAT("n=", 1.5, %missing%, true)')).toBe('n=1.5true');
  });

  it('CONCAT of a list or object writes it as JSON', () => {
    expect(ev('CONCAT("v:", %v%)', { v: [1, 'a'] })).toBe('v:[1,"a"]');
  });

  it('TOSTRING gives text, null stays null', () => {
    expect(ev('TOSTRING(42)')).toBe('42');
    expect(ev('TOSTRING(0.07 * 100)')).toBe('7');
    expect(ev('TOSTRING(true)')).toBe('true');
    expect(ev('TOSTRING(%o%)', { o: { a: 1 } })).toBe('{"a":1}');
    expect(ev('TOSTRING(%missing%)')).toBeNull();
  });

  it('UPPER and LOWER change case; null stays null', () => {
    expect(ev('UPPER("abc")')).toBe('ABC');
    expect(ev('LOWER("ABC")')).toBe('abc');
    expect(ev('UPPER(%missing%)')).toBeNull();
  });

  it('SUBSTRING(text, start, end) counts from 0, end excluded; without end to the end', () => {
    expect(ev('SUBSTRING("Salesforce", 0, 5)')).toBe('Sales');
    expect(ev('SUBSTRING("Salesforce", 5)')).toBe('force');
    expect(ev('SUBSTRING("abc", 1, 99)')).toBe('bc');
    expect(ev('SUBSTRING("abc", 2, 1)')).toBe('');
    expect(ev('SUBSTRING(%missing%, 0, 1)')).toBeNull();
  });

  it('SUBSTRING with a position that is not a whole number is an evaluation error naming SUBSTRING', () => {
    expect(() => ev('SUBSTRING("abc", 1.5)')).toThrow(FormulaEvaluationError);
    expect(() => ev('SUBSTRING("abc", "x")')).toThrow(/SUBSTRING expects a number/);
  });

  it('CONTAINS is a case-sensitive substring test', () => {
    expect(ev('CONTAINS("VBT_TestAutomation1", "TestAuto")')).toBe(true);
    expect(ev('CONTAINS("VBT_TestAutomation1", "testauto")')).toBe(false);
    expect(ev('CONTAINS(%missing%, "a")')).toBe(false);
  });

  it('text functions refuse a list or object argument', () => {
    expect(() => ev('UPPER(%l%)', { l: [1] })).toThrow(/UPPER expects text/);
  });
});

describe('Base64 functions', () => {
  it('BASE64ENCODE encodes the text of its value (docs examples)', () => {
    expect(ev('BASE64ENCODE("Encode this string.")')).toBe('RW5jb2RlIHRoaXMgc3RyaW5nLg==');
    expect(ev('BASE64ENCODE("2003-02-01T16:35:30-0500")')).toBe('MjAwMy0wMi0wMVQxNjozNTozMC0wNTAw');
    expect(ev('BASE64ENCODE(1024)')).toBe('MTAyNA==');
  });

  it('BASE64ENCODE refuses null and empty text, as the docs say', () => {
    expect(() => ev('BASE64ENCODE("")')).toThrow(FormulaEvaluationError);
    expect(() => ev('BASE64ENCODE(%missing%)')).toThrow(/BASE64ENCODE expects a value/);
  });

  it('BASE64DECODE reverses BASE64ENCODE; text that is not Base64 is an evaluation error', () => {
    expect(ev('BASE64DECODE(BASE64ENCODE("héllo wörld"))')).toBe('héllo wörld');
    expect(ev('BASE64DECODE(%missing%)')).toBeNull();
    expect(() => ev('BASE64DECODE("not base64!")')).toThrow(/BASE64DECODE expects Base64 text/);
  });
});
