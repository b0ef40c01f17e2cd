import type { QueryResult, SObjectRecord } from '../../core/org';
import type { Row } from '../store/store';
import type { Value } from '../store/values';
import { Accumulator, compareComparables } from './aggregate-functions';
import { AggregateOrderKey, AggregatePlan, GroupResult, MAX_AGGREGATE_ROWS } from './aggregate-plan';
import type { HavingCtx } from './having';
import { runSliced, ScanBudget } from './scan';
import { aggregateTooLarge } from './errors';

/** A group being filled: its key values as first seen, and one accumulator per aggregate spec. */
interface Bucket {
  readonly keys: Value[];
  readonly rolledUp: boolean[];
  readonly accumulators: Accumulator[];
}

export interface AggregateCtx extends HavingCtx {
  readonly elapsed: number;
}

const AGGREGATE_RESULT = 'AggregateResult';

/**
 * Groups the matched rows and answers the AggregateResult records. The per-row loop runs in
 * slices on the async paths (runSliced), like a scan: a GROUP BY over 150,000 jobs must not hold
 * the event loop.
 */
export function runAggregate(plan: AggregatePlan, rows: readonly Row[], ctx: AggregateCtx, budget?: ScanBudget): QueryResult | Promise<QueryResult> {
  const { keys, sets, specs } = plan;
  const elapsed = ctx.elapsed;
  const buckets = sets.map(() => new Map<Value, Bucket>());
  const single = keys.length === 1 && sets.length === 1;
  const raw = new Array<Value>(keys.length);
  const open = (mask: number): Bucket => ({
    keys: raw.map((v, i) => (mask & (1 << i) ? v : null)),
    rolledUp: keys.map((_, i) => !(mask & (1 << i))),
    accumulators: specs.map((spec) => spec.make()),
  });
  if (!plan.grouped) buckets[0]!.set(null, open(0));
  const step = (i: number): boolean => {
    const row = rows[i]!;
    for (let k = 0; k < keys.length; k++) raw[k] = keys[k]!.get(row, elapsed);
    for (let s = 0; s < sets.length; s++) {
      const mask = sets[s]!;
      // One key needs no composite identity: the common GROUP BY Status pays one Map lookup.
      const id = single
        ? keys[0]!.identity(raw[0]!)
        : keys.length === 0
          ? null
          : JSON.stringify(raw.map((v, k) => (mask & (1 << k) ? keys[k]!.identity(v) : null)));
      const map = buckets[s]!;
      let bucket = map.get(id);
      if (bucket === undefined) map.set(id, (bucket = open(mask)));
      const accumulators = bucket.accumulators;
      for (let j = 0; j < specs.length; j++) accumulators[j]!.add(specs[j]!.get(row, elapsed));
    }
    return true;
  };
  const done = runSliced(rows.length, step, budget);
  const finish = () => answer(plan, buckets, ctx);
  return typeof done === 'number' ? finish() : done.then(finish);
}

function answer(plan: AggregatePlan, buckets: readonly Map<Value, Bucket>[], ctx: HavingCtx): QueryResult {
  let groups: GroupResult[] = [];
  for (const map of buckets) {
    for (const bucket of map.values()) groups.push({ keys: bucket.keys, rolledUp: bucket.rolledUp, values: bucket.accumulators.map((a) => a.result()) });
  }
  if (plan.having) groups = groups.filter(plan.having(ctx));
  if (plan.order.length > 0) groups = sortGroups(groups, plan.order);
  const offset = plan.offset ?? 0;
  groups = groups.slice(offset, plan.limit === undefined ? undefined : offset + plan.limit);
  if (groups.length > MAX_AGGREGATE_ROWS) throw aggregateTooLarge();
  const records = groups.map((group) => {
    const record: SObjectRecord = { attributes: { type: AGGREGATE_RESULT } };
    for (const column of plan.columns) record[column.name] = column.operand.get(group);
    return record;
  });
  return { totalSize: records.length, done: true, records };
}

function sortGroups(groups: GroupResult[], order: readonly AggregateOrderKey[]): GroupResult[] {
  const decorated = groups.map((group, i) => ({ group, i, values: order.map((key) => key.operand.comparable(key.operand.get(group))) }));
  decorated.sort((a, b) => {
    for (let k = 0; k < order.length; k++) {
      const key = order[k]!;
      const x = a.values[k]!;
      const y = b.values[k]!;
      if (x === y) continue;
      if (x === null) return key.nullsFirst ? -1 : 1;
      if (y === null) return key.nullsFirst ? 1 : -1;
      const result = compareComparables(x, y);
      if (result !== 0) return key.descending ? -result : result;
    }
    return a.i - b.i;
  });
  return decorated.map((d) => d.group);
}
