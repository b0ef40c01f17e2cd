import type { Query, WhereClause } from '@jetstreamapp/soql-parser-js';
import { parseSoqlText } from '../../mock-org/soql/parse';
import type { Binds, DescribeResult, Org, QueryOptions, QueryResult, SObjectRecord } from '../../core/org';
import { isOrgError } from '../../core/org';
import { readRecordPath } from '../../salesforce/record-path';

/**
 * Request coalescing (issue 3 item 3). Invocations in flight at the same time share their
 * queries: the same SOQL text of the shape `SELECT … FROM X WHERE <field> IN :<bind>`, issued
 * within one tick, becomes one query with the union of the values, and each caller gets back the
 * records whose <field> matches one of its own values. Describes are cached per cacheKey with
 * in-flight sharing, so the permission check costs no round trip after the first call.
 *
 * A caller is held for the merge only when it has company: another query of its text is in flight
 * or already held, or callers met recently (see `contended`). A sequential loop, whose every query
 * is answered before the next is asked, is sent straight through with no tick and no batch.
 */

/** Salesforce refuses URLs (with headers) over 16,384 bytes; stay well under it. */
const URL_BUDGET_BYTES = 12_000;
/** Rough size of `/services/data/vXX.X/query?q=` plus slack. */
const URL_OVERHEAD_BYTES = 200;
const MAX_CACHED_PLANS = 1_000;
/** Never more values than this in one query, whatever their length. */
export const MAX_VALUES_PER_CHUNK = 300;

type CoalesceValue = string | number;

/** How a SOQL text can be merged, or null when it must pass straight through. */
interface MergePlan {
  /** Path of the WHERE field, as written in the query (`Id`, `Parent.Field`). */
  readonly fieldPath: readonly string[];
  readonly bindName: string;
  /** Encoded length of the SOQL text without its values. */
  readonly baseBytes: number;
}

interface Waiter {
  readonly values: readonly CoalesceValue[];
  resolve(result: QueryResult<SObjectRecord>): void;
  reject(err: unknown): void;
}

/** Everything known about one SOQL text: how it merges, and who is asking for it now. */
interface Lane {
  readonly soql: string;
  readonly plan: MergePlan | null;
  /** Queries of this text sent at once and not yet answered. */
  inFlight: number;
  /** Callers held for the next flush. */
  waiters: Waiter[] | undefined;
  /** The held callers are one caller who found nothing of this text in flight. */
  alone: boolean;
  /** Counts one query sent alone as answered (one function per lane, not one per query). */
  readonly answered: () => void;
}

const COALESCED = new WeakSet<Org>();

function sameName(a: string, b: string): boolean {
  return a.toLowerCase() === b.toLowerCase();
}

/** The `<field>` and bind name when the whole WHERE is `<field> IN :<bind>`. */
function simpleInBind(where: WhereClause | undefined): { field: string; bind: string } | null {
  if (!where || 'right' in where || 'operator' in where) return null;
  const left = where.left as unknown as Record<string, unknown> | null;
  if (!left || left.logicalPrefix || left.operator !== 'IN' || left.literalType !== 'APEX_BIND_VARIABLE') return null;
  if (typeof left.field !== 'string' || typeof left.value !== 'string') return null;
  return { field: left.field, bind: left.value };
}

const ALLOWED_QUERY_KEYS = new Set(['fields', 'sObject', 'where']);

/** Parses once and decides whether this text can be merged: its whole WHERE is one `IN :bind`. */
export function analyseSoql(soql: string): MergePlan | null {
  let query: Query;
  try {
    query = parseSoqlText(soql);
  } catch {
    return null; // the org reports the syntax error in its own words
  }
  if (Object.keys(query).some((key) => !ALLOWED_QUERY_KEYS.has(key))) return null;
  const condition = simpleInBind(query.where);
  if (!condition) return null;
  const field = condition.field;
  // The caller's share is picked by reading <field> from each record: it must be selected.
  const selected = (query.fields ?? []).some((f) => {
    if (f.type === 'Field') return sameName(f.field, field);
    if (f.type === 'FieldRelationship') return sameName(f.rawValue ?? [...f.relationships, f.field].join('.'), field);
    return false;
  });
  if (!selected) return null;
  const baseBytes = encodeURIComponent(soql).length + URL_OVERHEAD_BYTES;
  return { fieldPath: field.split('.'), bindName: condition.bind, baseBytes };
}

function mergeable(value: unknown): CoalesceValue[] | null {
  const list = Array.isArray(value) ? value : [value];
  for (const v of list) if (typeof v !== 'string' && !(typeof v === 'number' && Number.isFinite(v))) return null;
  return list as CoalesceValue[];
}

/** SOQL `IN` on strings ignores case; numbers compare as their text. */
function matchKey(value: CoalesceValue): string {
  return typeof value === 'string' ? value.toLowerCase() : String(value);
}

const ID15 = /^[0-9A-Za-z]{15}$/;
const ID18 = /^[0-9A-Za-z]{18}$/;

/**
 * The URL-encoded size of one rendered value: escaped as a SOQL literal, two quotes and a comma
 * (`%27…%27%2C`), with `'` counted encoded as some clients encode it. An 18-character Id costs 27.
 */
function renderedBytes(value: CoalesceValue): number {
  const text = String(value);
  // Ids and most keys are letters, digits and `-_.`, which neither escaping nor URL encoding grows.
  if (isPlainText(text)) return text.length + 9;
  const escaped = text.replace(/[\\'"\n\r\t\b\f]/g, '\\$&');
  return encodeURIComponent(escaped).replace(/'/g, '%27').length + 9;
}

function isPlainText(text: string): boolean {
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    const plain = (c >= 48 && c <= 57) || (c >= 65 && c <= 90) || (c >= 97 && c <= 122) || c === 45 || c === 46 || c === 95;
    if (!plain) return false;
  }
  return true;
}

/** Chunks so that each rendered query stays within the URL budget. */
function chunkValues(values: readonly CoalesceValue[], baseBytes: number): CoalesceValue[][] {
  const chunks: CoalesceValue[][] = [];
  let chunk: CoalesceValue[] = [];
  let bytes = baseBytes;
  for (const value of values) {
    const cost = renderedBytes(value);
    if (chunk.length > 0 && (chunk.length >= MAX_VALUES_PER_CHUNK || bytes + cost > URL_BUDGET_BYTES)) {
      chunks.push(chunk);
      chunk = [];
      bytes = baseBytes;
    }
    chunk.push(value);
    bytes += cost;
  }
  if (chunk.length > 0) chunks.push(chunk);
  return chunks;
}

/** Which records answer one caller: SOQL matching, including a 15-character Id naming an 18-character one. */
function recordsFor(values: readonly CoalesceValue[], byKey: Map<string, SObjectRecord[]>, by15: Map<string, SObjectRecord[]> | undefined): SObjectRecord[] {
  if (values.length === 1 && by15 === undefined) return (byKey.get(matchKey(values[0])) ?? []).slice();
  const picked = new Set<SObjectRecord>();
  for (const value of values) {
    for (const r of byKey.get(matchKey(value)) ?? []) picked.add(r);
    // A 15-character Id is case-sensitive: it names exactly the 18-character Id it starts.
    if (by15 && typeof value === 'string' && ID15.test(value)) for (const r of by15.get(value) ?? []) picked.add(r);
  }
  return [...picked];
}

function push(map: Map<string, SObjectRecord[]>, key: string, record: SObjectRecord): void {
  const list = map.get(key);
  if (list) list.push(record);
  else map.set(key, [record]);
}

function distribute(plan: MergePlan, waiters: readonly Waiter[], records: readonly SObjectRecord[]): void {
  // Records by 15-character Id only when some caller passed one (rare: services pass 18).
  const any15 = waiters.some((w) => w.values.some((v) => typeof v === 'string' && v.length === 15));
  const byKey = new Map<string, SObjectRecord[]>();
  const by15 = any15 ? new Map<string, SObjectRecord[]>() : undefined;
  for (const record of records) {
    const value = readRecordPath(record, plan.fieldPath);
    if (typeof value === 'string') {
      push(byKey, value.toLowerCase(), record);
      if (by15 && ID18.test(value)) push(by15, value.slice(0, 15), record);
    } else if (typeof value === 'number') push(byKey, String(value), record);
  }
  for (const waiter of waiters) {
    const mine = recordsFor(waiter.values, byKey, by15);
    waiter.resolve({ totalSize: mine.length, done: true, records: mine });
  }
}

/** Describe errors that will not change for this user (no such object, or no access to it). */
function isStableDescribeError(err: unknown): boolean {
  return isOrgError(err) && (err.errorCode === 'NOT_FOUND' || err.errorCode === 'INVALID_TYPE');
}

export function createCoalescingOrg(org: Org): Org {
  if (COALESCED.has(org)) return org;
  const lanes = new Map<string, Lane>();
  const describes = new Map<string, Promise<DescribeResult>>();
  /** Lanes with held callers, sent together at the next flush. */
  let held: Lane[] = [];
  /**
   * Callers have met (one arrived while its text was in flight or held): until a flush finds only
   * lone callers, every caller is held for the flush, so the later steps of invocations that
   * started together merge too, and the first caller of a burst does not race ahead alone.
   */
  let contended = false;

  function laneFor(soql: string): Lane {
    let lane = lanes.get(soql);
    if (lane === undefined) {
      const created: Lane = {
        soql,
        plan: analyseSoql(soql),
        inFlight: 0,
        waiters: undefined,
        alone: false,
        answered: () => {
          created.inFlight--;
        },
      };
      lane = created;
      // Services write a handful of fixed texts; a plugin building texts dynamically must not grow this forever.
      if (lanes.size >= MAX_CACHED_PLANS) {
        for (const [text, old] of lanes) if (old.inFlight === 0 && old.waiters === undefined) lanes.delete(text);
      }
      lanes.set(soql, lane);
    }
    return lane;
  }

  /** Sends one caller's query at once, counting it in flight until it is answered. */
  function sendAlone<R>(lane: Lane, binds: Binds | undefined, options?: QueryOptions): Promise<QueryResult<R>> {
    const answer = org.query<R>(lane.soql, binds, options);
    lane.inFlight++;
    // Registered before the caller's own reaction, so the count is down before the caller goes on.
    answer.then(lane.answered, lane.answered);
    return answer;
  }

  async function sendMerged(lane: Lane, plan: MergePlan, waiters: Waiter[]): Promise<void> {
    const bind = plan.bindName;
    if (waiters.length === 1) {
      const only = waiters[0];
      sendAlone<SObjectRecord>(lane, { [bind]: only.values }).then(only.resolve, only.reject);
      return;
    }
    const seen = new Map<string, CoalesceValue>();
    for (const waiter of waiters) for (const v of waiter.values) if (!seen.has(String(v))) seen.set(String(v), v);
    try {
      const results = await Promise.all(chunkValues([...seen.values()], plan.baseBytes).map((chunk) => org.query<SObjectRecord>(lane.soql, { [bind]: chunk })));
      if (results.some((r) => !r.done)) {
        // More rows than one page: the merged answer is incomplete, so each caller asks alone.
        for (const w of waiters) org.query<SObjectRecord>(lane.soql, { [bind]: w.values }).then(w.resolve, w.reject);
        return;
      }
      distribute(plan, waiters, results.flatMap((r) => r.records));
    } catch (err) {
      for (const waiter of waiters) waiter.reject(err);
    }
  }

  function flush(): void {
    const lanesToSend = held;
    held = [];
    // Only lone callers who met nobody: the burst is over, later callers go at once again.
    contended = !lanesToSend.every((lane) => lane.alone);
    for (const lane of lanesToSend) {
      const waiters = lane.waiters!;
      lane.waiters = undefined;
      void sendMerged(lane, lane.plan!, waiters);
    }
  }

  /** Holds a caller for the flush after the current microtask chain drains (a Promise.all of invocations is gathered). */
  function hold<R>(lane: Lane, values: readonly CoalesceValue[]): Promise<QueryResult<R>> {
    if (lane.waiters === undefined) {
      lane.waiters = [];
      lane.alone = lane.inFlight === 0;
      if (held.length === 0) process.nextTick(flush);
      held.push(lane);
    } else lane.alone = false;
    const waiters = lane.waiters;
    return new Promise<QueryResult<SObjectRecord>>((resolve, reject) => {
      waiters.push({ values, resolve, reject });
    }) as Promise<QueryResult<R>>;
  }

  const wrapper: Org = {
    get cacheKey() {
      return org.cacheKey;
    },
    query<R = SObjectRecord>(soql: string, binds?: Binds, options?: QueryOptions): Promise<QueryResult<R>> {
      const lane = laneFor(soql);
      const plan = lane.plan;
      const values = plan && binds ? mergeable(binds[plan.bindName]) : null;
      if (!values) return org.query<R>(soql, binds, options);
      // Nobody else is asking this text: a sequential caller is never held back.
      if (lane.inFlight === 0 && lane.waiters === undefined && !contended) return sendAlone<R>(lane, binds, options);
      contended = true;
      return hold<R>(lane, values);
    },
    describe(sobject: string): Promise<DescribeResult> {
      const key = `${org.cacheKey}\u0000${sobject.toLowerCase()}`;
      let cached = describes.get(key);
      if (!cached) {
        // Shared by every caller, so no one caller's signal may cancel it.
        cached = org.describe(sobject);
        describes.set(key, cached);
        cached.catch((err: unknown) => {
          if (!isStableDescribeError(err)) describes.delete(key);
        });
      }
      return cached;
    },
    close: org.close ? () => org.close!() : undefined,
  };
  COALESCED.add(wrapper);
  return wrapper;
}
