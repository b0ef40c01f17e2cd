import { IpemuError } from '../../../src/core/errors';
import {
  compileCondition,
  compileFormula,
  evaluateFormula,
  FormulaEvaluationError,
  formulaCompileCount,
  FormulaSyntaxError,
  MAX_FORMULA_DEPTH,
} from '../../../src/procedures/formula/index';

const vlocity = { now: () => new Date('2024-05-01T12:00:00Z') };

function syntaxError(expression: string): FormulaSyntaxError {
  try {
    compileFormula(expression);
  } catch (error) {
    if (error instanceof FormulaSyntaxError) return error;
    throw error;
  }
  throw new Error(`'${expression}' compiled`);
}

describe('compileFormula: syntax errors name the column and what was expected', () => {
  it.each([
    ['IF(a,', 6, /Expected a value, found the end of the formula at column 6/],
    ['1 +', 4, /Expected a value/],
    ['(1 + 2', 7, /Expected '\)'/],
    ['IF(a b', 7, /Expected ',' or '\)' in the arguments of IF, found the end of the formula at column 7/],
    ['IF(a !b)', 6, /Expected ',' or '\)' in the arguments of IF, found '!' at column 6/],
    ['a == == b', 6, /Expected a value, found '==' at column 6/],
    ['"open', 1, /Expected the closing " of the string that starts at column 1/],
    ['%Price * 2', 1, /Expected the closing '%' of the merge field/],
    ['1 2', 3, /Expected an operator or the end of the formula, found '2' at column 3/],
    ['a # b', 3, /Unexpected '#' at column 3/],
    ['', 1, /Expected an expression/],
    ['a:', 3, /Expected a field name after ':'/],
    ['12abc', 3, /Unexpected 'a' after the number 12/],
    ['a AND', 6, /Expected a value/],
  ])('%s → column %i', (expression, position, message) => {
    const error = syntaxError(expression);
    expect(error.position).toBe(position);
    expect(error.message).toMatch(message);
    expect(error.expression).toBe(expression);
  });

  it("a leading '=' is accepted and columns still count from the text as written", () => {
    expect(evaluateFormula('=1 + 1', {})).toBe(2);
    expect(evaluateFormula('  = 2 * 3', {})).toBe(6);
    const error = syntaxError('=IF(a,');
    expect(error.position).toBe(7);
    expect(error.message).toContain("at column 7 of '=IF(a,'");
  });

  it("a bad '|N' in a path is a syntax error at the path", () => {
    const error = syntaxError('1 + %a|x%');
    expect(error.position).toBe(5);
  });

  it('is an IpemuError INVALID_INPUT, so a run answers it through the one error table', () => {
    const error = syntaxError('(');
    expect(error).toBeInstanceOf(IpemuError);
    expect(error.code).toBe('INVALID_INPUT');
  });

  it(`nesting deeper than ${MAX_FORMULA_DEPTH} levels is a syntax error, not a stack overflow`, () => {
    const deep = '('.repeat(5000) + '1' + ')'.repeat(5000);
    expect(syntaxError(deep).message).toMatch(/at most 100 levels of nesting/);
    expect(syntaxError('-'.repeat(5000) + '1').message).toMatch(/levels of nesting/);
    expect(syntaxError(Array.from({ length: 5000 }, () => '1').join(' + ')).message).toMatch(/levels of nesting/);
    expect(syntaxError('IF('.repeat(3000) + '1' + ')'.repeat(3000)).message).toMatch(/levels of nesting/);
  });

  it('nesting within the limit compiles', () => {
    const depth = 40;
    expect(evaluateFormula('('.repeat(depth) + '1' + ')'.repeat(depth), {})).toBe(1);
    expect(evaluateFormula(Array.from({ length: 90 }, () => '1').join(' + '), {})).toBe(90);
  });
});

describe('compileFormula: evaluation errors', () => {
  it('an unknown function compiles, and evaluating it throws a FormulaEvaluationError naming it (INVOKE-501)', () => {
    const evaluate = compileFormula('IF(true, NOSUCH(1, 2), 0)');
    expect(() => evaluate({ data: {}, vlocity })).toThrow(FormulaEvaluationError);
    expect(() => evaluate({ data: {}, vlocity })).toThrow('Unknown function NOSUCH');
    try {
      evaluate({ data: {}, vlocity });
    } catch (error) {
      expect((error as FormulaEvaluationError).code).toBe('NOT_IMPLEMENTED');
      expect((error as FormulaEvaluationError).functionName).toBe('NOSUCH');
    }
  });

  it('function names ignore case', () => {
    expect(evaluateFormula('if(isblank(%a%), "blank", "set")', {})).toBe('blank');
    expect(evaluateFormula('ListSize(%a%)', { a: [1, 2] })).toBe(2);
  });

  it('a wrong number of arguments is an evaluation error naming the function and the count', () => {
    expect(() => evaluateFormula('ISBLANK(1, 2)', {})).toThrow('ISBLANK expects 1 argument, got 2');
    expect(() => evaluateFormula('IF(true)', {})).toThrow('IF expects 2 to 3 arguments, got 1');
    expect(() => evaluateFormula('TODAY(1)', {})).toThrow('TODAY expects 0 arguments, got 1');
  });

  it('a bad argument type is an evaluation error (INVOKE-400)', () => {
    try {
      evaluateFormula('"abc" * 2', {});
      throw new Error('evaluated');
    } catch (error) {
      expect(error).toBeInstanceOf(FormulaEvaluationError);
      expect((error as FormulaEvaluationError).code).toBe('INVALID_INPUT');
      expect((error as Error).message).toContain("'*' expects numbers, got 'abc'");
    }
  });

  it('division by zero is an evaluation error', () => {
    expect(() => evaluateFormula('1 / 0', {})).toThrow('Division by zero');
  });

  it('an unknown $Vlocity variable is an evaluation error naming it', () => {
    expect(() => evaluateFormula('$Vlocity.Whatever', {})).toThrow('Unknown variable $Vlocity.Whatever');
  });
});

describe('compileCondition', () => {
  const scope = (data: unknown): { data: unknown; vlocity: typeof vlocity } => ({ data, vlocity });

  it("'', null, undefined and only spaces mean no condition", () => {
    expect(compileCondition('')).toBeUndefined();
    expect(compileCondition(null)).toBeUndefined();
    expect(compileCondition(undefined)).toBeUndefined();
    expect(compileCondition('   ')).toBeUndefined();
  });

  it("is true only when the formula gives true or 'true'", () => {
    const condition = compileCondition('State == "CA"');
    expect(condition?.(scope({ State: 'CA' }))).toBe(true);
    expect(condition?.(scope({ State: 'NV' }))).toBe(false);
    expect(compileCondition('%flag%')?.(scope({ flag: 'True' }))).toBe(true);
    expect(compileCondition('%flag%')?.(scope({ flag: 1 }))).toBe(false);
    expect(compileCondition('%flag%')?.(scope({}))).toBe(false);
  });

  it('a boolean is a constant condition; other non-text values are a syntax error', () => {
    expect(compileCondition(true)?.(scope({}))).toBe(true);
    expect(compileCondition(false)?.(scope({}))).toBe(false);
    expect(() => compileCondition(42)).toThrow(FormulaSyntaxError);
  });

  it('a condition that cannot be read is a FormulaSyntaxError at compile time', () => {
    expect(() => compileCondition('State ==')).toThrow(FormulaSyntaxError);
  });
});

describe('compile once, evaluate many times', () => {
  it('evaluating a compiled formula never runs the parser', () => {
    const evaluate = compileFormula('IF(FILTER(LIST(%Items%), "Price > 10") == null, 0, SUM(%Items:Price%)) + LISTSIZE(%Items%)');
    const before = formulaCompileCount();
    for (let i = 0; i < 50; i++) evaluate({ data: { Items: [{ Price: i }, { Price: 20 }] }, vlocity });
    expect(formulaCompileCount()).toBe(before);
  });

  it('compiling counts one parse (FILTER literal conditions are parsed with it)', () => {
    const before = formulaCompileCount();
    compileFormula('1 + 1');
    expect(formulaCompileCount()).toBe(before + 1);
    compileFormula('FILTER(LIST(%a%), "b == 1")');
    expect(formulaCompileCount()).toBe(before + 3);
  });

  it('the same compiled formula gives each data its own answer', () => {
    const evaluate = compileFormula('%a% * 2');
    expect(evaluate({ data: { a: 1 }, vlocity })).toBe(2);
    expect(evaluate({ data: { a: 5 }, vlocity })).toBe(10);
  });
});

describe('syntax errors after a string name the right column', () => {
  it('the column of a token after a string counts the string', () => {
    expect(syntaxError('"abc" "def"').position).toBe(7);
    expect(syntaxError("IF('x', 'y') 'z'").position).toBe(14);
  });
});

describe("syntax errors in a FILTER condition of a formula written with '='", () => {
  it('keep the inner column and restate the outer one against the text as written', () => {
    const error = syntaxError("=FILTER(LIST(%l%), 'v >')");
    expect(error.position).toBe(20);
    expect(error.message).toBe(
      "Expected a value, found the end of the formula at column 4 of 'v >', in the condition of FILTER at column 20 of '=FILTER(LIST(%l%), 'v >')'",
    );
  });
});
