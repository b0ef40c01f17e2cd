import type { ChangeStep, StoreChange } from '../writes/changes';
import type { RowValues } from '../store/values';
import { mergeSteps } from '../writes/merge-steps';

const atOf = (step: ChangeStep): number => step.at;

/** What the journal says about one record, all its changes folded into one. */
interface Entry {
  /** The object of a record the journal inserted; undefined for a fixture record it changed. */
  object: string | undefined;
  values: RowValues;
  timeline: ChangeStep[];
  deleted: boolean;
}

/** Steps copied, so the folded content never shares a values object with the store's rows. */
function copied(steps: readonly ChangeStep[] | undefined): ChangeStep[] {
  return (steps ?? []).map((s) => ({ at: s.at, values: { ...s.values } }));
}

/**
 * The journal's content: its transactions folded per record, so that replaying `changes()` on the
 * same fixtures gives the same org as replaying every line (many updates of a row become one).
 * Records keep the order in which the journal first touched them, so inserted rows keep their
 * table order (the order of a query without ORDER BY). A deleted record stays, deleted, as the
 * org keeps it (ENTITY_IS_DELETED, not NOT_FOUND).
 */
export class JournalContent {
  private readonly entries = new Map<string, Entry>();

  add(changes: readonly StoreChange[]): void {
    for (const change of changes) {
      if (change.op === 'insert') {
        this.entries.set(change.id, {
          object: change.object,
          values: { ...change.values },
          timeline: mergeSteps([], {}, copied(change.timeline), atOf),
          deleted: false,
        });
        continue;
      }
      const entry = this.entryOf(change.id);
      if (change.op === 'delete') {
        entry.deleted = true;
        continue;
      }
      entry.timeline = mergeSteps(entry.timeline, change.values, copied(change.timeline), atOf);
      Object.assign(entry.values, change.values);
    }
  }

  private entryOf(id: string): Entry {
    let entry = this.entries.get(id);
    if (!entry) {
      entry = { object: undefined, values: {}, timeline: [], deleted: false };
      this.entries.set(id, entry);
    }
    return entry;
  }

  /** The folded changes, in the order the journal first touched each record. */
  changes(): StoreChange[] {
    const out: StoreChange[] = [];
    for (const [id, entry] of this.entries) {
      const timeline = entry.timeline.length > 0 ? { timeline: entry.timeline } : {};
      if (entry.object !== undefined) out.push({ op: 'insert', object: entry.object, id, values: entry.values, ...timeline });
      else if (Object.keys(entry.values).length > 0 || entry.timeline.length > 0) out.push({ op: 'update', id, values: entry.values, ...timeline });
      if (entry.deleted) out.push({ op: 'delete', id });
    }
    return out;
  }
}
