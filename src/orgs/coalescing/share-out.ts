import type { QueryOptions, QueryResult, SObjectRecord } from '../../core/org';
import { readRecordPath } from '../../salesforce/record-path';
import type { MergeValue } from './value-chunks';

/** One caller of a merged query: its own values, and where its share of the answer goes. */
export interface Waiter {
  readonly values: readonly MergeValue[];
  /** The caller's own options (its signal): it may give up without failing the others. */
  readonly options?: QueryOptions;
  resolve(result: QueryResult<SObjectRecord>): void;
  reject(err: unknown): void;
}

const ID15 = /^[0-9A-Za-z]{15}$/;
const ID18 = /^[0-9A-Za-z]{18}$/;

/** SOQL `IN` on strings ignores case; numbers compare as their text. */
function matchKey(value: MergeValue): string {
  return typeof value === 'string' ? value.toLowerCase() : String(value);
}

function push(map: Map<string, SObjectRecord[]>, key: string, record: SObjectRecord): void {
  const list = map.get(key);
  if (list) list.push(record);
  else map.set(key, [record]);
}

/** Which records answer one caller: SOQL matching, including a 15-character Id naming an 18-character one. */
function recordsFor(values: readonly MergeValue[], byKey: Map<string, SObjectRecord[]>, by15: Map<string, SObjectRecord[]> | undefined): SObjectRecord[] {
  if (values.length === 1 && by15 === undefined) return (byKey.get(matchKey(values[0]!)) ?? []).slice();
  const picked = new Set<SObjectRecord>();
  for (const value of values) {
    for (const r of byKey.get(matchKey(value)) ?? []) picked.add(r);
    // A 15-character Id is case-sensitive: it names exactly the 18-character Id it starts.
    if (by15 && typeof value === 'string' && ID15.test(value)) for (const r of by15.get(value) ?? []) picked.add(r);
  }
  return [...picked];
}

/** Hands each caller the records whose WHERE field (read at `fieldPath`) matches one of its values. */
export function shareOut(fieldPath: readonly string[], waiters: readonly Waiter[], records: readonly SObjectRecord[]): void {
  // Records by 15-character Id only when some caller passed one (services pass 18).
  const any15 = waiters.some((w) => w.values.some((v) => typeof v === 'string' && v.length === 15));
  const byKey = new Map<string, SObjectRecord[]>();
  const by15 = any15 ? new Map<string, SObjectRecord[]>() : undefined;
  for (const record of records) {
    const value = readRecordPath(record, fieldPath);
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
