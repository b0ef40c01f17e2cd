import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Query } from '@jetstreamapp/soql-parser-js';

/**
 * The one door to @jetstreamapp/soql-parser-js. The parser builds its grammar when it is first
 * required (about half a second), which would dominate a one-shot `ipemu invoke`. An AST depends
 * only on the SOQL text, so the build records the ASTs of ipemu's own queries in
 * dist/soql-snapshot.json (scripts/soql-snapshot.js); texts found there skip the parser, and the
 * parser is loaded only for any other text.
 */
type ParseQuery = (soql: string, options: typeof PARSE_OPTIONS) => Query;

/**
 * ignoreParseErrors is given as false, its default: the library builds a new parser (60 ms) on
 * every call whose option differs from the last one's, and an absent option differs from false.
 */
const PARSE_OPTIONS = { allowApexBindVariables: true, ignoreParseErrors: false } as const;

const SNAPSHOT_FILE = join(__dirname, '..', '..', 'soql-snapshot.json');

let parser: ParseQuery | undefined;
let snapshot: Map<string, Query> | undefined;
const parsedTexts = new Set<string>();

function loadSnapshot(): Map<string, Query> {
  if (!snapshot) {
    snapshot = new Map();
    if (existsSync(SNAPSHOT_FILE)) {
      try {
        const entries = JSON.parse(readFileSync(SNAPSHOT_FILE, 'utf8')) as [string, Query][];
        snapshot = new Map(entries);
      } catch {
        // A damaged snapshot only costs the parser's load time.
      }
    }
  }
  return snapshot;
}

const LINE_SEPARATORS = /[\u2028\u2029]/;

/** Replaces every string in a parsed tree (literal values) through `swap`. */
function mapStrings<T>(value: T, swap: (text: string) => string): T {
  if (typeof value === 'string') return swap(value) as T;
  if (Array.isArray(value)) return (value as unknown[]).map((v) => mapStrings(v, swap)) as T;
  if (typeof value === 'object' && value !== null) {
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(value)) out[k] = mapStrings(v, swap);
    return out as T;
  }
  return value;
}

/**
 * The parser's lexer refuses U+2028/U+2029 inside string literals, which Salesforce accepts (and
 * which a rendered bind may hold). They are swapped for private-use characters absent from the
 * text for the parse, and swapped back in the tree.
 */
function parseWithLineSeparators(soql: string, parse: ParseQuery): Query {
  const unused: string[] = [];
  for (let code = 0xe000; unused.length < 2; code++) {
    const ch = String.fromCharCode(code);
    if (!soql.includes(ch)) unused.push(ch);
  }
  // The loop stops at two.
  const ls = unused[0]!;
  const ps = unused[1]!;
  const hidden = soql.replace(/\u2028/g, ls).replace(/\u2029/g, ps);
  return mapStrings(parse(hidden, PARSE_OPTIONS), (text) => text.split(ls).join('\u2028').split(ps).join('\u2029'));
}

function loadParser(): ParseQuery {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  parser ??= (require('@jetstreamapp/soql-parser-js') as { parseQuery: ParseQuery }).parseQuery;
  return parser;
}

/** Parses SOQL with Apex bind variables; throws the parser's error for malformed text. */
export function parseSoqlText(soql: string): Query {
  const known = loadSnapshot().get(soql);
  if (known) return structuredClone(known);
  const parse = loadParser();
  const query = LINE_SEPARATORS.test(soql) ? parseWithLineSeparators(soql, parse) : parse(soql, PARSE_OPTIONS);
  parsedTexts.add(soql);
  return query;
}

/**
 * The parser's error for a text, or undefined when it parses; not recorded for the snapshot (the
 * syntax-error wording parses prefixes of a bad text to find where it went wrong).
 */
export function probeSoqlText(soql: string): Error | undefined {
  const parse = loadParser();
  try {
    parse(soql, PARSE_OPTIONS);
    return undefined;
  } catch (err) {
    return err as Error;
  }
}

/** Texts the parser itself parsed in this process (the build records them into the snapshot). */
export function textsParsedByParser(): string[] {
  return [...parsedTexts];
}

export function isParserLoaded(): boolean {
  return parser !== undefined;
}
