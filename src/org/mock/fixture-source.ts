import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { basename, extname, join } from 'node:path';
import type { FixtureDocument } from './fixture-types';
import type { FixtureProblem } from './fixtures';

/** A fixture's parts as read from disk (or given), each with the file it came from. */
export interface RawFixture {
  users?: unknown;
  usersFile?: string;
  schema?: unknown;
  schemaFile?: string;
  /** `owned`: parsed from JSON here, so the loader may keep the parsed records as row values. */
  records: { object: string; file?: string; rows: unknown; owned: boolean }[];
}

const TOP_KEYS = new Set(['users', 'schema', 'records']);

function readJson(file: string, problems: FixtureProblem[]): unknown {
  try {
    return JSON.parse(readFileSync(file, 'utf8'));
  } catch (err) {
    problems.push({ file, message: `not valid JSON: ${(err as Error).message}` });
    return undefined;
  }
}

function fromDocument(doc: unknown, file: string | undefined, problems: FixtureProblem[], owned: boolean): RawFixture {
  const raw: RawFixture = { records: [] };
  if (typeof doc !== 'object' || doc === null || Array.isArray(doc)) {
    problems.push({ file, message: 'a fixture must be a JSON object with users, schema and records' });
    return raw;
  }
  const entries = doc as Record<string, unknown>;
  for (const key of Object.keys(entries)) {
    if (!TOP_KEYS.has(key)) problems.push({ file, message: `unknown key ${JSON.stringify(key)} (expected users, schema, records)` });
  }
  raw.users = entries.users;
  raw.usersFile = file;
  raw.schema = entries.schema;
  raw.schemaFile = file;
  const records = entries.records;
  if (records === undefined || records === null) return raw;
  if (typeof records !== 'object' || Array.isArray(records)) {
    problems.push({ file, message: 'records must be an object of SObject name → list of records' });
    return raw;
  }
  for (const [object, rows] of Object.entries(records as Record<string, unknown>)) raw.records.push({ object, file, rows, owned });
  return raw;
}

function fromDirectory(dir: string, problems: FixtureProblem[]): RawFixture {
  const raw: RawFixture = { records: [] };
  const names = readdirSync(dir).filter((name) => extname(name) === '.json').sort();
  for (const name of names) {
    const file = join(dir, name);
    const doc = readJson(file, problems);
    if (doc === undefined) continue;
    if (name === 'org.json') {
      const org = fromDocument(doc, file, problems, true);
      Object.assign(raw, { users: org.users, usersFile: file, schema: org.schema, schemaFile: file });
      raw.records.push(...org.records);
    } else {
      raw.records.push({ object: basename(name, '.json'), file, rows: doc, owned: true });
    }
  }
  return raw;
}

/** Reads a fixture file, a fixture directory, or takes a fixture object as it is. */
export function readFixtureSource(source: string | FixtureDocument, problems: FixtureProblem[]): RawFixture {
  // The caller's object is theirs: its records are copied, never rewritten.
  if (typeof source !== 'string') return fromDocument(source, undefined, problems, false);
  if (!existsSync(source)) {
    problems.push({ file: source, message: 'no such file or directory' });
    return { records: [] };
  }
  if (statSync(source).isDirectory()) return fromDirectory(source, problems);
  const doc = readJson(source, problems);
  return doc === undefined ? { records: [] } : fromDocument(doc, source, problems, true);
}
