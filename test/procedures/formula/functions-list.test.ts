import { evaluateFormula, FormulaEvaluationError } from '../../../src/procedures/formula/index';

const ev = (expression: string, data: unknown = {}): unknown => evaluateFormula(expression, data);

const products = {
  Products: [
    { Name: 'Auto', Price: 120, Type: 'Policy' },
    { Name: 'Home', Price: 80, Type: 'policy' },
    { Name: 'Pet', Price: 300, Type: 'Rider' },
  ],
};

describe('list functions', () => {
  it('LIST makes one anonymous list of its arguments, spreading lists and dropping absent values', () => {
    expect(ev('LIST(1, 2, 3)')).toEqual([1, 2, 3]);
    expect(ev('LIST(%a%, %b%)', { a: [1, 2], b: 3 })).toEqual([1, 2, 3]);
    expect(ev('LIST(%one%)', { one: { Id: 'x' } })).toEqual([{ Id: 'x' }]);
    expect(ev('LIST(%missing%)')).toEqual([]);
    expect(ev('LIST()')).toEqual([]);
  });

  it('LISTSIZE counts items: a record is one, nothing is zero', () => {
    expect(ev('LISTSIZE(%Products%)', products)).toBe(3);
    expect(ev('LISTSIZE(%one%)', { one: { Id: 'x' } })).toBe(1);
    expect(ev('LISTSIZE(%missing%)')).toBe(0);
    expect(ev('LISTSIZE(%a%, %b%)', { a: [1, 2], b: [3] })).toBe(3);
  });

  it('a real condition: ISNOTBLANK(x) && LISTSIZE(x) > 0', () => {
    const formula = 'ISNOTBLANK(%RecordsToUpdate:InfoCodeIds%) && LISTSIZE(%RecordsToUpdate:InfoCodeIds%) > 0';
    expect(ev(formula, { RecordsToUpdate: { InfoCodeIds: ['a'] } })).toBe(true);
    expect(ev(formula, { RecordsToUpdate: { InfoCodeIds: [] } })).toBe(false);
    expect(ev(formula, {})).toBe(false);
  });

  it('FILTER keeps the items the condition holds for, reading each item as the data, text without regard to case', () => {
    expect(ev("FILTER(LIST(%Products%), 'Price > 100')", products)).toEqual([products.Products[0], products.Products[2]]);
    expect(ev('FILTER(LIST(%Products%), "Type == \'policy\'")', products)).toEqual([products.Products[0], products.Products[1]]);
    expect(ev("FILTER(LIST(%missing%), 'Price > 100')")).toEqual([]);
  });

  it('FILTER with a condition that arrives as data compiles it, and reports its syntax errors as evaluation errors', () => {
    expect(ev('FILTER(LIST(%Products%), %cond%)', { ...products, cond: 'Price < 100' })).toEqual([products.Products[1]]);
    expect(() => ev('FILTER(LIST(%Products%), %cond%)', { ...products, cond: 'Price <' })).toThrow(FormulaEvaluationError);
  });

  it('FILTER with a literal condition that cannot be read is a syntax error at compile time', () => {
    expect(() => ev("FILTER(LIST(%Products%), 'Price >')", products)).toThrow(
      "Expected a value, found the end of the formula at column 8 of 'Price >', in the condition of FILTER at column 26 of 'FILTER(LIST(%Products%), 'Price >')'",
    );
  });

  it('LISTMERGE(keys, list1, list2) merges items with the same key values, later lists win, others keep their order', () => {
    const data = {
      a: [
        { Id: '1', Name: 'One' },
        { Id: '2', Name: 'Two' },
      ],
      b: [
        { Id: '2', Price: 20 },
        { Id: '3', Price: 30 },
      ],
    };
    expect(ev('LISTMERGE("Id", %a%, %b%)', data)).toEqual([
      { Id: '1', Name: 'One' },
      { Id: '2', Name: 'Two', Price: 20 },
      { Id: '3', Price: 30 },
    ]);
  });

  it('LISTMERGE with several keys matches on all of them (text without regard to case), and does not change its inputs', () => {
    const data = {
      a: [{ k1: 'x', k2: 1, v: 'a' }],
      b: [
        { k1: 'x', k2: 2, v: 'b' },
        { k1: 'X', k2: 1, w: 'c' },
      ],
    };
    expect(ev('LISTMERGE("k1, k2", %a%, %b%)', data)).toEqual([
      { k1: 'X', k2: 1, v: 'a', w: 'c' },
      { k1: 'x', k2: 2, v: 'b' },
    ]);
    expect(data.a).toEqual([{ k1: 'x', k2: 1, v: 'a' }]);
  });

  it('MAPTOLIST turns an object into the list of its values', () => {
    expect(ev('MAPTOLIST(%m%)', { m: { a: { Id: 1 }, b: { Id: 2 } } })).toEqual([{ Id: 1 }, { Id: 2 }]);
    expect(ev('MAPTOLIST(%l%)', { l: [1] })).toEqual([1]);
  });
});

describe('list functions on long lists', () => {
  it('LIST, LISTSIZE and FILTER take a list of 200,000 items; a path maps over one', () => {
    const long = { l: Array.from({ length: 200_000 }, (_, i) => ({ v: i, w: [i] })) };
    expect(ev('LISTSIZE(LIST(%l%, %l%))', long)).toBe(400_000);
    expect(ev("LISTSIZE(FILTER(LIST(%l%), 'v < 10'))", long)).toBe(10);
    expect(ev('LISTSIZE(%l:w%)', long)).toBe(200_000);
  });
});
