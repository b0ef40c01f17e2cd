import fc from 'fast-check';
import type { FixtureDocument } from '../../src/mock-org/fixtures/types';
import { MockOrg } from '../../src/mock-org/mock-org';
import { startMockRestServer, MockRestServer } from '../../src/mock-org/rest/server';
import { connectOrg } from '../../src/orgs/jsforce/connect';
import type { JsforceOrg } from '../../src/orgs/jsforce/jsforce-org';
import { renderSoql } from '../../src/salesforce/soql-binds';
import { policyId } from './generated-org';

/**
 * Injection-proof by construction (issue 7 item 2): whatever the string s, the SOQL that
 * renderSoql (JsforceOrg's bind renderer) makes of `… = :s`, parsed back by the mock org's engine
 * as a literal query, selects exactly the records whose value equals s case-insensitively.
 */

const SOQL = 'SELECT Id, ReferencePolicyNumber FROM InsurancePolicy WHERE ReferencePolicyNumber = :s';
/** Each distinct s is a distinct SOQL text, and each costs one parse (100-300 ms on this parser). */
const RUNS = 60;
const E2E_RUNS = 12;

const nasty = fc.constantFrom(
  "'",
  "''",
  '"',
  '\\',
  '\\\\',
  "\\'",
  '%',
  '_',
  '\n',
  '\r',
  '\t',
  '\b',
  '\f',
  ':',
  ':s',
  ' ',
  'a',
  'B',
  ' OR ',
  ' AND ',
  'Name',
  '!=',
  '(',
  ')',
  'SELECT',
  'WHERE',
  'LIKE',
  'NULL',
  '--',
  '/*',
  '*/',
  ';',
  '\u00e9',
  '\u0130',
  '\u00df',
  '\u{1F600}',
  '\u00a0',
  '\u0085',
);
/** U+2028 and U+2029 have their own test below (a known parser fault); kept out here so it cannot mask others. */
const LINE_SEPARATORS = /[\u2028\u2029]/g;
const hostile = fc
  .oneof(
    { weight: 4, arbitrary: fc.string({ unit: nasty, minLength: 1, maxLength: 12 }) },
    { weight: 2, arbitrary: fc.string({ unit: 'grapheme', minLength: 1, maxLength: 20 }) },
    { weight: 1, arbitrary: fc.string({ minLength: 1, maxLength: 20 }) },
  )
  .map((s) => s.replace(LINE_SEPARATORS, ' '));

const EXAMPLES: [string][] = [
  ["' OR Name != '"],
  ["x' OR ReferencePolicyNumber != 'x"],
  ['\\'],
  ["\\' OR Name != \\'"],
  ['%'],
  ['_'],
  [':s'],
  ["O'Brien\\Policy%_1\n\tline"],
  ["REF' LIMIT 1 --"],
];

/** s itself, its case variants, near misses, and decoys that would match if s escaped its quotes. */
function candidates(s: string): string[] {
  const values = [
    s,
    s.toUpperCase(),
    s.toLowerCase(),
    `${s}x`,
    `x${s}`,
    s.slice(0, -1),
    s.replace(/[%_]/g, 'z'),
    s.replace(/\\/g, ''),
    s.replace(/'/g, "\\'"),
    `${s}' OR Name != '`,
    `' OR Name != '${s}`,
    `\\${s}`,
    '%',
    '_',
    'x',
  ];
  return values.filter((v) => v.length > 0 && v.length <= 255);
}

function fixtureFor(values: readonly string[]): FixtureDocument {
  return {
    users: { admin: { default: true } },
    records: { InsurancePolicy: values.map((value, i) => ({ Id: policyId(i + 1), Name: `P-${i}`, ReferencePolicyNumber: value })) },
  };
}

function expectedIds(values: readonly string[], s: string): string[] {
  return values.flatMap((value, i) => (value.toLowerCase() === s.toLowerCase() ? [policyId(i + 1)] : [])).sort();
}

const idsOf = (records: readonly object[]): string[] => records.map((r) => String((r as { Id?: unknown }).Id)).sort();

describe('renderSoql output parsed back by the mock org engine', () => {
  it(`selects exactly the records equal to s, case-insensitively, never a parse error (${RUNS} runs, ${EXAMPLES.length} of them fixed examples)`, async () => {
    let nonEmpty = 0;
    fc.assert(
      fc.property(hostile, (s) => {
        const values = candidates(s);
        const org = MockOrg.fromFixturesSync(fixtureFor(values));
        const literal = renderSoql(SOQL, { s });
        expect(literal.startsWith(SOQL.slice(0, -2))).toBe(true);
        const result = org.querySync(literal);
        expect(idsOf(result.records)).toEqual(expectedIds(values, s));
        expect(result.totalSize).toBe(result.records.length);
        if (result.records.length > 0) nonEmpty++;
      }),
      { numRuns: RUNS, examples: EXAMPLES, endOnFailure: true },
    );
    // s itself is always among the records, so every run must select something.
    expect(nonEmpty).toBe(RUNS);
  });

  it('the check can fail: naive concatenation lets the decoy select every record', () => {
    const s = "' OR Name != '";
    const values = candidates(s);
    const org = MockOrg.fromFixturesSync(fixtureFor(values));
    const naive = SOQL.replace(':s', `'${s}'`);
    expect(idsOf(org.querySync(naive).records)).not.toEqual(expectedIds(values, s));
  });
});

describe('line separators U+2028 and U+2029 in a string literal', () => {
  // renderSoql passes them through raw (SOQL has no \u escape), so the mock engine must parse them.
  it.each([
    ['U+2028', 'REF\u2028X'],
    ['U+2029', 'REF\u2029X'],
  ])('%s: the literal query parses and selects exactly the equal records', (_name, s) => {
    const values = candidates(s);
    const org = MockOrg.fromFixturesSync(fixtureFor(values));
    expect(idsOf(org.querySync(renderSoql(SOQL, { s })).records)).toEqual(expectedIds(values, s));
  });
});

describe('end to end: JsforceOrg over HTTP against the fake REST API', () => {
  let server: MockRestServer | undefined;
  afterEach(async () => {
    await server?.close();
    server = undefined;
  });

  it(`JsforceOrg.query with :s selects exactly the records equal to s (${E2E_RUNS} runs)`, async () => {
    await fc.assert(
      fc.asyncProperty(hostile, async (s) => {
        const values = candidates(s);
        await server?.close();
        server = await startMockRestServer({ org: MockOrg.fromFixturesSync(fixtureFor(values)) });
        const org: JsforceOrg = await connectOrg({ instanceUrl: server.instanceUrl, accessToken: server.accessToken, maxRetries: 0 });
        const result = await org.query<{ Id: string }>(SOQL, { s });
        expect(idsOf(result.records)).toEqual(expectedIds(values, s));
        await org.close?.();
      }),
      { numRuns: E2E_RUNS, examples: EXAMPLES.slice(0, 3), endOnFailure: true },
    );
  });
});
