import type { RowValues } from '../store/values';

/** A timeline step as the store keeps it (`after` the org's start) or as a change carries it (`at` an instant). */
interface Step {
  readonly values: RowValues;
}

/**
 * StoreChange's update rule, its one home: an update's values win over a record's earlier steps
 * for the fields they set (those fields leave the steps, and a step left empty goes), then the
 * update's own steps join, in time order. The sort is stable, so of two steps at one instant the
 * one the update added applies last. The store applies it to rows (Transaction.update), the state
 * journal to what it folds for compaction (JournalContent), so both give the same record.
 */
export function mergeSteps<S extends Step>(current: readonly S[], values: RowValues, added: readonly S[], timeOf: (step: S) => number): S[] {
  const kept: S[] = [];
  for (const step of current) {
    const rest: RowValues = {};
    let any = false;
    for (const [name, value] of Object.entries(step.values)) {
      if (Object.hasOwn(values, name)) continue;
      rest[name] = value;
      any = true;
    }
    if (any) kept.push({ ...step, values: rest });
  }
  return [...kept, ...added].sort((a, b) => timeOf(a) - timeOf(b));
}
