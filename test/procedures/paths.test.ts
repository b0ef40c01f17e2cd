import { IpemuError } from '../../src/core/errors';
import { compilePath, getPath } from '../../src/procedures/paths';

const data = {
  State: 'CA',
  CalculateTax: { Tax: 8.66, Total: 108.66 },
  Order: {
    Items: [{ Name: 'A', Price: 10, Tags: [{ Code: 'x' }, { Code: 'y' }] }, { Name: 'B', Price: 20, Tags: [{ Code: 'z' }] }, { Name: 'C' }],
  },
  'Account.Name': 'Acme',
  'Line-Items': { 'Unit Price': 3 },
  'Jewelry - In Vault?': 'Yes',
  contact: { Id: '003', account: { Name: 'Acme' } },
};

describe('OmniStudio paths: reading', () => {
  it("':' separates levels", () => {
    expect(getPath(data, 'CalculateTax:Total')).toBe(108.66);
    expect(getPath(data, 'contact:account:Name')).toBe('Acme');
  });

  it("'|N' picks the Nth item of a list, counting from 1", () => {
    expect(getPath(data, 'Order:Items|1:Name')).toBe('A');
    expect(getPath(data, 'Order:Items|2:Price')).toBe(20);
    expect(getPath(data, 'Order:Items|2:Tags|1:Code')).toBe('z');
  });

  it("'|N' past the end of the list is absent", () => {
    expect(getPath(data, 'Order:Items|4:Name')).toBeUndefined();
  });

  it("'|1' reads a single record as a list of one, '|2' of it is absent", () => {
    expect(getPath(data, 'contact|1:Id')).toBe('003');
    expect(getPath(data, 'contact|2:Id')).toBeUndefined();
  });

  it('a name that meets a list maps over it, leaving out items without the field', () => {
    expect(getPath(data, 'Order:Items:Name')).toEqual(['A', 'B', 'C']);
    expect(getPath(data, 'Order:Items:Price')).toEqual([10, 20]);
  });

  it('mapping over a list of lists gives one flat list', () => {
    expect(getPath(data, 'Order:Items:Tags:Code')).toEqual(['x', 'y', 'z']);
  });

  it('mapping where no item has the field is absent', () => {
    expect(getPath(data, 'Order:Items:Missing')).toBeUndefined();
  });

  it("field names keep '.', '-', '?' and spaces", () => {
    expect(getPath(data, 'Account.Name')).toBe('Acme');
    expect(getPath(data, 'Line-Items:Unit Price')).toBe(3);
    expect(getPath(data, 'Jewelry - In Vault?')).toBe('Yes');
  });

  it('absent levels and values that are not objects give undefined', () => {
    expect(getPath(data, 'Nope:Deeper')).toBeUndefined();
    expect(getPath(data, 'State:Deeper')).toBeUndefined();
    expect(getPath(null, 'a')).toBeUndefined();
    expect(getPath('text', 'length')).toBeUndefined();
  });

  it("never reads what an object inherits ('__proto__', 'constructor', 'toString')", () => {
    expect(getPath({}, '__proto__')).toBeUndefined();
    expect(getPath({}, 'constructor')).toBeUndefined();
    expect(getPath({ a: {} }, 'a:toString')).toBeUndefined();
  });

  it('an empty path reads the whole value', () => {
    expect(getPath(data, '')).toBe(data);
  });

  it("a '|' followed by something other than a positive whole number is an IpemuError INVALID_INPUT naming the path", () => {
    for (const bad of ['a|0', 'a|x', 'a|-1', 'a|1.5', 'a|']) {
      expect(() => compilePath(bad)).toThrow(IpemuError);
      try {
        compilePath(bad);
      } catch (error) {
        expect((error as IpemuError).code).toBe('INVALID_INPUT');
        expect((error as Error).message).toContain(bad);
      }
    }
  });

  it('keeps its text', () => {
    expect(compilePath('a:b|1').text).toBe('a:b|1');
  });
});

describe('OmniStudio paths: writing', () => {
  it('creates the objects on the way', () => {
    const target: Record<string, unknown> = {};
    compilePath('Output:Tax:Rate').set(target, 0.0866);
    expect(target).toEqual({ Output: { Tax: { Rate: 0.0866 } } });
  });

  it('writes beside what is there and replaces a value at the end', () => {
    const target: Record<string, unknown> = { Output: { Keep: 1, Tax: 1 } };
    compilePath('Output:Tax').set(target, 2);
    expect(target).toEqual({ Output: { Keep: 1, Tax: 2 } });
  });

  it("'|N' writes into the Nth item, creating the list and the item", () => {
    const target: Record<string, unknown> = {};
    compilePath('Items|2:Name').set(target, 'B');
    expect(Array.isArray(target.Items)).toBe(true);
    expect((target.Items as unknown[])[1]).toEqual({ Name: 'B' });
    compilePath('Items|2:Price').set(target, 5);
    expect((target.Items as unknown[])[1]).toEqual({ Name: 'B', Price: 5 });
  });

  it('a name that meets a list writes into every object item', () => {
    const target: Record<string, unknown> = { Items: [{ a: 1 }, { a: 2 }] };
    compilePath('Items:Seen').set(target, true);
    expect(target.Items).toEqual([
      { a: 1, Seen: true },
      { a: 2, Seen: true },
    ]);
  });

  it("a '__proto__' key becomes an ordinary own key, never the prototype", () => {
    const target: Record<string, unknown> = {};
    compilePath('__proto__:polluted').set(target, 'yes');
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    expect(Object.prototype.hasOwnProperty.call(target, '__proto__')).toBe(true);
    expect(compilePath('__proto__:polluted').get(target)).toBe('yes');
  });

  it('a text or number on the way is replaced by an object, as a new node would be', () => {
    const target: Record<string, unknown> = { State: 'CA' };
    compilePath('State:Code').set(target, 1);
    expect(target).toEqual({ State: { Code: 1 } });
  });

  it('an empty path cannot be written', () => {
    expect(() => compilePath('').set({}, 1)).toThrow(IpemuError);
  });
});
