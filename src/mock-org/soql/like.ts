/**
 * SOQL LIKE without regular expressions. A pattern compiled to a regex (`%` → `[\s\S]*`)
 * backtracks: `'%_%_%_%_%_%!'` on a 68-character value took 29 s, and each further `%_`
 * multiplied it by about 20. This matcher walks the value and the pattern with two pointers and
 * remembers only the last `%`: it never revisits more than one segment, so its cost is at most
 * value length × pattern length, whatever the pattern.
 */

/** A pattern token: a literal code unit (lower-cased), or one of the two wildcards. */
const ANY_RUN = -1; // %
const ANY_ONE = -2; // _

/** Tests a whole value against a compiled pattern. */
export type LikeMatcher = (value: string) => boolean;

/**
 * Compiles a LIKE pattern: `%` any run (also empty), `_` exactly one character, a backslash makes
 * the next character literal (`\%`, `\_`, `\\`; a trailing backslash is itself). Case-insensitive
 * the way SOQL `=` is (both sides lower-cased), and the whole value must match.
 */
export function compileLike(pattern: string): LikeMatcher {
  const tokens: number[] = [];
  const lower = pattern.toLowerCase();
  for (let i = 0; i < lower.length; i++) {
    const code = lower.charCodeAt(i);
    if (code === 0x5c /* \ */ && i + 1 < lower.length) tokens.push(lower.charCodeAt(++i));
    else if (code === 0x25 /* % */) {
      // Adjacent `%` mean the same as one; keeping one keeps the walk short.
      if (tokens[tokens.length - 1] !== ANY_RUN) tokens.push(ANY_RUN);
    } else if (code === 0x5f /* _ */) tokens.push(ANY_ONE);
    else tokens.push(code);
  }
  return (value) => matchTokens(tokens, value.toLowerCase());
}

function matchTokens(tokens: readonly number[], value: string): boolean {
  let v = 0;
  let p = 0;
  // Where the last `%` is in the pattern (-1: none yet) and the value position it now covers up to.
  let star = -1;
  let starValue = 0;
  while (v < value.length) {
    const token = p < tokens.length ? tokens[p]! : undefined;
    if (token === ANY_RUN) {
      star = p++;
      starValue = v;
    } else if (token !== undefined && (token === ANY_ONE || token === value.charCodeAt(v))) {
      p++;
      v++;
    } else if (star >= 0) {
      // Mismatch after a `%`: let that `%` swallow one more character and retry the segment after it.
      p = star + 1;
      v = ++starValue;
    } else return false;
  }
  while (p < tokens.length && tokens[p] === ANY_RUN) p++;
  return p === tokens.length;
}
