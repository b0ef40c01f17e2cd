import type { Binds, OrgError, QueryResult, SObjectRecord } from '../org';
import { isOrgError } from '../org';
import type { Schema } from './schema';
import type { Row, Store } from './store';
import type { OrgUser } from './users';
import { accessError, compilePlan, parseSoql, Plan } from './soql-compile';
import { resolveOperands } from './soql-operands';
import { project, sortRows } from './soql-select';
import { copyOrgError } from './soql-errors';
import type { ExecCtx, RowTest } from './soql-where';

export const DEFAULT_PARSE_CACHE_SIZE = 2000;
const NO_BINDS: Binds = Object.freeze({});

/**
 * Evaluates SOQL against the store. Each distinct text is parsed and compiled once and kept in a
 * bounded LRU cache (hostile REST clients can send endless distinct texts); failures are cached
 * too, so a bad query repeated costs no parse.
 */
export class SoqlEngine {
  private readonly cache = new Map<string, Plan | OrgError>();
  private parses = 0;
  private readonly urlBase: string;

  constructor(
    private readonly store: Store,
    private readonly schema: Schema,
    apiVersion: string,
    private readonly capacity = DEFAULT_PARSE_CACHE_SIZE,
  ) {
    this.urlBase = `/services/data/v${apiVersion}/sobjects/`;
  }

  /** How many times the parser ran (once per distinct text still or once cached). */
  get parseCount(): number {
    return this.parses;
  }

  get cachedTexts(): number {
    return this.cache.size;
  }

  plan(soql: string): Plan {
    let entry = this.cache.get(soql);
    if (entry !== undefined) {
      // Re-insert so the Map's insertion order is recency order.
      this.cache.delete(soql);
    } else {
      this.parses++;
      try {
        entry = compilePlan(this.schema, this.store, parseSoql(soql));
      } catch (err) {
        if (!isOrgError(err)) throw err;
        entry = err;
      }
      if (this.cache.size >= this.capacity) this.cache.delete(this.cache.keys().next().value!);
    }
    this.cache.set(soql, entry);
    if (isOrgError(entry)) throw copyOrgError(entry);
    return entry;
  }

  execute(soql: string, binds: Binds | undefined, user: OrgUser, now: number, elapsed: number): QueryResult {
    const plan = this.plan(soql);
    const denied = accessError(plan, user);
    if (denied) throw copyOrgError(denied);
    const ctx: ExecCtx = { binds: binds ?? NO_BINDS, now, elapsed };
    const indexed = this.indexRows(plan, ctx);
    const candidates = indexed ?? this.store.table(plan.root).rows;
    const test: RowTest | undefined = plan.where && !(indexed && plan.indexIsWhole) ? plan.where.prepare(ctx) : undefined;
    const offset = plan.offset ?? 0;
    const limit = plan.limit ?? Infinity;
    let rows: Row[];
    if (plan.order.length > 0) {
      const matched = test ? candidates.filter(test) : [...candidates];
      rows = sortRows(matched, plan.order, elapsed).slice(offset, offset + limit);
    } else {
      rows = [];
      let skipped = 0;
      for (const row of candidates) {
        if (rows.length >= limit) break;
        if (test && !test(row)) continue;
        if (skipped < offset) skipped++;
        else rows.push(row);
      }
    }
    if (plan.count) return { totalSize: rows.length, done: true, records: [] };
    const records: SObjectRecord[] = new Array(rows.length);
    for (let i = 0; i < rows.length; i++) records[i] = project(this.store, this.urlBase, rows[i], elapsed, plan.columns);
    return { totalSize: records.length, done: true, records };
  }

  /**
   * Rows an index gives for the plan, in table order; undefined when the plan has no index or a
   * null key asks for rows whose field is empty (those are not indexed: scan).
   */
  private indexRows(plan: Plan, ctx: ExecCtx): readonly Row[] | undefined {
    const index = plan.index;
    if (!index) return undefined;
    const table = this.store.table(plan.root);
    const field = index.path.field;
    const keys = resolveOperands(field, index.specs, ctx.binds, ctx.now, true);
    const found: Row[] = [];
    for (const key of keys) {
      if (key.kind !== 'eq' || key.value === null) return undefined;
      if (field.type === 'id') {
        const row = this.store.find(key.value as string);
        if (row && row.object === plan.root) found.push(row);
      } else {
        for (const row of table.lookup(field.name, key.value)) found.push(row);
      }
    }
    if (keys.length <= 1) return found;
    return [...new Set(found)].sort((a, b) => a.ordinal - b.ordinal);
  }
}
