import fc from 'fast-check';
import { compileFormula, FormulaEvaluationError, FormulaSyntaxError, type Evaluator } from '../../../src/procedures/formula/index';
import { compileValue } from '../../../src/procedures/merge-fields';

/**
 * Whatever a definition holds, compiling fails only with FormulaSyntaxError and evaluating only
 * with FormulaEvaluationError: a run turns both into an answer, never a crash.
 */

const RUNS = 400;
const vlocity = { now: () => new Date('2024-05-01T12:00:00Z') };

const TOKENS = [
  'IF(',
  'ISBLANK(',
  'ISNOTBLANK(',
  'LIST(',
  'LISTSIZE(',
  'LISTMERGE(',
  'FILTER(',
  'MAPTOLIST(',
  'SUM(',
  'AVG(',
  'MIN(',
  'MAX(',
  'ROUND(',
  'ABS(',
  'TONUMBER(',
  'TOSTRING(',
  'CONCAT(',
  'UPPER(',
  'SUBSTRING(',
  'CONTAINS(',
  'DESERIALIZE(',
  'SERIALIZE(',
  'RESERIALIZE(',
  'EXIST(',
  'ADDDAY(',
  'ADDMONTH(',
  'DATEDIFF(',
  'FORMATDATETIME(',
  'BASE64DECODE(',
  'NOW(',
  'NOSUCH(',
  '(',
  ')',
  ',',
  '%a%',
  '%b:c|1%',
  '%l%',
  '%l:v%',
  'a',
  'x:y',
  'l|2',
  '1',
  '0',
  '2.5',
  '-',
  '"s"',
  "'2024-01-31'",
  '"{\\"v\\":1}"',
  '"v > 1"',
  '+',
  '*',
  '/',
  '^',
  '&',
  '==',
  '=',
  '<',
  '>=',
  '!=',
  '<>',
  'AND',
  'OR',
  'NOT',
  '!',
  'LIKE',
  'NOTLIKE',
  '&&',
  '||',
  'true',
  'null',
  '$Vlocity.TODAY',
  '$Vlocity.NOW',
  '$Vlocity.X',
  '$Vlocity.Percent',
  ' ',
  '%',
  '"',
  ':',
  '|',
  '=',
];

const tokenText = fc.array(fc.constantFrom(...TOKENS), { maxLength: 24 }).map((parts) => parts.join(''));
const anyText = fc.oneof(fc.string({ maxLength: 80 }), fc.string({ unit: 'binary', maxLength: 40 }), tokenText);
const data = fc.record(
  { a: fc.jsonValue(), b: fc.jsonValue(), l: fc.array(fc.record({ v: fc.jsonValue() }), { maxLength: 4 }), x: fc.jsonValue() },
  { requiredKeys: [] },
);

function tryCompile(text: string): Evaluator | undefined {
  try {
    return compileFormula(text);
  } catch (error) {
    if (error instanceof FormulaSyntaxError) return undefined;
    throw error;
  }
}

describe('formula properties', () => {
  it('compileFormula throws nothing but FormulaSyntaxError, with a column inside the text (or just after it)', () => {
    fc.assert(
      fc.property(anyText, (text) => {
        try {
          compileFormula(text);
        } catch (error) {
          expect(error).toBeInstanceOf(FormulaSyntaxError);
          const position = (error as FormulaSyntaxError).position;
          expect(position).toBeGreaterThanOrEqual(1);
          expect(position).toBeLessThanOrEqual(text.length + 1);
        }
      }),
      { numRuns: RUNS },
    );
  });

  it('a compiled formula throws nothing but FormulaEvaluationError, on any data', () => {
    fc.assert(
      fc.property(tokenText, data, (text, input) => {
        const evaluate = tryCompile(text);
        if (evaluate === undefined) return;
        try {
          evaluate({ data: input, vlocity });
        } catch (error) {
          expect(error).toBeInstanceOf(FormulaEvaluationError);
        }
      }),
      { numRuns: RUNS },
    );
  });

  it('deep nesting of any kind is a FormulaSyntaxError, never a stack overflow', () => {
    const opener = fc.constantFrom('(', 'IF(', '-', 'NOT ', '!', 'LIST(');
    fc.assert(
      fc.property(fc.array(opener, { minLength: 200, maxLength: 3000 }), (openers) => {
        const text = openers.join('') + '1' + ')'.repeat(openers.filter((o) => o.endsWith('(')).length);
        expect(() => compileFormula(text)).toThrow(FormulaSyntaxError);
      }),
      { numRuns: 30 },
    );
  });

  it('compileValue throws nothing but FormulaSyntaxError for any JSON value, and its templates nothing but FormulaEvaluationError', () => {
    const value = fc.oneof(
      fc.jsonValue(),
      fc.dictionary(
        fc.string({ maxLength: 8 }),
        fc.oneof(
          tokenText,
          tokenText.map((t) => `=${t}`),
          fc.jsonValue(),
        ),
      ),
    );
    fc.assert(
      fc.property(value, data, (definition, input) => {
        let template;
        try {
          template = compileValue(definition);
        } catch (error) {
          expect(error).toBeInstanceOf(FormulaSyntaxError);
          return;
        }
        try {
          template({ data: input, vlocity });
        } catch (error) {
          expect(error).toBeInstanceOf(FormulaEvaluationError);
        }
      }),
      { numRuns: RUNS },
    );
  });
});
