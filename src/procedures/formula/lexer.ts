/**
 * Splits a formula into tokens. Positions are 1-based columns, as a syntax error reports them.
 * Bare paths (`State`, `Order:Items|1:Price`, `var:"Primary School"`) and merge fields
 * (`%Order:Line-Items%`) both become path tokens; only merge fields may hold '-' and spaces,
 * because in a bare path `Price-1` must stay a subtraction.
 */
import { FormulaSyntaxError } from './errors';

export type TokenKind = 'number' | 'string' | 'path' | 'vlocity' | 'name' | 'op' | '(' | ')' | ',' | 'end';

export interface Token {
  readonly kind: TokenKind;
  /** The number's text, the string's content, the path, the $Vlocity variable or function name (as written), the operator. */
  readonly text: string;
  readonly position: number;
  /** For a path: written as a `%merge%` field. */
  readonly merge?: boolean;
  /** For a string: its quote and the characters between the quotes as written (escapes undecoded). */
  readonly quote?: '"' | "'";
  readonly raw?: string;
}

/** Longest first, so '<=' is never read as '<' then '='. */
const OPERATORS = ['==', '!=', '<>', '<=', '>=', '&&', '||', '=', '<', '>', '+', '-', '*', '/', '^', '&', '!'];
const NAME_START = /[A-Za-z_$]/;
const NAME_CHAR = /[A-Za-z0-9_.$]/;
const DIGIT = /[0-9]/;
const VLOCITY = /^\$vlocity\./i;

class Lexer {
  private at = 0;
  readonly tokens: Token[] = [];

  constructor(private readonly source: string) {}

  private fail(message: string, index: number): never {
    throw new FormulaSyntaxError(`${message} at column ${index + 1} of '${this.source}'`, this.source, index + 1);
  }

  private peek(offset = 0): string {
    return this.source.charAt(this.at + offset);
  }

  run(): Token[] {
    while (this.at < this.source.length) {
      const c = this.peek();
      if (/\s/.test(c)) this.at++;
      else if (DIGIT.test(c) || (c === '.' && DIGIT.test(this.peek(1)))) this.number();
      else if (c === '"' || c === "'") this.string();
      else if (c === '%') this.merge();
      else if (NAME_START.test(c)) this.name();
      else if (c === '(' || c === ')' || c === ',') this.push(c, c, this.at, 1);
      else this.operator();
    }
    this.tokens.push({ kind: 'end', text: '', position: this.source.length + 1 });
    return this.tokens;
  }

  private push(kind: TokenKind, text: string, start: number, advance = 0, merge?: boolean): void {
    this.tokens.push(merge === undefined ? { kind, text, position: start + 1 } : { kind, text, position: start + 1, merge });
    this.at += advance;
  }

  private number(): void {
    const match = /^(?:[0-9]+(?:\.[0-9]+)?|\.[0-9]+)(?:[eE][+-]?[0-9]+)?/.exec(this.source.slice(this.at));
    const text = match?.[0] ?? '';
    if (NAME_START.test(this.source.charAt(this.at + text.length)))
      this.fail(`Unexpected '${this.source.charAt(this.at + text.length)}' after the number ${text}`, this.at + text.length);
    this.push('number', text, this.at, text.length);
  }

  private string(): void {
    const start = this.at;
    const quote = this.peek() === '"' ? '"' : "'";
    const text = this.quoted();
    this.tokens.push({ kind: 'string', text, position: start + 1, quote, raw: this.source.slice(start + 1, this.at - 1) });
  }

  /** A quoted string from the quote at `this.at`; a backslash escapes the next character. Leaves `at` after the closing quote. */
  private quoted(): string {
    const quote = this.peek();
    const start = this.at;
    let text = '';
    this.at++;
    while (this.at < this.source.length) {
      const c = this.peek();
      if (c === quote) {
        this.at++;
        return text;
      }
      if (c === '\\' && this.at + 1 < this.source.length) {
        const next = this.peek(1);
        text += next === 'n' ? '\n' : next === 't' ? '\t' : next;
        this.at += 2;
      } else {
        text += c;
        this.at++;
      }
    }
    return this.fail(`Expected the closing ${quote} of the string that starts`, start);
  }

  private merge(): void {
    const start = this.at;
    const end = this.source.indexOf('%', start + 1);
    if (end < 0) this.fail("Expected the closing '%' of the merge field that starts", start);
    const inner = this.source.slice(start + 1, end).trim();
    if (inner === '') this.fail("Expected a path between '%' and '%'", start);
    this.at = end + 1;
    if (VLOCITY.test(inner)) this.push('vlocity', inner.slice('$vlocity.'.length), start);
    else this.push('path', inner, start, 0, true);
  }

  private name(): void {
    const start = this.at;
    let text = '';
    while (this.at < this.source.length) {
      const c = this.peek();
      if (NAME_CHAR.test(c)) {
        text += c;
        this.at++;
      } else if (c === ':') {
        text += c;
        this.at++;
        // `var:"Primary School"`: a quoted level, for names a bare path cannot spell.
        if (this.peek() === '"' || this.peek() === "'") text += this.quoted();
      } else if (c === '|' && DIGIT.test(this.peek(1))) {
        text += c;
        this.at++;
      } else break;
    }
    if (/^var:/i.test(text)) text = text.slice('var:'.length);
    if (text.endsWith(':')) this.fail(`Expected a field name after ':' in '${text}'`, this.at);
    if (VLOCITY.test(text)) {
      this.push('vlocity', text.slice('$vlocity.'.length), start);
      return;
    }
    let next = this.at;
    while (/\s/.test(this.source.charAt(next))) next++;
    const isCall = this.source.charAt(next) === '(' && /^[A-Za-z_][A-Za-z0-9_]*$/.test(text);
    this.push(isCall ? 'name' : 'path', text, start);
  }

  private operator(): void {
    const rest = this.source.slice(this.at);
    const op = OPERATORS.find((candidate) => rest.startsWith(candidate));
    if (op === undefined) this.fail(`Unexpected '${this.peek()}'`, this.at);
    this.push('op', op, this.at, op.length);
  }
}

export function tokenize(source: string): Token[] {
  return new Lexer(source).run();
}
