import { join } from 'node:path';
import { IpemuError } from '../core/errors';
import { Binds, DescribeResult, Org, OrgError, QueryOptions, QueryResult, SObjectRecord } from '../core/org';
import { normalizeId } from '../salesforce/ids';
import { DEFAULT_API_VERSION } from '../salesforce/api-versions';
import { describeGlobal, describeObject, describeSummary, GlobalDescribe, ObjectSummary } from './schema/describe';
import type { FixtureDocument } from './fixtures/types';
import { loadFixturesOrThrow } from './fixtures/load';
import type { ObjectSchema, Schema } from './schema/schema';
import { ReadScope, Selection, SoqlEngine, urlBaseOf } from './soql/engine';
import { Store, valuesAt } from './store/store';
import type { OrgUser, Users } from './schema/users';
import type { RestSettings } from './fixtures/rest-settings';
import type { PackageAnswer, PackageParams, RecordFields, WriteOptions } from '../core/org';
import { AsyncJobsConfig, AsyncJobsProblem, packageServiceOf, parseAsyncJobs, runPackageService } from './package';
import { formatProblems } from './fixtures/problems';
import { asyncJobsProblem } from './fixtures/load';
import type { CommitHook, PlatformWriter, StoreChange } from './writes/changes';
import { OrgWriter } from './writes/org-writer';
import { platformWriter } from './writes/platform-writer';
import { StateFile } from './state/state-file';
import { accessError, type Plan } from './soql/compile';
import { copyOrgError } from './soql/errors';

/** The embedded demo org; the same relative path works from src/ and dist/. */
export const DEMO_FIXTURES: string = join(__dirname, '../../fixtures/demo');

export interface MockOrgOptions {
  /** The running user (a key of the fixture's `users`); default: the fixture's default user. */
  user?: string;
  /** Epoch ms; drives timelines and relative date literals. Default Date.now. */
  clock?: () => number;
  /** Default DEFAULT_API_VERSION (64.0). */
  apiVersion?: string;
  /**
   * A state file (issue 14): the org starts from its fixtures plus the writes the file holds and
   * keeps every write there (atomic, locked against a second process). Omitted: fresh from the
   * fixtures every time. Call close() to release it.
   */
  state?: string;
  /** How started jobs move (overrides the fixture's `asyncJobs`); see mock-org/package. */
  asyncJobs?: unknown;
}

/** What every user's view of one org shares. */
interface OrgCore {
  readonly serial: number;
  readonly schema: Schema;
  readonly store: Store;
  readonly engine: SoqlEngine;
  readonly users: Users;
  readonly clock: () => number;
  /** The clock when the org was created: timelines count from here. */
  readonly start: number;
  readonly apiVersion: string;
  readonly rest: RestSettings;
  /** How the emulated package's jobs move. */
  readonly asyncJobs: AsyncJobsConfig;
  /** Every write of every user's view goes through it (one transaction at a time). */
  readonly writer: OrgWriter;
  /** The state file every view shares (issue 14), once opened. */
  state?: StateFile;
}

let orgSerial = 0;

const notFound = (): OrgError => new OrgError('NOT_FOUND', 'The requested resource does not exist', 404);
/** What the REST API's sObject rows resource says for `?fields=` naming a field that is missing or hidden (SOQL words it otherwise). */
const noSuchRowColumn = (field: string, object: string): OrgError => new OrgError('INVALID_FIELD', `No such column '${field}' on sobject of type ${object}`);

/** An object's name, as the schema spells it, and what users may do with its records. */
export interface ObjectAbilities {
  readonly name: string;
  readonly createable: boolean;
  readonly updateable: boolean;
  readonly deletable: boolean;
}

/** An in-memory org on JSON fixtures that answers like Salesforce's REST API (DESIGN.md §1 rule 4). */
export class MockOrg implements Org {
  readonly userName: string;
  readonly cacheKey: string;
  /** The API version this view answers in: the `/services/data/vXX.X` of attributes.url and describe's urls. */
  readonly apiVersion: string;
  private readonly scope: ReadScope;
  private readonly scopeWithDeleted: ReadScope;

  private constructor(
    private readonly core: OrgCore,
    private readonly user: OrgUser,
    apiVersion: string = core.apiVersion,
  ) {
    this.userName = user.name;
    this.apiVersion = apiVersion;
    const own = apiVersion === core.apiVersion;
    // Describes differ by version (their urls): a view at another version is another cache entry.
    this.cacheKey = own ? `mock:${core.serial}:${user.name}` : `mock:${core.serial}:${user.name}:v${apiVersion}`;
    this.scope = own ? core.engine.defaultScope : { urlBase: urlBaseOf(apiVersion), all: false };
    this.scopeWithDeleted = { urlBase: this.scope.urlBase, all: true };
  }

  /** Loads a fixture file, directory or object; problems throw IpemuError INVALID_INPUT. */
  static async fromFixtures(source: string | FixtureDocument, options: MockOrgOptions = {}): Promise<MockOrg> {
    return MockOrg.fromFixturesSync(source, options);
  }

  static fromFixturesSync(source: string | FixtureDocument, options: MockOrgOptions = {}): MockOrg {
    const clock = options.clock ?? Date.now;
    const start = clock();
    const apiVersion = options.apiVersion ?? DEFAULT_API_VERSION;
    const loaded = loadFixturesOrThrow(source, start);
    const store = loaded.store;
    const engine = new SoqlEngine(store, loaded.schema, apiVersion);
    const asyncJobs = options.asyncJobs === undefined ? loaded.asyncJobs : MockOrg.asyncJobsOption(options.asyncJobs, loaded.schema);
    const userIds = new Set([...loaded.users.users.values()].map((user) => user.id));
    const writer = new OrgWriter({ schema: loaded.schema, store, userIds, clock, start });
    const core: OrgCore = {
      serial: ++orgSerial,
      schema: loaded.schema,
      store,
      engine,
      users: loaded.users,
      clock,
      start,
      apiVersion,
      rest: loaded.rest,
      asyncJobs,
      writer,
    };
    const org = new MockOrg(core, MockOrg.userOf(core, options.user ?? loaded.users.defaultUser));
    if (options.state !== undefined) {
      // Replayed before the hook is set: replay is not a new write.
      core.state = StateFile.open(options.state, org, { now: clock });
      org.setCommitHook(core.state.commit);
    }
    return org;
  }

  /** MockOrgOptions.asyncJobs, checked like the fixture's (problems named `asyncJobs: …`). */
  private static asyncJobsOption(raw: unknown, schema: Schema): AsyncJobsConfig {
    const problems: AsyncJobsProblem[] = [];
    const config = parseAsyncJobs(raw, schema, problems);
    if (problems.length > 0) {
      const listed = problems.map((p) => asyncJobsProblem(p));
      throw new IpemuError('INVALID_INPUT', formatProblems(listed).join('\n'), listed);
    }
    return config;
  }

  private static userOf(core: OrgCore, name: string): OrgUser {
    const user = core.users.users.get(name);
    if (!user) {
      throw new IpemuError('INVALID_INPUT', `The mock org has no user "${name}" (users: ${[...core.users.users.keys()].join(', ')}).`);
    }
    return user;
  }

  userNames(): string[] {
    return [...this.core.users.users.keys()];
  }

  /** The same org (same store and clock) seen by another user, at this view's version. */
  asUser(name: string): MockOrg {
    return new MockOrg(this.core, MockOrg.userOf(this.core, name), this.apiVersion);
  }

  /** The same org and user answering in another API version (`58.0`): what the fake REST API serves a `/services/data/v58.0/…` request from. */
  atApiVersion(apiVersion: string): MockOrg {
    return apiVersion === this.apiVersion ? this : new MockOrg(this.core, this.user, apiVersion);
  }

  /** The running user's User Id (`005…`, by the user's place in the fixture): CreatedById of what they write. */
  get userId(): string {
    return this.user.id;
  }

  /** The fixture's credentials and limits, for the fake REST API. */
  get restSettings(): RestSettings {
    return this.core.rest;
  }

  /** The SOQL engine (parse-cache statistics for tests and benchmarks). */
  get engine(): SoqlEngine {
    return this.core.engine;
  }

  // The signal is not read: the scan checks its own time budget (QUERY_TIMEOUT), and reading it
  // would make every invocation build an AbortController.
  async query<R = SObjectRecord>(soql: string, binds?: Binds, _options?: QueryOptions): Promise<QueryResult<R>> {
    const now = this.core.clock();
    const result = this.core.engine.executeSliced(soql, binds, this.user, now, now - this.core.start, this.scope);
    return (result instanceof Promise ? await result : result) as unknown as QueryResult<R>;
  }

  /** All matching rows at once (`done: true`), synchronously, without yielding: for small orgs and tests. */
  querySync(soql: string, binds?: Binds): QueryResult {
    const now = this.core.clock();
    return this.core.engine.execute(soql, binds, this.user, now, now - this.core.start, this.scope);
  }

  /**
   * The matching rows without their records (the REST server pages them itself, projecting one
   * page at a time); a long scan yields to the event loop between slices. `withDeleted`: deleted
   * records too, with IsDeleted true (`/queryAll`).
   */
  select(soql: string, binds?: Binds, options: { withDeleted?: boolean } = {}): Promise<Selection> {
    const now = this.core.clock();
    const scope = options.withDeleted === true ? this.scopeWithDeleted : this.scope;
    return this.core.engine.selectAsync(soql, binds, this.user, now, now - this.core.start, scope);
  }

  /** The compiled query, checked as this user would run it (FLS included), without running it: what `columns=true` describes. */
  plan(soql: string): Plan {
    const plan = this.core.engine.plan(soql);
    const denied = accessError(plan, this.user);
    if (denied) throw copyOrgError(denied);
    return plan;
  }

  async describe(sobject: string, _options?: QueryOptions): Promise<DescribeResult> {
    return this.describeSync(sobject);
  }

  describeSync(sobject: string): DescribeResult {
    const object = this.visibleObject(sobject);
    return describeObject(object, this.user, this.apiVersion, this.core.schema.children.of(object));
  }

  /** The object's describeGlobal entry (`GET /sobjects/<SObject>`); NOT_FOUND for an unknown or hidden object. */
  describeSummary(sobject: string): ObjectSummary {
    return describeSummary(this.visibleObject(sobject), this.apiVersion);
  }

  /** The field a user may look records up by (idLookup and readable), else undefined. */
  idLookupField(sobject: string, field: string): string | undefined {
    const object = this.visibleObject(sobject);
    const found = object.fieldByLower.get(field.toLowerCase());
    return found && found.idLookup && this.user.canSeeField(object.name, found.name) ? found.name : undefined;
  }

  /** Ids of the records whose idLookup field equals the value (Ids in 15 or 18 characters, text case-insensitively), in table order. */
  idsByLookup(sobject: string, field: string, value: string): string[] {
    const object = this.visibleObject(sobject);
    const table = this.core.store.table(object);
    if (object.fieldByLower.get(field.toLowerCase())?.type === 'id') {
      const id18 = normalizeId(value);
      const row = id18 ? table.find(id18) : undefined;
      return row ? [row.id] : [];
    }
    return table.lookup(object.fieldByLower.get(field.toLowerCase())?.name ?? field, value).map((row) => row.id);
  }

  /**
   * Describe's object flags (createable, updateable, deletable) without building the describe:
   * what the fake REST API checks on every write. NOT_FOUND for an unknown or hidden object, as describe.
   */
  objectAbilities(sobject: string): ObjectAbilities {
    const { name, createable, updateable, deletable } = this.visibleObject(sobject);
    return { name, createable, updateable, deletable };
  }

  /** The object as this user may see it; NOT_FOUND for an unknown or hidden one. */
  private visibleObject(sobject: string): ObjectSchema {
    const object = this.core.schema.get(sobject);
    if (!object || !this.user.canSeeObject(object.name)) throw notFound();
    return object;
  }

  /**
   * A record's field values in system mode (no field-level security): what the identity service
   * reads about a user and the org. Undefined when the object or the record does not exist.
   */
  systemValues(sobject: string, id: string): Readonly<Record<string, string | number | boolean | null>> | undefined {
    const object = this.core.schema.get(sobject);
    const id18 = normalizeId(id);
    const row = object && id18 ? this.core.store.table(object).find(id18) : undefined;
    return row ? valuesAt(row, this.core.clock() - this.core.start) : undefined;
  }

  describeGlobal(): GlobalDescribe {
    return describeGlobal(this.core.schema, this.user, this.apiVersion);
  }

  /** One record by Id, with all fields the user can read or the ones named (checked first, as Salesforce checks them). */
  retrieve(sobject: string, id: string, fields?: string[]): SObjectRecord {
    const object = this.visibleObject(sobject);
    const selected = fields
      ? fields.map((name) => {
          const field = object.fieldByLower.get(name.toLowerCase());
          if (!field || !this.user.canSeeField(object.name, field.name)) throw noSuchRowColumn(name, object.name);
          return field;
        })
      : object.fields.filter((field) => this.user.canSeeField(object.name, field.name));
    const id18 = normalizeId(id);
    const row = id18 ? this.core.store.table(object).find(id18) : undefined;
    if (!row) throw notFound();
    const values = valuesAt(row, this.core.clock() - this.core.start);
    const record: SObjectRecord = { attributes: { type: object.name, url: `${this.scope.urlBase}${object.name}/${row.id}` } };
    for (const field of selected) record[field.name] = values[field.name] ?? null;
    return record;
  }

  // ---- Writes (issue 14): mock-org/writes. ----

  /** Inserts a record as this user (FLS, field checks, as the REST API answers); answers its 18-character Id. */
  async create(sobject: string, fields: RecordFields, _options?: WriteOptions): Promise<string> {
    return this.createSync(sobject, fields);
  }

  createSync(sobject: string, fields: RecordFields): string {
    const writer = this.core.writer;
    return writer.insert(this.user, writer.objectFor(this.user, sobject, 'insert'), fields, this.user.id);
  }

  async update(sobject: string, id: string, fields: RecordFields, _options?: WriteOptions): Promise<void> {
    this.updateSync(sobject, id, fields);
  }

  updateSync(sobject: string, id: string, fields: RecordFields): void {
    const writer = this.core.writer;
    const object = writer.objectFor(this.user, sobject, 'update');
    writer.update(this.user, writer.rowFor(object, id), fields, this.user.id);
  }

  async delete(sobject: string, id: string, _options?: WriteOptions): Promise<void> {
    this.deleteSync(sobject, id);
  }

  deleteSync(sobject: string, id: string): void {
    const writer = this.core.writer;
    writer.delete(writer.rowFor(writer.objectFor(this.user, sobject, 'delete'), id));
  }

  /**
   * Runs `work` as one transaction as this user: every create/update/delete it makes through
   * `org` applies, or none does (an error thrown rolls all back and is rethrown); the commit hook
   * gets the changes once. Inside another transaction it joins it (a savepoint). `work` must be
   * synchronous.
   */
  transaction<T>(work: (org: MockOrg) => T): T {
    return this.core.writer.transaction(() => work(this));
  }

  /** Runs `work` as the emulated platform (system mode, see PlatformWriter) in one transaction, as this user (CreatedById). */
  asPlatform<T>(work: (platform: PlatformWriter) => T): T {
    return this.core.writer.transaction(() => work(platformWriter(this.core.writer, this.core.engine, this.user.id)));
  }

  /**
   * Applies committed changes without checks (state replay), as one transaction, without calling
   * the commit hook. A change that does not fit (unknown object or field, an Id in use, an update
   * or delete of a record the org lacks) is IpemuError INVALID_INPUT, and nothing is applied.
   */
  applyChanges(changes: readonly StoreChange[]): void {
    this.core.writer.applyChanges(changes);
  }

  /** Called with each committed transaction's changes before they are visible (the state journal); a throw rolls it back. One hook per org, shared by every user's view. */
  setCommitHook(hook: CommitHook | undefined): void {
    this.core.writer.setCommitHook(hook);
  }

  /**
   * The emulated Insurance managed package (mock-org/package): runs the job starter `key` in one
   * platform transaction (all its writes or none); an unknown key is NOT_FOUND.
   */
  async callPackage(key: string, params: PackageParams, _options?: WriteOptions): Promise<PackageAnswer> {
    return this.callPackageSync(key, params);
  }

  callPackageSync(key: string, params: PackageParams): PackageAnswer {
    const service = packageServiceOf(key);
    return this.asPlatform((platform) => runPackageService(service, key, platform, this.core.asyncJobs, params));
  }

  /**
   * Releases the state file (syncs and unlocks), for every view of the org; a no-op without one.
   * Later writes are refused (the state file is closed) rather than kept in memory only.
   */
  async close(): Promise<void> {
    this.closeSync();
  }

  closeSync(): void {
    this.core.state?.close();
  }
}
