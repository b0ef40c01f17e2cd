import type { ObjectSchema, Schema } from './schema';
import { isPlainObject } from '../../core/plain-object';
import { makeId } from '../../salesforce/ids';

const NONE: ReadonlySet<string> = new Set();

/** The mock org's Organization Id: its Organization record, identity URLs and token prefixes. */
export const MOCK_ORG_ID = makeId('00D', 1);

/**
 * The User Id of the fixture's `index`-th user (from 0, in fixture order): the one rule the mock
 * org (CreatedById of what a user writes) and the fake REST API's identity share.
 */
export function mockUserId(index: number): string {
  return makeId('005', index + 1);
}

/** A running user of the mock org and what it may not read or write (field-level security). */
export class OrgUser {
  constructor(
    readonly name: string,
    private readonly hiddenObjects: ReadonlySet<string>,
    /** Canonical `Object.Field` names. */
    private readonly hiddenFields: ReadonlySet<string>,
    /** Canonical `Object.Field` names the user reads but may not write. */
    private readonly readOnlyFields: ReadonlySet<string> = NONE,
    /** The user's User Id (mockUserId of its place in the fixture). */
    readonly id: string = mockUserId(0),
  ) {}

  /** True when the user has no restriction at all: FLS checks can be skipped. */
  get seesEverything(): boolean {
    return this.hiddenObjects.size === 0 && this.hiddenFields.size === 0;
  }

  canSeeObject(object: string): boolean {
    return !this.hiddenObjects.has(object);
  }

  canSeeField(object: string, field: string): boolean {
    return !this.hiddenFields.has(`${object}.${field}`);
  }

  /** Whether the user may write a field they can see (the field's own createable/updateable aside). */
  canEditField(object: string, field: string): boolean {
    return !this.readOnlyFields.has(`${object}.${field}`);
  }
}

export interface UserProblem {
  user: string;
  field?: string;
  message: string;
}

/** What the fake REST API's token endpoint checks for a user; kept apart from OrgUser, which every query sees. */
export interface UserCredentials {
  password?: string;
  refreshToken?: string;
}

export interface Users {
  users: Map<string, OrgUser>;
  defaultUser: string;
  /** Only the users whose fixture sets a password or refresh token. */
  credentials: Map<string, UserCredentials>;
}

const USER_KEYS = new Set(['default', 'hiddenFields', 'hiddenObjects', 'readOnlyFields', 'password', 'refreshToken']);
const EXPECTED_KEYS = 'default, hiddenFields, hiddenObjects, readOnlyFields, password, refreshToken';

/** A credential given in the fixture: a non-empty string, else a problem. */
function credential(entry: Record<string, unknown>, key: 'password' | 'refreshToken', user: string, problems: UserProblem[]): string | undefined {
  const value = entry[key];
  if (value === undefined) return undefined;
  if (typeof value === 'string' && value !== '') return value;
  problems.push({ user, field: key, message: 'must be a non-empty string' });
  return undefined;
}

function stringList(value: unknown): string[] | undefined {
  return Array.isArray(value) && value.every((item) => typeof item === 'string') ? value : undefined;
}

/**
 * The fixture's `users`. No users: one `admin` who sees everything. The default user is the
 * first with `default: true`, else the first listed.
 */
export function parseUsers(raw: unknown, schema: Schema, problems: UserProblem[]): Users {
  if (raw === undefined || raw === null) {
    return { users: new Map([['admin', new OrgUser('admin', new Set(), new Set())]]), defaultUser: 'admin', credentials: new Map() };
  }
  if (typeof raw !== 'object' || Array.isArray(raw)) {
    problems.push({ user: 'users', message: 'users must be an object of user name → { default?, hiddenFields?, hiddenObjects?, password?, refreshToken? }' });
    return parseUsers(undefined, schema, problems);
  }
  const users = new Map<string, OrgUser>();
  const credentials = new Map<string, UserCredentials>();
  let defaultUser: string | undefined;
  for (const [name, value] of Object.entries(raw as Record<string, unknown>)) {
    if (!isPlainObject(value)) {
      problems.push({ user: name, message: 'must be an object' });
      continue;
    }
    const entry = value;
    for (const key of Object.keys(entry)) {
      if (!USER_KEYS.has(key)) problems.push({ user: name, field: key, message: `unknown key (expected ${EXPECTED_KEYS})` });
    }
    if (entry.default !== undefined && typeof entry.default !== 'boolean') problems.push({ user: name, field: 'default', message: 'must be true or false' });
    const hiddenObjects = new Set<string>();
    const objectList = entry.hiddenObjects === undefined ? [] : stringList(entry.hiddenObjects);
    if (!objectList) problems.push({ user: name, field: 'hiddenObjects', message: 'must be a list of object names' });
    for (const objectName of objectList ?? []) {
      const object = schema.get(objectName);
      if (object) hiddenObjects.add(object.name);
      else problems.push({ user: name, field: 'hiddenObjects', message: `unknown object ${JSON.stringify(objectName)}` });
    }
    const hiddenFields = fieldSet(entry, 'hiddenFields', name, schema, problems);
    const readOnlyFields = fieldSet(entry, 'readOnlyFields', name, schema, problems);
    users.set(name, new OrgUser(name, hiddenObjects, hiddenFields, readOnlyFields, mockUserId(users.size)));
    const password = credential(entry, 'password', name, problems);
    const refreshToken = credential(entry, 'refreshToken', name, problems);
    if (password !== undefined || refreshToken !== undefined) credentials.set(name, { password, refreshToken });
    if (entry.default === true && defaultUser === undefined) defaultUser = name;
  }
  if (users.size === 0) return parseUsers(undefined, schema, problems);
  return { users, defaultUser: defaultUser ?? users.keys().next().value!, credentials };
}

/** A user's list of `Object.Field` names (hiddenFields, readOnlyFields), canonical; problems for names that are not fields. */
function fieldSet(entry: Record<string, unknown>, key: 'hiddenFields' | 'readOnlyFields', user: string, schema: Schema, problems: UserProblem[]): Set<string> {
  const fields = new Set<string>();
  const list = entry[key] === undefined ? [] : stringList(entry[key]);
  if (!list) problems.push({ user, field: key, message: 'must be a list of "Object.Field" names' });
  for (const path of list ?? []) {
    const canonical = canonicalField(schema, path);
    if (typeof canonical === 'string') fields.add(canonical);
    else problems.push({ user, field: key, message: canonical.message });
  }
  return fields;
}

function canonicalField(schema: Schema, path: string): string | { message: string } {
  const dot = path.indexOf('.');
  const object: ObjectSchema | undefined = dot > 0 ? schema.get(path.slice(0, dot)) : undefined;
  if (!object) return { message: `${JSON.stringify(path)} does not name a known object as "Object.Field"` };
  const field = object.fieldByLower.get(path.slice(dot + 1).toLowerCase());
  if (!field) return { message: `${JSON.stringify(path)}: no such field on ${object.name}` };
  return `${object.name}.${field.name}`;
}
