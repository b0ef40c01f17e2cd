import { IpemuError } from '../../core/errors';
import type { FixtureDocument } from './fixture-types';
import { readFixtureSource } from './fixture-source';
import { loadRecords } from './fixture-records';
import { buildSchema, Schema, SchemaProblem } from './schema';
import type { Store } from './store';
import { parseUsers, UserProblem, Users } from './users';
import { formatDateTime } from './values';

export interface FixtureProblem {
  file?: string;
  object?: string;
  /** The record's index in its list. */
  record?: number | string;
  /** The record's Id as given, when it has one. */
  id?: string;
  field?: string;
  message: string;
}

export interface LoadedFixtures {
  schema: Schema;
  users: Users;
  /** Every record, stored and indexed (incomplete when there are problems). */
  store: Store;
  problems: FixtureProblem[];
}

/** `file: Object[3] (Id): field F: message`, leaving out the parts a problem does not have. */
export function formatProblem(problem: FixtureProblem): string {
  let where = problem.object ?? '';
  if (problem.record !== undefined) where += `[${problem.record}]`;
  if (problem.id) where += ` (${problem.id})`;
  const parts = [problem.file, where || undefined, problem.field !== undefined ? `field ${problem.field}` : undefined, problem.message];
  return parts.filter((part) => part !== undefined && part !== '').join(': ');
}

/** Reads and checks a fixture in one pass; `now` (epoch ms) fills missing audit dates. */
export function loadFixtures(source: string | FixtureDocument, now: number): LoadedFixtures {
  const problems: FixtureProblem[] = [];
  const raw = readFixtureSource(source, problems);
  const schemaProblems: SchemaProblem[] = [];
  const schema = buildSchema(raw.schema, schemaProblems);
  for (const p of schemaProblems) problems.push({ file: raw.schemaFile, object: `schema.${p.object}`, field: p.field, message: p.message });
  const userProblems: UserProblem[] = [];
  const users = parseUsers(raw.users, schema, userProblems);
  for (const p of userProblems) problems.push({ file: raw.usersFile, object: `users.${p.user}`, field: p.field, message: p.message });
  const store = loadRecords(raw.records, schema, formatDateTime(now), problems);
  return { schema, users, store, problems };
}

/** Every problem of a fixture (file, directory or object), not just the first. */
export function validateFixtures(source: string | FixtureDocument): FixtureProblem[] {
  return loadFixtures(source, Date.now()).problems;
}

const MAX_LISTED = 20;

/** The fixture loaded, or IpemuError INVALID_INPUT listing its problems. */
export function loadFixturesOrThrow(source: string | FixtureDocument, now: number): LoadedFixtures {
  const loaded = loadFixtures(source, now);
  const { problems } = loaded;
  if (problems.length > 0) {
    const listed = problems.slice(0, MAX_LISTED).map(formatProblem);
    if (problems.length > MAX_LISTED) listed.push(`… and ${problems.length - MAX_LISTED} more problems`);
    throw new IpemuError('INVALID_INPUT', listed.join('\n'), problems);
  }
  return loaded;
}

