import { evaluateFormula } from '../../../src/procedures/formula/index';

const ev = (expression: string, data: unknown = {}): unknown => evaluateFormula(expression, data);

describe('JSON functions', () => {
  it('DESERIALIZE parses JSON text; blank gives null; JSON already parsed stays as it is', () => {
    expect(ev('DESERIALIZE(%t%)', { t: '{"a":[1,2]}' })).toEqual({ a: [1, 2] });
    expect(ev('DESERIALIZE(%t%)', { t: '' })).toBeNull();
    expect(ev('DESERIALIZE(%o%)', { o: { a: 1 } })).toEqual({ a: 1 });
  });

  it('DESERIALIZE of text that is not JSON is an evaluation error naming DESERIALIZE', () => {
    expect(() => ev('DESERIALIZE("{nope")')).toThrow(/DESERIALIZE expects JSON text/);
  });

  it('SERIALIZE writes JSON text; absent is "null"', () => {
    expect(ev('SERIALIZE(%o%)', { o: { a: [1, 'x'] } })).toBe('{"a":[1,"x"]}');
    expect(ev('SERIALIZE(%missing%)')).toBe('null');
  });

  it('RESERIALIZE gives a fresh copy of the value', () => {
    const data = { o: { a: { b: 1 } } };
    const copy = ev('RESERIALIZE(%o%)', data) as { a: { b: number } };
    expect(copy).toEqual(data.o);
    expect(copy).not.toBe(data.o);
    expect(copy.a).not.toBe(data.o.a);
  });
});
