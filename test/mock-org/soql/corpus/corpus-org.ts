import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { FixtureDocument } from '../../../../src/mock-org/fixtures/types';
import { BUILT_IN_OBJECTS } from '../../../../src/mock-org/schema/catalog';
import { MockOrg } from '../../../../src/mock-org/mock-org';
import { makeId } from '../../../../src/salesforce/ids';
import type { CorpusEntry } from './classify';

/*
 * The corpus org: test/mock-org/soql/corpus/org.json, a fixture document whose Ids are written as
 * tokens (`@Account1`, `@Merchandise__c3`: the object's name and the record's serial) so that the
 * fixture and the entries' expected answers stay readable and writable by hand. The tokens become
 * real Ids (makeId of the object's key prefix) everywhere: fixture, SOQL text, binds, expected records.
 */

export const CORPUS_DIR: string = __dirname;

/** The corpus's fixed clock: a Monday, noon UTC. Every relative date in the entries counts from here. */
export const CORPUS_NOW: number = Date.parse('2026-06-15T12:00:00.000Z');

interface TokenTable {
  readonly pattern: RegExp;
  readonly prefixes: ReadonlyMap<string, string>;
}

function tokenTable(doc: FixtureDocument): TokenTable {
  const prefixes = new Map<string, string>();
  for (const [name, decl] of Object.entries(BUILT_IN_OBJECTS)) prefixes.set(name, decl.keyPrefix);
  for (const [name, decl] of Object.entries(doc.schema ?? {})) prefixes.set(name, decl.keyPrefix);
  // Longest names first: `@Product21` is Product2's first record, not a `Product` object's 21st.
  const names = [...prefixes.keys()].sort((a, b) => b.length - a.length);
  return { pattern: new RegExp(`@(${names.join('|')})(\\d+)(?![\\w])`, 'g'), prefixes };
}

/** `value` with every Id token replaced by its Id (strings inside objects and arrays too). */
export function resolveTokens<T>(value: T, table: TokenTable): T {
  if (typeof value === 'string') {
    return value.replace(table.pattern, (_token, object: string, serial: string) => makeId(table.prefixes.get(object)!, Number(serial))) as T;
  }
  if (Array.isArray(value)) return value.map((item: unknown) => resolveTokens(item, table)) as T;
  if (value !== null && typeof value === 'object') {
    const out: Record<string, unknown> = {};
    for (const [key, item] of Object.entries(value)) out[key] = resolveTokens(item, table);
    return out as T;
  }
  return value;
}

export interface CorpusOrg {
  readonly org: MockOrg;
  readonly tokens: TokenTable;
}

/** The corpus org as its default user, on the fixed clock. */
export function loadCorpusOrg(): CorpusOrg {
  const raw = JSON.parse(readFileSync(join(CORPUS_DIR, 'org.json'), 'utf8')) as FixtureDocument;
  const tokens = tokenTable(raw);
  const org = MockOrg.fromFixturesSync(resolveTokens(raw, tokens), { clock: () => CORPUS_NOW });
  return { org, tokens };
}

/** The entry files, one per source: every `*.json` here but the fixture. */
export const ENTRY_FILES: readonly string[] = readdirSync(CORPUS_DIR)
  .filter((name) => name.endsWith('.json') && name !== 'org.json')
  .sort();

const EXPECT_KEYS = new Set(['records', 'totalSize', 'error']);

/** One source's entries, each checked to have a source, a SOQL text and one expectation. */
export function readEntries(file: string): CorpusEntry[] {
  const entries = JSON.parse(readFileSync(join(CORPUS_DIR, file), 'utf8')) as CorpusEntry[];
  entries.forEach((entry, i) => {
    const keys = Object.keys(entry.expect ?? {}).filter((key) => EXPECT_KEYS.has(key));
    if (typeof entry.source !== 'string' || typeof entry.soql !== 'string' || keys.length !== 1) {
      throw new Error(`${file} entry ${i}: needs source, soql and an expect of records, totalSize or error`);
    }
  });
  return entries;
}
