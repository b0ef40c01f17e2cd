import { LRUCache } from 'lru-cache';
import type { Binds, OrgError, QueryResult, SObjectRecord } from '../../core/org';
import { isOrgError } from '../../core/org';
import type { Schema } from '../schema/schema';
import type { Row, Store } from '../store/store';
import type { OrgUser } from '../schema/users';
import { accessError, compilePlan, parseSoql, Plan } from './compile';
import { equalityKeys } from './operands';
import { sortRows } from './select';
import { copyOrgError } from './errors';
import type { ExecCtx, RowTest } from './where';
import { DEFAULT_SCAN_BUDGET, ROWS_PER_CLOCK_LOOK, runSliced, ScanBudget, ScanInput, ScanOutput, scanRows } from './scan';
import { Selection, selectionOf, selectionOfRecords } from './selection';
import { QueryCtx, UserCalendars } from './user-calendar';
import { runAggregate } from './aggregate-run';
import type { Projector } from './project';

export type { Selection } from './selection';

export const DEFAULT_PARSE_CACHE_SIZE = 2000;
const NO_BINDS: Binds = Object.freeze({});
const EMPTY_ROWS: readonly Row[] = Object.freeze([]);

/**
 * How one request reads: `urlBase` starts its records' attributes.url (`/services/data/vXX.X/sobjects/`,
 * the version asked for), and `all` lets deleted records in, as `/queryAll` does.
 */
export interface ReadScope {
  readonly urlBase: string;
  readonly all: boolean;
}

export const urlBaseOf = (apiVersion: string): string => `/services/data/v${apiVersion}/sobjects/`;

/** A compiled plan, or the error compiling the text gave (cached too). */
interface CacheEntry {
  readonly plan: Plan | OrgError;
}

/**
 * Evaluates SOQL against the store. Each distinct text is parsed and compiled once and kept in a
 * bounded LRU cache (hostile REST clients can send endless distinct texts); failures are cached
 * too, so a bad query repeated costs no parse.
 */
export class SoqlEngine {
  private readonly cache: LRUCache<string, CacheEntry>;
  private parses = 0;
  private examined = 0;
  private readonly calendars: UserCalendars;
  /** The org's own version, for callers that name no scope. */
  readonly defaultScope: ReadScope;

  constructor(
    private readonly store: Store,
    private readonly schema: Schema,
    apiVersion: string,
    capacity = DEFAULT_PARSE_CACHE_SIZE,
    private readonly budget: ScanBudget = DEFAULT_SCAN_BUDGET,
  ) {
    this.defaultScope = { urlBase: urlBaseOf(apiVersion), all: false };
    this.cache = new LRUCache<string, CacheEntry>({ max: capacity });
    this.calendars = new UserCalendars(store);
  }

  /** How many times the parser ran (once per distinct text still or once cached). */
  get parseCount(): number {
    return this.parses;
  }

  /** Rows looked at by all queries so far: through an index, only the rows it gave (benchmarks show it flat with org size). */
  get rowsExamined(): number {
    return this.examined;
  }

  get cachedTexts(): number {
    return this.cache.size;
  }

  plan(soql: string): Plan {
    let entry = this.cache.get(soql);
    if (entry === undefined) {
      this.parses++;
      let plan: Plan | OrgError;
      try {
        plan = compilePlan(this.schema, this.store, parseSoql(soql));
      } catch (err) {
        if (!isOrgError(err)) throw err;
        plan = err;
      }
      entry = { plan };
      this.cache.set(soql, entry);
    }
    if (isOrgError(entry.plan)) throw copyOrgError(entry.plan);
    return entry.plan;
  }

  /** All matching records at once, synchronously (the in-process path for small orgs and tests). */
  execute(soql: string, binds: Binds | undefined, user: OrgUser, now: number, elapsed: number, scope: ReadScope = this.defaultScope): QueryResult {
    const plan = this.plan(soql);
    const rows = this.scan(plan, binds, user, now, elapsed, undefined, scope.all) as Row[];
    if (plan.aggregate) return runAggregate(plan.aggregate, rows, { binds: binds ?? NO_BINDS, now, elapsed }) as QueryResult;
    return this.resultOf(plan, rows, elapsed, undefined, scope.urlBase, projectorOf(plan, new QueryCtx(binds ?? NO_BINDS, now, elapsed, this.calendars, user))) as QueryResult;
  }

  /**
   * The matching rows, found in slices that yield to the event loop when a scan is long (see
   * scan.ts). The rows are kept, not the records: a Selection projects records when asked, so a
   * query cursor holds one reference per row instead of every projected record.
   */
  async selectAsync(
    soql: string,
    binds: Binds | undefined,
    user: OrgUser,
    now: number,
    elapsed: number,
    scope: ReadScope = this.defaultScope,
  ): Promise<Selection> {
    const plan = this.plan(soql);
    const rows = await this.scan(plan, binds, user, now, elapsed, this.budget, scope.all);
    if (plan.aggregate) return selectionOfRecords(await runAggregate(plan.aggregate, rows, { binds: binds ?? NO_BINDS, now, elapsed }, this.budget));
    return selectionOf(plan, rows, elapsed, scope.urlBase, projectorOf(plan, new QueryCtx(binds ?? NO_BINDS, now, elapsed, this.calendars, user)));
  }

  /**
   * All matching records, in slices like selectAsync (projection too). A query that fits in one
   * slice answers synchronously, with no promise: the in-process invoke path runs a few indexed
   * queries per call, and each extra promise hop cost it measurably.
   */
  executeSliced(
    soql: string,
    binds: Binds | undefined,
    user: OrgUser,
    now: number,
    elapsed: number,
    scope: ReadScope = this.defaultScope,
  ): QueryResult | Promise<QueryResult> {
    const plan = this.plan(soql);
    const rows = this.scan(plan, binds, user, now, elapsed, this.budget, scope.all);
    const urlBase = scope.urlBase;
    const aggregate = plan.aggregate;
    if (aggregate) {
      const ctx = { binds: binds ?? NO_BINDS, now, elapsed };
      return rows instanceof Promise ? rows.then((r) => runAggregate(aggregate, r, ctx, this.budget)) : runAggregate(aggregate, rows, ctx, this.budget);
    }
    const project = projectorOf(plan, new QueryCtx(binds ?? NO_BINDS, now, elapsed, this.calendars, user));
    return rows instanceof Promise
      ? rows.then((r) => this.resultOf(plan, r, elapsed, this.budget, urlBase, project))
      : this.resultOf(plan, rows, elapsed, this.budget, urlBase, project);
  }

  /** The records of the rows (COUNT(): none), projected in slices when there are many. */
  private resultOf(
    plan: Plan,
    rows: readonly Row[],
    elapsed: number,
    budget: ScanBudget | undefined,
    urlBase: string,
    project: Projector,
  ): QueryResult | Promise<QueryResult> {
    if (plan.count) return { totalSize: rows.length, done: true, records: [] };
    const records = new Array<SObjectRecord>(rows.length);
    const result: QueryResult = { totalSize: rows.length, done: true, records };
    if (!budget || rows.length <= ROWS_PER_CLOCK_LOOK) {
      for (let i = 0; i < rows.length; i++) records[i] = project(rows[i]!, elapsed, urlBase);
      return result;
    }
    const done = runSliced(
      rows.length,
      (i) => {
        records[i] = project(rows[i]!, elapsed, urlBase);
        return true;
      },
      budget,
    );
    return typeof done === 'number' ? result : done.then(() => result);
  }

  /** The rows the query returns, in order, after OFFSET and LIMIT; with `all`, deleted records too (indexes hold live rows only: a scan). */
  private scan(
    plan: Plan,
    binds: Binds | undefined,
    user: OrgUser,
    now: number,
    elapsed: number,
    budget: ScanBudget | undefined,
    all: boolean,
  ): Row[] | Promise<Row[]> {
    const denied = accessError(plan, user);
    if (denied) throw copyOrgError(denied);
    const ctx: ExecCtx = new QueryCtx(binds ?? NO_BINDS, now, elapsed, this.calendars, user);
    const indexed = all ? undefined : this.indexRows(plan, ctx);
    const candidates = indexed ?? (all ? plan.table.rowsWithDeleted() : plan.table.rows);
    const test: RowTest | undefined = plan.where && !(indexed && plan.indexIsWhole) ? plan.where.prepare(ctx) : undefined;
    const offset = plan.offset ?? 0;
    const limit = plan.limit ?? Infinity;
    const sorted = plan.order.length > 0;
    // Sorted: every match first, then sort and cut. Unsorted: stop at the limit.
    const input: ScanInput = sorted ? { candidates, test, offset: 0, limit: Infinity } : { candidates, test, offset, limit };
    const finish = (out: ScanOutput): Row[] => {
      this.examined += out.visited;
      return sorted ? sortRows(out.rows, plan.order, elapsed).slice(offset, offset + limit) : out.rows;
    };
    const out = scanRows(input, budget);
    return out instanceof Promise ? out.then(finish) : finish(out);
  }

  /**
   * Rows an index gives for the plan, in table order; undefined when the plan has no index or a
   * null key asks for rows whose field is empty (those are not indexed: scan).
   */
  private indexRows(plan: Plan, ctx: ExecCtx): readonly Row[] | undefined {
    const index = plan.index;
    if (!index) return undefined;
    const table = plan.table;
    const field = index.path.field;
    const keys = equalityKeys(field, index.specs, ctx.binds, index.operator === 'IN');
    if (keys === undefined) return undefined;
    const byId = field.type === 'id';
    if (keys.length === 1) {
      const key = keys[0]!;
      if (key === null) return undefined;
      if (byId) {
        const row = table.find(key as string);
        return row ? [row] : EMPTY_ROWS;
      }
      return table.lookup(field.name, key);
    }
    const found: Row[] = [];
    for (const key of keys) {
      if (key === null) return undefined;
      if (byId) {
        const row = table.find(key as string);
        if (row) found.push(row);
      } else {
        for (const row of table.lookup(field.name, key)) found.push(row);
      }
    }
    // Table order, each row once (two keys may name the same row: an Id in 15 and 18 characters).
    found.sort((a, b) => a.ordinal - b.ordinal);
    let kept = 0;
    for (let i = 0; i < found.length; i++) if (kept === 0 || found[i] !== found[kept - 1]) found[kept++] = found[i]!;
    found.length = kept;
    return found;
  }
}

/** The execution's projector: plan.project, or one whose child subqueries are prepared with these binds. */
function projectorOf(plan: Plan, ctx: ExecCtx): Projector {
  return plan.prepareProject ? plan.prepareProject(ctx) : plan.project;
}
