import fc from 'fast-check';
import { compileLike } from '../../../src/mock-org/soql/like';
import { MockOrg } from '../../../src/mock-org/mock-org';
import { makeId } from '../../../src/salesforce/ids';

/**
 * LIKE is matched without a regex (issue 12 item 2): the hostile patterns that froze the server
 * answer at once, and the matcher agrees with a plain dynamic-programming reference.
 */

type Token = { any: 'run' | 'one' } | { ch: string };

function tokensOf(pattern: string): Token[] {
  const out: Token[] = [];
  for (let i = 0; i < pattern.length; i++) {
    const ch = pattern[i]!;
    if (ch === '\\' && i + 1 < pattern.length) out.push({ ch: pattern[++i]!.toLowerCase() });
    else if (ch === '%') out.push({ any: 'run' });
    else if (ch === '_') out.push({ any: 'one' });
    else out.push({ ch: ch.toLowerCase() });
  }
  return out;
}

/** The reference: can tokens[t..] match value[v..]? Tabulated, so obviously polynomial and obviously right. */
function referenceLike(pattern: string, rawValue: string): boolean {
  const tokens = tokensOf(pattern);
  const value = rawValue.toLowerCase();
  const n = value.length;
  let next = new Array<boolean>(n + 1).fill(false);
  next[n] = true; // no tokens left: only the empty rest matches
  for (let t = tokens.length - 1; t >= 0; t--) {
    const token = tokens[t]!;
    const here = new Array<boolean>(n + 1).fill(false);
    for (let v = n; v >= 0; v--) {
      if ('any' in token && token.any === 'run') here[v] = next[v]! || (v < n && here[v + 1]!);
      else if (v < n) here[v] = ('any' in token || token.ch === value[v]) && next[v + 1]!;
    }
    next = here;
  }
  return next[0]!;
}

describe('compileLike', () => {
  it('agrees with the reference on random values and patterns (%, _, escapes, case)', () => {
    const alphabet = fc.constantFrom('a', 'A', 'b', 'B', '%', '_', '\\', '!', 'é', 'É');
    const text = (max: number) => fc.array(alphabet, { maxLength: max }).map((chars) => chars.join(''));
    fc.assert(
      fc.property(text(10), text(14), (pattern, value) => compileLike(pattern)(value) === referenceLike(pattern, value)),
      { numRuns: 3000 },
    );
  });

  it('agrees with the reference when the value is built to match (so true answers are exercised too)', () => {
    const piece = fc.oneof(
      fc.constantFrom('a', 'B', '!').map((ch) => ({ pattern: ch, value: ch.toUpperCase() })),
      fc.constantFrom('%', '\\%', '_', '\\_', '\\\\').map((p) => ({ pattern: p, value: p === '%' ? 'xy' : p === '_' ? 'z' : p.slice(1) })),
    );
    fc.assert(
      fc.property(fc.array(piece, { maxLength: 8 }), (pieces) => {
        const pattern = pieces.map((p) => p.pattern).join('');
        const value = pieces.map((p) => p.value).join('');
        return compileLike(pattern)(value) && referenceLike(pattern, value);
      }),
      { numRuns: 500 },
    );
  });

  it('the rules one by one: whole value, % may be empty, _ is exactly one, escapes are literal', () => {
    expect(compileLike('comp%')('Completed')).toBe(true);
    expect(compileLike('comp')('Completed')).toBe(false);
    expect(compileLike('%')('')).toBe(true);
    expect(compileLike('_')('')).toBe(false);
    expect(compileLike('a_c')('abc')).toBe(true);
    expect(compileLike('a_c')('abbc')).toBe(false);
    expect(compileLike('100\\%')('100%')).toBe(true);
    expect(compileLike('100\\%')('1000')).toBe(false);
    expect(compileLike('a\\_b')('axb')).toBe(false);
    expect(compileLike('x\\')('x\\')).toBe(true);
  });
});

describe('hostile LIKE patterns (they froze the server)', () => {
  const value = 'a'.repeat(68);
  // On the regex matcher these took about 2 s and 30 s on a 68-character value; each `%_` more multiplies it.
  const hostile = ['%_%_%_%_%_%!', `${'%_'.repeat(6)}%!`];

  it('answer within 2 s each through a SOQL query (they took 2 s and 30 s)', async () => {
    const org = await MockOrg.fromFixtures({
      records: { InsurancePolicy: [{ Id: makeId('0YT', 1), Name: value, ReferencePolicyNumber: value, ParentPolicyId: null }] },
    });
    await org.query("SELECT Id FROM InsurancePolicy WHERE Name LIKE 'warm-up'"); // loads the parser: not what is timed
    for (const pattern of hostile) {
      const started = Date.now();
      const result = await org.query(`SELECT Id FROM InsurancePolicy WHERE Name LIKE '${pattern}'`);
      expect(result.totalSize).toBe(0);
      expect(Date.now() - started).toBeLessThan(2000);
    }
  });

  it('longer hostile patterns (30 `%_`, 40 `%a`) answer within 2 s in compileLike, right both ways', () => {
    const started = Date.now();
    expect(compileLike(`${'%_'.repeat(30)}%!`)(value)).toBe(false);
    expect(compileLike(`${'%a'.repeat(40)}%b`)(value)).toBe(false);
    expect(compileLike(`${'%_'.repeat(30)}%`)(value)).toBe(true);
    expect(compileLike(`${'%a'.repeat(68)}%`)(value)).toBe(true);
    expect(Date.now() - started).toBeLessThan(2000);
  });
});
