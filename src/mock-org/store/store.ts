import type { ObjectSchema } from '../schema/schema';
import type { TimelineStep } from './timeline';
import type { RowValues } from './values';
import { makeId } from '../../salesforce/ids';
import { StoredRow, Table } from './table';

export { Table } from './table';

/**
 * One stored record. `values` hold every field of its object, in stored (output) form. A row never
 * changes once stored: an update stores a new row for the record (same Id and ordinal) in its
 * place, so a query cursor holding rows keeps what it found.
 */
export interface Row {
  readonly id: string;
  readonly object: ObjectSchema;
  /** Position in its table: index lookups return rows in table order, as a scan would. */
  readonly ordinal: number;
  readonly values: RowValues;
  readonly timeline: readonly TimelineStep[] | undefined;
  /** Overlays already computed, by number of steps applied. */
  overlays: RowValues[] | undefined;
  /** Parents already followed, by reference field: the Id followed and the row it led to. */
  parents: Record<string, ParentLink | undefined> | undefined;
}

/**
 * A reference followed once. The store forgets the links that lead to an Id whenever the row with
 * that Id is inserted, replaced or deleted (Store.forgetParentsOf), so a link kept is still right.
 */
export interface ParentLink {
  readonly id: string;
  readonly row: Row | undefined;
}

/** The record as it is `elapsed` ms after the org started: its base values plus every due step. */
export function valuesAt(row: Row, elapsed: number): RowValues {
  const timeline = row.timeline;
  if (!timeline) return row.values;
  let due = 0;
  while (due < timeline.length && timeline[due]!.after <= elapsed) due++;
  if (due === 0) return row.values;
  row.overlays ??= [];
  let overlay = row.overlays[due];
  if (!overlay) {
    overlay = { ...row.values };
    for (let i = 0; i < due; i++) Object.assign(overlay, timeline[i]!.values);
    row.overlays[due] = overlay;
  }
  return overlay;
}

/** A reference field whose rows keep parent links (Row.parents) to one object's rows. */
interface Follower {
  readonly table: Table;
  readonly field: string;
}

/** Every table; a record is found by its Id through its object's key prefix (references may point to any object). */
export class Store {
  private readonly tables = new Map<string, Table>();
  private readonly byPrefix = new Map<string, Table>();
  /** Deleted records' tombstones by Id: a second delete or an update is ENTITY_IS_DELETED, newId never gives the Id again, `/queryAll` reads them. */
  private readonly deleted = new Map<string, Row>();
  /** The next serial newId tries, per key prefix. */
  private readonly serials = new Map<string, number>();
  /** Per object name: the reference fields whose rows keep links to its rows (registered when a query that follows them compiles). */
  private readonly followers = new Map<string, Follower[]>();

  table(schema: ObjectSchema): Table {
    let table = this.tables.get(schema.name);
    if (!table) {
      table = new Table(schema);
      this.tables.set(schema.name, table);
      this.byPrefix.set(schema.keyPrefix, table);
    }
    return table;
  }

  /** The table of an object, if it has one (objects without records have none). */
  existingTable(name: string): Table | undefined {
    return this.tables.get(name);
  }

  insert(schema: ObjectSchema, id: string, values: RowValues, timeline?: readonly TimelineStep[]): Row {
    const table = this.table(schema);
    const row = table.add(id, values, timeline);
    if (id) table.byId.set(id, row);
    return row;
  }

  /** Makes a row added straight to its table findable by its Id. */
  index(row: Row): void {
    this.table(row.object).byId.set(row.id, row);
  }

  /**
   * index(row), telling whether the Id was new: one Map operation, where has-then-set takes two
   * (half a second for 500,000 rows). When it was not, `row` has replaced the Id's previous row.
   */
  indexNew(row: Row): boolean {
    const byId = this.table(row.object).byId;
    const size = byId.size;
    byId.set(row.id, row);
    return byId.size !== size;
  }

  /** Gives a row added without an Id its Id (fixture records without one get theirs after the load). */
  assignId(row: Row, id: string): void {
    (row as StoredRow).id = id;
    row.values.Id = id;
    this.table(row.object).byId.set(id, row);
  }

  has(id: string): boolean {
    return this.find(id) !== undefined;
  }

  /** Any record by its Id; Ids of a table's rows all carry its object's key prefix (the loader checks). */
  find(id18: string): Row | undefined {
    return this.byPrefix.get(id18.slice(0, 3))?.byId.get(id18);
  }

  size(name: string): number {
    return this.tables.get(name)?.rows.length ?? 0;
  }

  /**
   * The table a reference leads to, for a query that follows it (compile time). Its rows then keep
   * parent links on that field, which the store forgets when the parent row changes.
   */
  parentTable(owner: ObjectSchema, field: string, target: ObjectSchema): Table {
    const followers = this.followers.get(target.name) ?? [];
    const table = this.table(owner);
    if (!followers.some((f) => f.table === table && f.field === field)) this.followers.set(target.name, [...followers, { table, field }]);
    return this.table(target);
  }

  /** The object of a deleted record's Id, else undefined. */
  deletedObject(id18: string): ObjectSchema | undefined {
    return this.deleted.get(id18)?.object;
  }

  /** A new Id with the key prefix that no record has or had. */
  newId(prefix: string): string {
    let serial = this.serials.get(prefix) ?? 1;
    let id = makeId(prefix, serial);
    while (this.find(id) !== undefined || this.deleted.has(id)) id = makeId(prefix, ++serial);
    this.serials.set(prefix, serial + 1);
    return id;
  }

  // ---- Changes at run time (mock-org/writes applies them and undoes them) ----

  /** Stores a new record (its Id not in use). */
  add(schema: ObjectSchema, id: string, values: RowValues, timeline?: readonly TimelineStep[]): Row {
    const row = this.insert(schema, id, values, timeline);
    this.forgetParentsOf(schema, id);
    return row;
  }

  /** Takes back a row `add` stored (a rolled-back insert): the Id is free again, not deleted. */
  unadd(row: Row): void {
    this.table(row.object).remove(row);
    this.forgetParentsOf(row.object, row.id);
  }

  /** Stores `next` for the record of `current` (see Table.successor). */
  replace(current: Row, next: Row): void {
    this.table(current.object).swap(current, next);
    this.forgetParentsOf(current.object, current.id);
  }

  /** Deletes a record: it leaves its table and is remembered as deleted (its tombstone stays for `/queryAll`). */
  remove(row: Row): void {
    const table = this.table(row.object);
    table.remove(row);
    this.deleted.set(row.id, table.bury(row));
    this.forgetParentsOf(row.object, row.id);
  }

  /** Undoes `remove`. */
  unremove(row: Row): void {
    const table = this.table(row.object);
    table.restore(row);
    const tombstone = this.deleted.get(row.id);
    if (tombstone !== undefined) table.unbury(tombstone);
    this.deleted.delete(row.id);
    this.forgetParentsOf(row.object, row.id);
  }

  /** Drops the parent links that lead to this Id, so the next read follows the reference again. */
  private forgetParentsOf(object: ObjectSchema, id: string): void {
    const followers = this.followers.get(object.name);
    if (followers === undefined) return;
    for (const { table, field } of followers) {
      for (const child of table.lookup(field, id)) {
        if (child.parents?.[field] !== undefined) child.parents[field] = undefined;
      }
    }
  }
}
