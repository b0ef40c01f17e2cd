import { IpemuError } from '../../core/errors';
import { hasKeyPrefix, makeId } from '../salesforce-id';
import type { FixtureDocument } from './fixture-types';
import { readFixtureSource } from './fixture-source';
import { buildSchema, FieldSchema, ObjectSchema, Schema, SchemaProblem } from './schema';
import { parseTimeline, TimelineProblem, TimelineStep } from './timeline';
import { parseUsers, UserProblem, Users } from './users';
import { coerceFixtureValue, formatDateTime, RowValues } from './values';

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

export interface LoadedRecord {
  object: ObjectSchema;
  id: string;
  values: RowValues;
  timeline?: TimelineStep[];
}

export interface LoadedFixtures {
  schema: Schema;
  users: Users;
  records: LoadedRecord[];
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

const AUDIT_DATES = ['CreatedDate', 'LastModifiedDate', 'SystemModstamp'];

interface RecordContext {
  file?: string;
  object: ObjectSchema;
  index: number;
  givenId?: string;
}

function checkReference(ctx: RecordContext, schema: Schema, fieldName: string, id: string, problems: FixtureProblem[]): void {
  const field = ctx.object.fieldByLower.get(fieldName.toLowerCase());
  if (!field || field.polymorphic || field.type !== 'reference') return;
  const targets = field.referenceTo.map((name) => schema.get(name));
  if (targets.some((target) => !target)) return; // a target the mock org does not model: any Id goes
  if (targets.some((target) => hasKeyPrefix(id, target!.keyPrefix))) return;
  const expected = targets.map((target) => `${target!.name} (key prefix ${target!.keyPrefix})`).join(' or ');
  problems.push({ ...where(ctx), field: field.name, message: `${id} is not an Id of ${expected}` });
}

function where(ctx: RecordContext): FixtureProblem {
  return { file: ctx.file, object: ctx.object.name, record: ctx.index, ...(ctx.givenId ? { id: ctx.givenId } : {}), message: '' };
}

const exactNames = new WeakMap<ObjectSchema, Map<string, FieldSchema | undefined>>();

/** Field by the key as written; remembered per spelling, as 150,000 records repeat the same keys. */
function fieldFor(object: ObjectSchema, key: string): FieldSchema | undefined {
  let names = exactNames.get(object);
  if (!names) exactNames.set(object, (names = new Map()));
  if (names.has(key)) return names.get(key);
  const field = object.fieldByLower.get(key.toLowerCase());
  names.set(key, field);
  return field;
}

function loadRecord(ctx: RecordContext, raw: Record<string, unknown>, schema: Schema, now: string, problems: FixtureProblem[]): LoadedRecord {
  const object = ctx.object;
  const values: RowValues = {};
  let timeline: TimelineStep[] | undefined;
  for (const field of object.fields) if (field.type === 'boolean') values[field.name] = false;
  for (const key in raw) {
    if (key === 'attributes') continue; // records copied from REST responses carry it
    const value = raw[key];
    if (key === '$timeline') {
      const timelineProblems: TimelineProblem[] = [];
      timeline = parseTimeline(object, value, timelineProblems);
      for (const p of timelineProblems) problems.push({ ...where(ctx), field: p.field, message: p.message });
      continue;
    }
    const field = fieldFor(object, key);
    if (!field) {
      problems.push({ ...where(ctx), field: key, message: `no such field on ${object.name}` });
      continue;
    }
    const coerced = coerceFixtureValue(field, value);
    if (!coerced.ok) {
      problems.push({ ...where(ctx), field: field.name, message: coerced.message });
      continue;
    }
    values[field.name] = coerced.value;
    if (field.type === 'reference' && typeof coerced.value === 'string') checkReference(ctx, schema, field.name, coerced.value, problems);
  }
  // (ipemu) A real record always has its audit dates: missing ones default to the load time.
  const created = (values.CreatedDate as string | null | undefined) ?? now;
  for (const name of AUDIT_DATES) {
    if (object.fieldByLower.has(name.toLowerCase()) && values[name] == null) values[name] = name === 'CreatedDate' ? now : created;
  }
  const id = (values.Id as string | undefined) ?? '';
  if (id && !hasKeyPrefix(id, object.keyPrefix)) {
    problems.push({ ...where(ctx), field: 'Id', message: `${id} does not have ${object.name}'s key prefix ${object.keyPrefix}` });
  }
  return { object, id, values, ...(timeline ? { timeline } : {}) };
}

function loadRecords(rawRecords: { object: string; file?: string; rows: unknown }[], schema: Schema, now: string, problems: FixtureProblem[]): LoadedRecord[] {
  const records: LoadedRecord[] = [];
  // Id → position in `records`: the message for a duplicate is built only when one occurs.
  const firstSeen = new Map<string, number>();
  const origin: number[] = [];
  for (const { object: objectName, file, rows } of rawRecords) {
    const object = schema.get(objectName);
    if (!object) {
      problems.push({ file, object: objectName, message: `unknown object ${objectName} (declare it in "schema")` });
      continue;
    }
    if (!Array.isArray(rows)) {
      problems.push({ file, object: object.name, message: 'must be a list of records' });
      continue;
    }
    rows.forEach((raw: unknown, index) => {
      const rawId = typeof raw === 'object' && raw !== null ? (raw as FixtureRecordLike).Id : undefined;
      const givenId = typeof rawId === 'string' ? rawId : undefined;
      const ctx: RecordContext = { file, object, index, givenId };
      if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) {
        problems.push({ ...where(ctx), message: 'a record must be an object of field values' });
        return;
      }
      const record = loadRecord(ctx, raw as Record<string, unknown>, schema, now, problems);
      if (record.id) {
        const first = firstSeen.get(record.id);
        if (first !== undefined) {
          const by = `${records[first].object.name}[${origin[first]}]`;
          problems.push({ ...where(ctx), field: 'Id', message: `duplicate Id (first used by ${by})` });
        } else firstSeen.set(record.id, records.length);
      }
      origin.push(index);
      records.push(record);
    });
  }
  assignIds(records, firstSeen);
  return records;
}

interface FixtureRecordLike {
  Id?: unknown;
}

/** Records without an Id get a valid 18-character Id with their object's key prefix. */
function assignIds(records: LoadedRecord[], used: ReadonlyMap<string, number>): void {
  const serials = new Map<string, number>();
  for (const record of records) {
    if (record.id) continue;
    const prefix = record.object.keyPrefix;
    let serial = serials.get(prefix) ?? 1;
    let id = makeId(prefix, serial);
    while (used.has(id)) id = makeId(prefix, ++serial);
    serials.set(prefix, serial + 1);
    record.id = id;
    record.values.Id = id;
  }
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
  const records = loadRecords(raw.records, schema, formatDateTime(now), problems);
  return { schema, users, records, problems };
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

