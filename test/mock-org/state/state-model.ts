import type { ChangeStep, StoreChange } from '../../../src/mock-org/writes/changes';
import type { StateTarget } from '../../../src/mock-org/state/state-file';
import type { RowValues } from '../../../src/mock-org/store/values';

interface ModelRow {
  object: string;
  values: RowValues;
  timeline: ChangeStep[];
  deleted: boolean;
}

/**
 * A stand-in for the org the state file replays into, applying StoreChange's documented rules
 * (an update's values win over the row's steps for their fields; its steps are added), so the
 * state file's tests need no org.
 */
export class StateModel implements StateTarget {
  readonly rows = new Map<string, ModelRow>();
  readonly applied: StoreChange[][] = [];

  constructor(fixtureRows: Record<string, { object: string; values: RowValues }> = {}) {
    for (const [id, row] of Object.entries(fixtureRows)) this.rows.set(id, { ...row, values: { ...row.values }, timeline: [], deleted: false });
  }

  applyChanges(changes: readonly StoreChange[]): void {
    this.applied.push([...changes]);
    for (const change of changes) {
      if (change.op === 'insert') {
        this.rows.set(change.id, {
          object: change.object,
          values: { ...change.values },
          timeline: [...(change.timeline ?? [])].sort((a, b) => a.at - b.at),
          deleted: false,
        });
        continue;
      }
      const row = this.rows.get(change.id);
      if (!row) throw new Error(`no record ${change.id}`);
      if (change.op === 'delete') {
        row.deleted = true;
        continue;
      }
      const fields = Object.keys(change.values);
      row.timeline = row.timeline.map((s) => ({ at: s.at, values: Object.fromEntries(Object.entries(s.values).filter(([f]) => !fields.includes(f))) }));
      Object.assign(row.values, change.values);
      row.timeline = [...row.timeline, ...(change.timeline ?? [])].sort((a, b) => a.at - b.at);
    }
  }

  /** Every record as it reads at `at` (epoch ms). */
  at(at: number): Record<string, RowValues & { deleted: boolean }> {
    const out: Record<string, RowValues & { deleted: boolean }> = {};
    for (const [id, row] of this.rows) {
      const values = { ...row.values };
      for (const step of row.timeline) if (step.at <= at) Object.assign(values, step.values);
      out[id] = { ...values, deleted: row.deleted };
    }
    return out;
  }

  /** Table order: the ids of each object in the order they were first inserted. */
  order(): string[] {
    return [...this.rows.keys()];
  }
}
