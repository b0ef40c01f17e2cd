import type { OrgError } from '../../core/org';
import { malformed } from './errors';
import { probeSoqlText } from './parse';
import { SoqlToken, tokenize } from './soql-tokens';

/**
 * Salesforce's MALFORMED_QUERY for a syntax error, built from where the parser stopped:
 *
 *     \nSELECT Id FROM Account WHERE\n                            ^\nERROR at Row:1:Column:29\nunexpected token: '<EOF>'
 *
 * The echoed text is a window of the error's row, as real answers show it: from the first token
 * starting at most 42 columns before the error, to the fourth token after it; the caret sits under
 * the error's column.
 */
const LEAD_COLUMNS = 42;
const TRAILING_TOKENS = 4;

/** Chevrotain's wording when the parser ran out of text rather than met a wrong token. */
const AT_END = /but found: ''$|but found --> '' <--$/;
const PARSER_ERRORS = new Set(['NoViableAltException', 'MismatchedTokenException', 'EarlyExitException', 'NotAllInputParsedException']);
const LEXER_POSITION = /\((\d+):(\d+)\)$/;

/** A failed prefix that no more text could mend: the parser met a token it cannot take. */
function deadEnd(err: Error | undefined): boolean {
  return err !== undefined && (err.name === 'LexingError' || !AT_END.test(err.message));
}

/** The token the text goes wrong at, or undefined when it ends too soon (`<EOF>`). */
function offendingToken(soql: string, tokens: readonly SoqlToken[], whole: Error): SoqlToken | undefined {
  if (!deadEnd(whole) || tokens.length === 0) return undefined;
  // The shortest prefix, cut at a token's end, the parser rejects at a token: a prefix it rejects
  // only for ending too soon may still be mended by what follows.
  let lo = 0;
  let hi = tokens.length - 1;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (deadEnd(probeSoqlText(soql.slice(0, tokens[mid]!.end)))) hi = mid;
    else lo = mid + 1;
  }
  return tokens[lo];
}

/** The message block Salesforce prefixes to a query error: the echoed window, a caret, the position. */
export function positioned(soql: string, at: { row: number; column: number }, text: string, tokens: readonly SoqlToken[] = tokenize(soql)): string {
  const row = tokens.filter((t) => t.row === at.row);
  const first = row.find((t) => t.column >= at.column - LEAD_COLUMNS);
  const errorIndex = row.findIndex((t) => t.column >= at.column);
  const last = errorIndex < 0 ? row[row.length - 1] : row[Math.min(row.length - 1, errorIndex + TRAILING_TOKENS)];
  const window = first && last && last.end > first.start ? soql.slice(first.start, last.end) : '';
  const caret = ' '.repeat(Math.max(0, at.column - (first?.column ?? at.column)));
  return `\n${window}\n${caret}^\nERROR at Row:${at.row}:Column:${at.column}\n${text}`;
}

/** `unexpected token: 'X'` at a token (or at the end of the text), in Salesforce's layout. */
export function unexpectedTokenAt(soql: string, token: SoqlToken | undefined, tokens: readonly SoqlToken[] = tokenize(soql)): OrgError {
  const lastToken = tokens[tokens.length - 1];
  // (ipemu) The end sits just past the last token: trailing blanks and line breaks are not counted.
  const at = token ?? (lastToken ? { row: lastToken.row, column: lastToken.column + lastToken.text.length } : { row: 1, column: 1 });
  return malformed(positioned(soql, at, `unexpected token: '${token ? token.text : '<EOF>'}'`, tokens));
}

/** The MALFORMED_QUERY for text the parser refused, worded as Salesforce words it. */
export function syntaxError(soql: string, err: Error): OrgError {
  const tokens = tokenize(soql);
  if (err.name === 'LexingError') {
    const [, row, column] = LEXER_POSITION.exec(err.message) ?? [];
    if (row !== undefined && column !== undefined) {
      // A character no token starts with: Salesforce names it with the 0-based column, as its lexer counts.
      const zeroBased = Number(column) - 1;
      const line = soql.split('\n')[Number(row) - 1] ?? '';
      const text = `line ${row}:${zeroBased} unexpected token: '${line[zeroBased] ?? ''}'`;
      return malformed(positioned(soql, { row: Number(row), column: zeroBased }, text, tokens));
    }
  }
  if (!PARSER_ERRORS.has(err.name)) return malformed(`unexpected token: ${err.message}`);
  return unexpectedTokenAt(soql, offendingToken(soql, tokens, err), tokens);
}
