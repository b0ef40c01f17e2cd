import type { ObjectSchema } from '../schema/schema';
import type { Row, Store } from '../store/store';
import type { TimelineStep } from '../store/timeline';
import type { RowValues } from '../store/values';
import type { ChangeStep, StoreChange } from './changes';
import { mergeSteps } from './merge-steps';

/**
 * One transaction's changes to the store, applied as they are made (so the work's own queries
 * see them) with an undo log: rolled back, the store is as it was, row for row. The changes are
 * recorded as StoreChanges for the commit hook, values in stored form and steps at absolute
 * instants, so replaying them (applyChanges) gives the same rows.
 */
export class Transaction {
  readonly changes: StoreChange[] = [];
  private readonly undo: (() => void)[] = [];

  constructor(
    private readonly store: Store,
    /** The org's start (epoch ms): stored steps count from it. */
    private readonly start: number,
  ) {}

  /** Stores a new record; `values` are the row's values, complete. */
  insert(object: ObjectSchema, id: string, values: RowValues, steps?: readonly ChangeStep[]): Row {
    const row = this.store.add(object, id, values, this.relative(steps));
    this.undo.push(() => this.store.unadd(row));
    this.changes.push(
      steps && steps.length > 0 ? { op: 'insert', object: object.name, id, values, timeline: steps } : { op: 'insert', object: object.name, id, values },
    );
    return row;
  }

  /** Sets fields of a record: they win over its timeline (dropped from its steps); `steps` join the timeline. */
  update(row: Row, values: RowValues, steps?: readonly ChangeStep[]): void {
    const merged = mergeSteps(row.timeline ?? [], values, this.relative(steps) ?? [], (step) => step.after);
    const timeline = merged.length > 0 ? merged : undefined;
    const next = this.store.table(row.object).successor(row, { ...row.values, ...values }, timeline);
    this.store.replace(row, next);
    this.undo.push(() => this.store.replace(next, row));
    this.changes.push(steps && steps.length > 0 ? { op: 'update', id: row.id, values, timeline: steps } : { op: 'update', id: row.id, values });
  }

  delete(row: Row): void {
    this.store.remove(row);
    this.undo.push(() => this.store.unremove(row));
    this.changes.push({ op: 'delete', id: row.id });
  }

  /** A savepoint: rollbackTo(mark) undoes what came after it. */
  mark(): number {
    return this.undo.length;
  }

  rollbackTo(mark: number): void {
    while (this.undo.length > mark) this.undo.pop()!();
    this.changes.length = mark;
  }

  private relative(steps: readonly ChangeStep[] | undefined): TimelineStep[] | undefined {
    if (steps === undefined || steps.length === 0) return undefined;
    // valuesAt applies steps in order until the first one not yet due.
    return steps.map((step) => ({ after: step.at - this.start, values: step.values })).sort((a, b) => a.after - b.after);
  }
}
