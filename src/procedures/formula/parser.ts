/**
 * A Pratt parser: formula text → FormulaNode. Binding powers, loosest first: OR/||, AND/&&,
 * prefix NOT, comparisons (== = != <> < <= > >= LIKE NOTLIKE), &, + -, * /, unary minus, ^
 * (right-associative). Nesting is bounded, so a hostile definition cannot overflow the stack.
 * It is as lenient as the org where the org's own converter is: values juxtaposed inside a call,
 * a parenthesised list where an argument goes, extra ')' at the end. [data]
 */
import type { BinaryOperator, FormulaNode } from './ast';
import { FormulaSyntaxError } from './errors';
import { tokenize, type Token } from './lexer';

/** Deeper nesting than any real formula needs is a syntax error, well before the JS stack runs out. */
export const MAX_FORMULA_DEPTH = 100;

const NOT_POWER = 30;
const NEGATE_POWER = 80;

interface Infix {
  readonly operator: BinaryOperator;
  readonly power: number;
  readonly rightAssociative?: boolean;
}

const SYMBOL_INFIX: Readonly<Record<string, Infix>> = {
  '||': { operator: '||', power: 10 },
  '&&': { operator: '&&', power: 20 },
  '==': { operator: '==', power: 40 },
  '=': { operator: '==', power: 40 },
  '!=': { operator: '!=', power: 40 },
  '<>': { operator: '!=', power: 40 },
  '<': { operator: '<', power: 40 },
  '<=': { operator: '<=', power: 40 },
  '>': { operator: '>', power: 40 },
  '>=': { operator: '>=', power: 40 },
  '&': { operator: '&', power: 50 },
  '+': { operator: '+', power: 60 },
  '-': { operator: '-', power: 60 },
  '*': { operator: '*', power: 70 },
  '/': { operator: '/', power: 70 },
  '^': { operator: '^', power: 90, rightAssociative: true },
};

const WORD_INFIX: Readonly<Record<string, Infix>> = {
  OR: { operator: '||', power: 10 },
  AND: { operator: '&&', power: 20 },
  LIKE: { operator: 'LIKE', power: 40 },
  NOTLIKE: { operator: 'NOTLIKE', power: 40 },
};

/** Tokens that can open a value: after a complete call argument, one of these starts the next. */
const STARTS_VALUE: ReadonlySet<Token['kind']> = new Set(['number', 'string', 'path', 'vlocity', 'name', '(']);

let parseCount = 0;

/** How many times the parser has run in this process: the bench's proof that nothing is parsed per run. */
export function parseCountSoFar(): number {
  return parseCount;
}

class Parser {
  private index = 0;
  private depth = 0;
  /** Each node's height: a long chain `1+1+1…` is shallow to parse but deep to compile and evaluate. */
  private readonly heights = new WeakMap<FormulaNode, number>();

  constructor(
    private readonly source: string,
    private readonly tokens: readonly Token[],
  ) {}

  private token(): Token {
    return this.tokens[this.index] as Token;
  }

  private fail(message: string, token: Token): never {
    const found = token.kind === 'end' ? 'the end of the formula' : `'${this.describe(token)}'`;
    throw new FormulaSyntaxError(`${message}, found ${found} at column ${token.position} of '${this.source}'`, this.source, token.position);
  }

  private describe(token: Token): string {
    return token.kind === 'string' ? `"${token.text}"` : token.kind === 'vlocity' ? `$Vlocity.${token.text}` : token.text;
  }

  private advance(): Token {
    const token = this.token();
    if (token.kind !== 'end') this.index++;
    return token;
  }

  parseAll(): FormulaNode {
    if (this.token().kind === 'end') this.fail('Expected an expression', this.token());
    const node = this.expression(0);
    if (this.token().kind !== 'end' && !this.onlyClosingLeft()) this.fail('Expected an operator or the end of the formula', this.token());
    return node;
  }

  /** The org saves `COUNT(x))`: its converter drops a ')' that closes nothing, so extra ones at the very end are ignored. [data] */
  private onlyClosingLeft(): boolean {
    let at = this.index;
    while (this.tokens[at]?.kind === ')') at++;
    return this.tokens[at]?.kind === 'end';
  }

  private expression(minPower: number): FormulaNode {
    if (++this.depth > MAX_FORMULA_DEPTH) this.fail(`Expected at most ${MAX_FORMULA_DEPTH} levels of nesting`, this.token());
    const node = this.infixes(this.prefix(), minPower);
    this.depth--;
    return node;
  }

  /** The infix operators binding tighter than `minPower` that follow `first`. */
  private infixes(first: FormulaNode, minPower: number): FormulaNode {
    let left = first;
    for (;;) {
      const infix = this.infixAt(this.token());
      if (infix === undefined || infix.power <= minPower) break;
      const token = this.advance();
      const right = this.expression(infix.rightAssociative === true ? infix.power - 1 : infix.power);
      const node: FormulaNode = { kind: 'binary', operator: infix.operator, symbol: token.text, left, right, position: token.position };
      left = this.made(node, [left, right], token);
    }
    return left;
  }

  private infixAt(token: Token): Infix | undefined {
    if (token.kind === 'op') return SYMBOL_INFIX[token.text];
    // 'AND (' lexes as a call name; in infix position it is still the operator (`a = 1 AND( b = 2)`).
    if (token.kind === 'path' || token.kind === 'name') return WORD_INFIX[token.text.toUpperCase()];
    return undefined;
  }

  private prefix(): FormulaNode {
    const token = this.advance();
    const position = token.position;
    switch (token.kind) {
      case 'number':
        return { kind: 'number', text: token.text, position };
      case 'string':
        return { kind: 'string', value: token.text, quote: token.quote ?? "'", raw: token.raw ?? token.text, position };
      case 'vlocity':
        return { kind: 'vlocity', name: token.text, position };
      case 'name':
        return this.call(token);
      case '(': {
        const inner = this.expression(0);
        if (this.token().kind !== ')') this.fail("Expected ')'", this.token());
        this.advance();
        return inner;
      }
      case 'op':
        if (token.text === '-') return this.unary('negate', token, NEGATE_POWER);
        if (token.text === '+') return this.expression(NEGATE_POWER);
        if (token.text === '!') return this.unary('not', token, NOT_POWER);
        return this.fail('Expected a value', token);
      case 'path':
        return this.word(token);
      default:
        return this.fail('Expected a value', token);
    }
  }

  private made(node: FormulaNode, children: readonly FormulaNode[], token: Token): FormulaNode {
    let height = 1;
    for (const child of children) height = Math.max(height, (this.heights.get(child) ?? 1) + 1);
    if (height > MAX_FORMULA_DEPTH) this.fail(`Expected at most ${MAX_FORMULA_DEPTH} levels of nesting`, token);
    this.heights.set(node, height);
    return node;
  }

  private unary(kind: 'negate' | 'not', token: Token, power: number): FormulaNode {
    const operand = this.expression(power);
    return this.made({ kind, operand, position: token.position }, [operand], token);
  }

  private word(token: Token): FormulaNode {
    const position = token.position;
    if (token.merge === true) return { kind: 'path', path: token.text, merge: true, position };
    switch (token.text.toUpperCase()) {
      case 'TRUE':
        return { kind: 'boolean', value: true, position };
      case 'FALSE':
        return { kind: 'boolean', value: false, position };
      case 'NULL':
        return { kind: 'null', text: token.text, position };
      case 'NOT':
        return this.unary('not', token, NOT_POWER);
      case 'AND':
      case 'OR':
      case 'LIKE':
      case 'NOTLIKE':
        return this.fail('Expected a value', token);
      default:
        return { kind: 'path', path: token.text, merge: false, position };
    }
  }

  private call(token: Token): FormulaNode {
    this.advance(); // '(' — the lexer only makes a name when one follows
    const args: FormulaNode[] = [];
    if (this.token().kind === ')') {
      this.advance();
      return this.made({ kind: 'call', name: token.text.toUpperCase(), args, position: token.position }, args, token);
    }
    for (;;) {
      this.argument(args);
      const next = this.token();
      if (next.kind === ',') {
        this.advance();
        continue;
      }
      if (next.kind === ')') {
        this.advance();
        return this.made({ kind: 'call', name: token.text.toUpperCase(), args, position: token.position }, args, token);
      }
      // The org's converter gives a call every value written after its '(' (`CONCAT(a, " - " b)` is
      // CONCAT of three), so a value that follows an argument without a comma is the next one. [data]
      if (!STARTS_VALUE.has(next.kind)) this.fail(`Expected ',' or ')' in the arguments of ${token.text}`, next);
    }
  }

  /**
   * One argument, or several: a parenthesised list `(v1, v2)` written where an argument goes hands
   * each value to the call, as the org's converter does (`IF(c, (QUERY(q, id), null))` is IF of
   * three). [data] Such a list cannot be an operand: an operator after it is a syntax error.
   */
  private argument(args: FormulaNode[]): void {
    if (this.token().kind !== '(') {
      args.push(this.expression(0));
      return;
    }
    this.advance();
    const values = [this.expression(0)];
    while (this.token().kind === ',') {
      this.advance();
      values.push(this.expression(0));
    }
    if (this.token().kind !== ')') this.fail("Expected ')'", this.token());
    this.advance();
    const [only] = values;
    if (values.length === 1 && only !== undefined) {
      args.push(this.infixes(only, 0));
      return;
    }
    if (this.infixAt(this.token()) !== undefined) this.fail(`Expected ',' or ')' after a list of ${values.length} values in parentheses`, this.token());
    args.push(...values);
  }
}

/** Parses a formula (no leading '='); throws FormulaSyntaxError naming the column and what was expected. */
export function parseFormula(source: string): FormulaNode {
  parseCount++;
  return new Parser(source, tokenize(source)).parseAll();
}
