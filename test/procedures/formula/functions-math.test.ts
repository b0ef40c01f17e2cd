import { evaluateFormula } from '../../../src/procedures/formula/index';

const ev = (expression: string, data: unknown = {}): unknown => evaluateFormula(expression, data);
const numbers = { Numbers: [{ Item: 30 }, { Item: 40 }, { Item: 10 }] };

describe('math functions', () => {
  it('ROUND(n, places) rounds half away from zero, places default 0', () => {
    expect(ev('ROUND(6.52534, 3)')).toBe(6.525);
    expect(ev('ROUND(2.5)')).toBe(3);
    expect(ev('ROUND(-2.5)')).toBe(-3);
    expect(ev('ROUND(1.005, 2)')).toBe(1.01);
    expect(ev('ROUND(%missing%, 2)')).toBeNull();
  });

  it('ABS', () => {
    expect(ev('ABS(-6.52534)')).toBe(6.52534);
    expect(ev('ABS("-3")')).toBe(3);
  });

  it('MIN and MAX of numbers or of a list from a path (docs: MAX(Numbers:Item) is 40)', () => {
    expect(ev('MAX(Numbers:Item)', numbers)).toBe(40);
    expect(ev('MIN(Numbers:Item)', numbers)).toBe(10);
    expect(ev('MAX(1, 5, 3)')).toBe(5);
    expect(ev('MIN(%missing%)')).toBeNull();
  });

  it('SUM in decimals', () => {
    expect(ev('SUM(Numbers:Item)', numbers)).toBe(80);
    expect(ev('SUM(0.1, 0.2)')).toBe(0.3);
    expect(ev('SUM(%missing%)')).toBe(0);
  });

  it('AVG: docs examples, nulls count toward the denominator', () => {
    expect(ev('AVG(1, 2, 3, 4, 5, 6, 7, 8, 9, 10)')).toBe(5.5);
    expect(ev('AVG(List:Item)', { List: [{ Item: 3.5 }, { Item: 4.25 }, { Item: 5.75 }] })).toBe(4.5);
    expect(ev('AVG(%List%)', { List: [2, null, 4] })).toBe(2);
  });

  it('TONUMBER reads numeric text; other text is null', () => {
    expect(ev('TONUMBER("12.50")')).toBe(12.5);
    expect(ev('TONUMBER("abc")')).toBeNull();
    expect(ev('TONUMBER(%n%) + 1', { n: '41' })).toBe(42);
  });

  it('a list item that is not a number is an evaluation error naming the function', () => {
    expect(() => ev('SUM(%l%)', { l: [1, 'x'] })).toThrow(/SUM expects numbers, got 'x'/);
  });
});

describe('math functions on long lists', () => {
  it('MIN, MAX and SUM take a list of 200,000 numbers', () => {
    const long = { l: Array.from({ length: 200_000 }, (_, i) => i % 1000) };
    expect(ev('MAX(%l%)', long)).toBe(999);
    expect(ev('MIN(%l%)', long)).toBe(0);
    expect(ev('SUM(%l%)', long)).toBe(99_900_000);
  });
});
