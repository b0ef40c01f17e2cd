import { formulaCompileCount, FormulaSyntaxError } from '../../src/procedures/formula/index';
import { compileValue } from '../../src/procedures/merge-fields';

const vlocity = { now: () => new Date('2024-03-01T01:30:00.000Z'), userId: '005xx' };
const run = (value: unknown, data: unknown): unknown => compileValue(value)({ data, vlocity });

const data = {
  Price: 100,
  SalesTax: 0.0866,
  State: 'CA',
  Flag: false,
  Items: [{ Name: 'A' }, { Name: 'B' }],
  Account: { Name: 'Acme', Id: '001' },
  'Jewelry - In Vault?': 'Yes',
};

describe('compileValue: element property values', () => {
  it("a value starting with '=' is a formula (vlocity_build IfCA Set Values)", () => {
    expect(run('=(%Price% * %SalesTax%)', data)).toBe(8.66);
    expect(run('=(%Price% + (%Price% * %SalesTax%))', data)).toBe(108.66);
  });

  it('exactly one merge field keeps the JSON type of its value', () => {
    expect(run('%Price%', data)).toBe(100);
    expect(run('%Flag%', data)).toBe(false);
    expect(run('%Items%', data)).toEqual([{ Name: 'A' }, { Name: 'B' }]);
    expect(run('%Account%', data)).toEqual({ Name: 'Acme', Id: '001' });
    expect(run('%Items|2:Name%', data)).toBe('B');
    expect(run('%Jewelry - In Vault?%', data)).toBe('Yes');
  });

  it('a single merge field whose path is absent gives undefined', () => {
    expect(run('%Nope:Deeper%', data)).toBeUndefined();
  });

  it('text with merge fields inside is interpolated: numbers as text, absent as nothing, objects as JSON', () => {
    expect(run('Total for %State%: %Price% USD', data)).toBe('Total for CA: 100 USD');
    expect(run('[%Missing%]', data)).toBe('[]');
    expect(run('%Account:Name% (%Account:Id%)', data)).toBe('Acme (001)');
    expect(run('items=%Items:Name%', data)).toBe('items=["A","B"]');
  });

  it("a lone '%' and '%' that does not frame a path stay text", () => {
    expect(run('50% off', data)).toBe('50% off');
    expect(run('50% off 20%', data)).toBe('50% off 20%');
    expect(run('10%, 20%', data)).toBe('10%, 20%');
    expect(run('%', data)).toBe('%');
  });

  it('$Vlocity variables as merge fields', () => {
    expect(run('%$Vlocity.UserId%', data)).toBe('005xx');
    expect(run('on %$Vlocity.TODAY%', data)).toBe('on 2024-03-01');
  });

  it('maps and lists compile member by member, keys kept', () => {
    const value = { Output: { Tax: '=%Price% * %SalesTax%', Label: 'Tax in %State%', Fixed: 1, Items: ['%Items|1:Name%', 2, null] } };
    expect(run(value, data)).toEqual({ Output: { Tax: 8.66, Label: 'Tax in CA', Fixed: 1, Items: ['A', 2, null] } });
  });

  it('constants come back as they are: numbers, booleans, null, plain text', () => {
    expect(run(0.0866, data)).toBe(0.0866);
    expect(run(true, data)).toBe(true);
    expect(run(null, data)).toBeNull();
    expect(run('plain', data)).toBe('plain');
  });

  it('every call builds fresh maps and lists, so a result changed later does not change the next', () => {
    const template = compileValue({ a: { b: [1] } });
    const first = template({ data, vlocity }) as { a: { b: number[] } };
    first.a.b.push(2);
    expect(template({ data, vlocity })).toEqual({ a: { b: [1] } });
  });

  it('an object read through a merge field is a copy: changing the result leaves the data as it was', () => {
    const source = { Account: { Name: 'Acme' } };
    const result = run('%Account%', source) as { Name: string };
    result.Name = 'Changed';
    expect(source.Account.Name).toBe('Acme');
    const viaFormula = run('=IF(true, %Account%, null)', source) as { Name: string };
    viaFormula.Name = 'Changed';
    expect(source.Account.Name).toBe('Acme');
  });

  it("a '__proto__' key of a definition stays an ordinary key of the result", () => {
    const value = JSON.parse('{"__proto__": {"polluted": true}, "a": 1}') as unknown;
    const result = run(value, data) as Record<string, unknown>;
    expect(Object.prototype.hasOwnProperty.call(result, '__proto__')).toBe(true);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    expect(Object.getPrototypeOf(result)).toBe(Object.prototype);
  });

  it('a formula that cannot be read throws FormulaSyntaxError naming its position and where it sits in the value', () => {
    try {
      compileValue({ Output: { Tax: '=%Price% *' } }, 'elementValueMap');
      throw new Error('compiled');
    } catch (error) {
      expect(error).toBeInstanceOf(FormulaSyntaxError);
      expect((error as FormulaSyntaxError).position).toBe(11);
      expect((error as Error).message).toContain('column 11');
      expect((error as Error).message).toContain('(in elementValueMap.Output.Tax)');
    }
  });

  it('list positions are named too, and a bad |N in a merge field is a FormulaSyntaxError', () => {
    expect(() => compileValue({ list: ['ok', '=('] })).toThrow('(in list[1])');
    expect(() => compileValue({ a: 'x %b|0% y' })).toThrow(FormulaSyntaxError);
  });

  it('compiles once: evaluating the template again parses nothing', () => {
    const template = compileValue({ a: '=%Price% * 2', b: '%State%', c: 'x %State% y' });
    const before = formulaCompileCount();
    for (let i = 0; i < 20; i++) template({ data, vlocity });
    expect(formulaCompileCount()).toBe(before);
  });
});

describe('compileValue: bounds', () => {
  it('a value nested deeper than 100 levels is a FormulaSyntaxError naming where, not a stack overflow', () => {
    let deep: unknown = 'leaf';
    for (let i = 0; i < 20000; i++) deep = { n: deep };
    expect(() => compileValue(deep, 'elementValueMap')).toThrow(FormulaSyntaxError);
    expect(() => compileValue(deep, 'elementValueMap')).toThrow(/at most 100 levels of nesting in the value \(in elementValueMap(\.n)+\)/);
  });

  it('a value nested 50 levels compiles', () => {
    let deep: unknown = '%a%';
    for (let i = 0; i < 50; i++) deep = [deep];
    expect(() => compileValue(deep)).not.toThrow();
  });
});
