/**
 * A light SOQL tokenizer for what the parser library does not tell: where a token starts (syntax
 * error positions) and where LIMIT/OFFSET binds sit. It does not judge the text: the parser does.
 */
export interface SoqlToken {
  readonly text: string;
  /** Offset of the first character in the query text. */
  readonly start: number;
  /** Offset just past the last character. */
  readonly end: number;
  /** 1-based row and column of the first character. */
  readonly row: number;
  readonly column: number;
}

/**
 * A word runs on through `-`, `+` or `:` when a digit follows, so a date or datetime literal
 * (`2020-01-01T00:00:00+05:00`) is one token while `Id=:x` is three.
 */
const WORD = /[A-Za-z0-9_$.]+(?:[-+:][0-9][A-Za-z0-9_$.]*)*/y;
const STRING = /'(?:[^'\\]|\\.)*'?/y;
const OPERATOR = /!=|<>|<=|>=|[=<>]/y;

function match(pattern: RegExp, soql: string, at: number): number {
  pattern.lastIndex = at;
  return pattern.test(soql) ? pattern.lastIndex : at;
}

export function tokenize(soql: string): SoqlToken[] {
  const tokens: SoqlToken[] = [];
  let row = 1;
  let lineStart = 0;
  let i = 0;
  while (i < soql.length) {
    const ch = soql[i]!;
    if (ch === '\n') {
      row++;
      lineStart = ++i;
      continue;
    }
    if (/\s/.test(ch)) {
      i++;
      continue;
    }
    const end = ch === "'" ? match(STRING, soql, i) : Math.max(match(WORD, soql, i), match(OPERATOR, soql, i), i + 1);
    tokens.push({ text: soql.slice(i, end), start: i, end, row, column: i - lineStart + 1 });
    // A string may hold line breaks: keep the row count right after it.
    for (let j = i; j < end; j++) {
      if (soql[j] === '\n') {
        row++;
        lineStart = j + 1;
      }
    }
    i = end;
  }
  return tokens;
}

/** Where the text ends, as a row and 1-based column (the column just past the last character). */
export function endOf(soql: string): { row: number; column: number } {
  const lines = soql.split('\n');
  return { row: lines.length, column: lines[lines.length - 1]!.length + 1 };
}
