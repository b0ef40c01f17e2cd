import { compileFormula, FormulaEvaluationError, FormulaSyntaxError } from '../../../src/procedures/formula/index';
import { REAL_EXPRESSIONS, type ExpressionCase, type RealExpression } from './real-expressions';

const vlocity = { now: () => new Date('2024-05-01T12:00:00Z') };
const compiles = REAL_EXPRESSIONS.filter((entry) => entry.syntaxError !== true);

describe('real expressions from public exports and documentation', () => {
  it('the corpus holds 60+ expressions, each with its source and licence, most with expected results', () => {
    expect(REAL_EXPRESSIONS.length).toBeGreaterThanOrEqual(60);
    for (const entry of REAL_EXPRESSIONS) {
      expect(entry.source).not.toBe('');
      expect(entry.licence).not.toBe('');
    }
    expect(REAL_EXPRESSIONS.filter((entry) => entry.cases !== undefined).length).toBeGreaterThanOrEqual(45);
  });

  it.each(compiles.map((entry): [string, RealExpression] => [entry.expression, entry]))('%s compiles', (expression) => {
    expect(() => compileFormula(expression)).not.toThrow();
  });

  it.each(REAL_EXPRESSIONS.filter((entry) => entry.syntaxError === true).map((entry): [string, RealExpression] => [entry.expression, entry]))(
    '%s, as published, is a syntax error naming a column',
    (expression) => {
      expect(() => compileFormula(expression)).toThrow(FormulaSyntaxError);
    },
  );

  const cases = REAL_EXPRESSIONS.flatMap((entry) => (entry.cases ?? []).map((c, index): [string, number, ExpressionCase] => [entry.expression, index + 1, c]));
  it.each(cases)('%s, case %i, gives the stated result', (expression, _n, c) => {
    expect(compileFormula(expression)({ data: c.data, vlocity })).toEqual(c.expected);
  });

  const unknown = REAL_EXPRESSIONS.filter((entry) => entry.unknownFunction !== undefined);
  it.each(unknown.map((entry): [string, string] => [entry.expression, entry.unknownFunction ?? '']))(
    '%s compiles, and evaluating it is an evaluation error naming %s',
    (expression, name) => {
      const evaluate = compileFormula(expression);
      expect(() => evaluate({ data: {}, vlocity })).toThrow(FormulaEvaluationError);
      expect(() => evaluate({ data: {}, vlocity })).toThrow(`Unknown function ${name}`);
    },
  );
});
