import Decimal from 'decimal.js';
import fc from 'fast-check';
import { add, divide, multiply, roundHalfUp, subtract } from '../../../src/procedures/formula/arithmetic';

/** The fast path must give what exact decimal arithmetic, rounded once to a double, gives. */
const Exact = Decimal.clone({ precision: 80 });

const decimalText = fc
  .tuple(fc.integer({ min: -99_999_999, max: 99_999_999 }), fc.integer({ min: 0, max: 12 }))
  .map(([mantissa, scale]) => Number(new Exact(mantissa).dividedBy(new Exact(10).pow(scale)).toString()));
const anyNumber = fc.oneof(decimalText, fc.double({ noNaN: true, noDefaultInfinity: true, min: -1e12, max: 1e12 }), fc.integer());

describe('decimal arithmetic', () => {
  it('the cases Apex users meet: 0.07 × 100, 0.1 + 0.2, 1.1 − 1, 250 × 0.07, 3 / 4', () => {
    expect(multiply(0.07, 100)).toBe(7);
    expect(add(0.1, 0.2)).toBe(0.3);
    expect(subtract(1.1, 1)).toBe(0.1);
    expect(multiply(250, 0.07)).toBe(17.5);
    expect(divide(3, 4)).toBe(0.75);
    expect(multiply(100, 0.0866)).toBe(8.66);
  });

  it('large, tiny and exponent-form operands still give the exactly rounded result', () => {
    expect(add(1e21, 1)).toBe(new Exact(1e21).plus(1).toNumber());
    expect(multiply(1e-7, 3)).toBe(3e-7);
    expect(multiply(123456789.123, 987654321.987)).toBe(new Exact('123456789.123').times('987654321.987').toNumber());
  });

  it('+ − × ÷ equal exact decimal arithmetic rounded once to a double, for any operands', () => {
    fc.assert(
      fc.property(anyNumber, anyNumber, (a, b) => {
        expect(add(a, b)).toBe(new Exact(a).plus(b).toNumber());
        expect(subtract(a, b)).toBe(new Exact(a).minus(b).toNumber());
        expect(multiply(a, b)).toBe(new Exact(a).times(b).toNumber());
        if (b !== 0) expect(divide(a, b)).toBe(new Exact(a).dividedBy(b).toNumber());
      }),
      { numRuns: 2000 },
    );
  });

  it('rounding half away from zero on the decimal text: 1.005 → 1.01, -2.5 → -3, 2.675 → 2.68', () => {
    expect(roundHalfUp(1.005, 2)).toBe(1.01);
    expect(roundHalfUp(-2.5, 0)).toBe(-3);
    expect(roundHalfUp(2.675, 2)).toBe(2.68);
    expect(roundHalfUp(-0.4, 0)).toBe(0);
    expect(Object.is(roundHalfUp(-0.4, 0), -0)).toBe(false);
  });

  it('rounding equals decimal.js half-up rounding for any operand and places', () => {
    fc.assert(
      fc.property(anyNumber, fc.integer({ min: 0, max: 12 }), (value, places) => {
        const expected = new Exact(value).toDecimalPlaces(places, Decimal.ROUND_HALF_UP).toNumber();
        expect(roundHalfUp(value, places)).toBe(expected === 0 ? 0 : expected);
      }),
      { numRuns: 2000 },
    );
  });
});
