import { compileFormula, evaluateFormula } from '../../../src/procedures/formula/index';

const ev = (expression: string, data: unknown = {}): unknown => evaluateFormula(expression, data);

describe('logic functions', () => {
  it('IF picks the branch by the condition; without a third argument the else is null', () => {
    expect(ev('IF(1 < 2, "yes", "no")')).toBe('yes');
    expect(ev('IF(1 > 2, "yes", "no")')).toBe('no');
    expect(ev('IF(1 > 2, "yes")')).toBeNull();
    expect(ev("IF((a != ''),a,b)", { a: '', b: 'B' })).toBe('B');
    expect(ev("IF((a != ''),a,b)", { a: 'A', b: 'B' })).toBe('A');
  });

  it('IF keeps the JSON type of the branch it picks', () => {
    expect(ev('IF(true, %list%, 0)', { list: [1, 2] })).toEqual([1, 2]);
    expect(ev('IF(false, 0, %obj%)', { obj: { a: 1 } })).toEqual({ a: 1 });
  });

  it('IF evaluates both branches, so an error in the branch not taken still surfaces', () => {
    expect(() => ev('IF(true, 1, NOSUCH())')).toThrow('Unknown function NOSUCH');
    expect(() => ev('IF(false, 1 / 0, 2)')).toThrow('Division by zero');
  });

  it("ISBLANK: null, absent, '', only spaces, [] and {} are blank; 0 and false are not", () => {
    const data = { n: null, e: '', s: '  ', l: [], o: {}, z: 0, f: false, t: 'x' };
    for (const path of ['n', 'e', 's', 'l', 'o', 'missing']) expect(ev(`ISBLANK(%${path}%)`, data)).toBe(true);
    for (const path of ['z', 'f', 't']) expect(ev(`ISBLANK(%${path}%)`, data)).toBe(false);
  });

  it('ISNOTBLANK is the negation of ISBLANK', () => {
    expect(ev('ISNOTBLANK(%a%)', { a: 'x' })).toBe(true);
    expect(ev('ISNOTBLANK(%a%)', { a: '' })).toBe(false);
    expect(ev('ISNOTBLANK(%a%)', {})).toBe(false);
  });

  it("NOT(x) is true unless x is true or 'true'", () => {
    expect(ev('NOT(true)')).toBe(false);
    expect(ev('NOT("TRUE")')).toBe(false);
    expect(ev('NOT(false)')).toBe(true);
    expect(ev('NOT(%missing%)')).toBe(true);
  });

  it('AND(...) and OR(...) take any number of conditions and give booleans', () => {
    expect(ev('AND(true, 1 < 2, "true")')).toBe(true);
    expect(ev('AND(true, false)')).toBe(false);
    expect(ev('OR(false, %missing%, 2 > 1)')).toBe(true);
    expect(ev('OR(false, %missing%)')).toBe(false);
  });

  it('the docs example with AND( inside IF', () => {
    expect(ev('IF((%reset%="Yes" AND( %reboot%="Yes")), "Closed", "Escalated")', { reset: 'Yes', reboot: 'yes' })).toBe('Closed');
    expect(ev('IF((%reset%="Yes" AND( %reboot%="Yes")), "Closed", "Escalated")', { reset: 'Yes', reboot: 'No' })).toBe('Escalated');
  });

  it('EXIST is true for a path present in the data, even as null', () => {
    expect(ev('EXIST(%a%)', { a: null })).toBe(true);
    expect(ev('EXIST(%a:b%)', { a: { b: 0 } })).toBe(true);
    expect(ev('EXIST(%a%)', {})).toBe(false);
  });

  it('a compiled IF can be evaluated on many data without recompiling', () => {
    const evaluate = compileFormula('IF(%n% > 1, "many", "one")');
    const vlocity = { now: () => new Date(0) };
    expect([1, 2, 3].map((n) => evaluate({ data: { n }, vlocity }))).toEqual(['one', 'many', 'many']);
  });
});
