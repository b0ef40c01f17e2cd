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
type ParseQuery = (soql: string, options: { allowApexBindVariables: boolean }) => Query;

const SNAPSHOT_FILE = join(__dirname, '..', 'soql-snapshot.json');

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

/** Parses SOQL with Apex bind variables; throws the parser's error for malformed text. */
export function parseSoqlText(soql: string): Query {
  const known = loadSnapshot().get(soql);
  if (known) return structuredClone(known);
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  parser ??= (require('@jetstreamapp/soql-parser-js') as { parseQuery: ParseQuery }).parseQuery;
  const query = parser(soql, { allowApexBindVariables: true });
  parsedTexts.add(soql);
  return query;
}

/** Texts the parser itself parsed in this process (the build records them into the snapshot). */
export function textsParsedByParser(): string[] {
  return [...parsedTexts];
}

export function isParserLoaded(): boolean {
  return parser !== undefined;
}
