import type { ObjectSchema } from '../schema/schema';
import type { TimelineStep } from './timeline';
import type { RowValues, Value } from './values';
import { makeId } from '../../salesforce/ids';
import { addTo, positionOf, removeFrom, RowIndex, rowsOf, swapIn } from './row-index';

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

/** Every row has the same fields, set in the same order: one hidden class for 500,000 rows. */
class StoredRow implements Row {
  overlays: RowValues[] | undefined = undefined;
  parents: Record<string, ParentLink | undefined> | undefined = undefined;

  constructor(
    public id: string,
    readonly object: ObjectSchema,
    readonly ordinal: number,
    readonly values: RowValues,
    readonly timeline: readonly TimelineStep[] | undefined,
  ) {}
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

const EMPTY: readonly Row[] = [];

interface IndexedField {
  readonly name: string;
  /** idLookup text fields match case-insensitively: they are keyed in lower case. */
  readonly lowerCase: boolean;
  /** Built on the field's first lookup. */
  index: RowIndex | undefined;
}

/**
 * One object's records, with equality indexes on every reference field and idLookup string field.
 * An index is built the first time its field is looked up: a 150,000-job org has some 850,000
 * index entries over eight fields, most of which no query ever uses, and building them all at
 * load took 0.6 s of its 2.6 (about 125 ms per 150,000-row field, now paid by its first query).
 */
export class Table {
  /** In table order. Replaced, never shifted, when a row leaves or returns: a running scan keeps the list it began with. */
  rows: Row[] = [];
  /**
   * The table's rows by 18-character Id. One map per object rather than one for the whole org:
   * a lookup in a map of 150,000 jobs costs a fraction of one in a map of every record (500,000),
   * whose buckets no cache holds.
   */
  readonly byId = new Map<string, Row>();
  private readonly indexByName = new Map<string, IndexedField>();
  /** The fields whose index exists, which `add` keeps current. */
  private readonly built: IndexedField[] = [];
  /** Ordinals keep increasing after deletes, so table order is insertion order. */
  private nextOrdinal = 0;

  constructor(readonly schema: ObjectSchema) {
    for (const field of schema.fields) {
      const reference = field.type === 'reference';
      if (reference || (field.idLookup && field.type !== 'id')) this.indexByName.set(field.name, { name: field.name, lowerCase: !reference, index: undefined });
    }
  }

  /** Appends a row; an empty `id` is given later with Store.assignId. */
  add(id: string, values: RowValues, timeline?: readonly TimelineStep[]): Row {
    const row = new StoredRow(id, this.schema, this.nextOrdinal++, values, timeline !== undefined && timeline.length > 0 ? timeline : undefined);
    this.rows.push(row);
    for (let i = 0; i < this.built.length; i++) indexRow(this.built[i]!, row);
    return row;
  }

  /** A new row for the record of `current` (same Id, same place), not yet stored: swap it in. */
  successor(current: Row, values: RowValues, timeline: readonly TimelineStep[] | undefined): Row {
    return new StoredRow(current.id, this.schema, current.ordinal, values, timeline !== undefined && timeline.length > 0 ? timeline : undefined);
  }

  /** Puts `next` (the same record, same ordinal) where `current` is, in the rows, the Id map and every index. */
  swap(current: Row, next: Row): void {
    const at = positionOf(this.rows, current.ordinal);
    if (this.rows[at] === current) this.rows[at] = next;
    this.byId.set(next.id, next);
    for (const entry of this.built) {
      const before = keyOf(entry, current);
      const after = keyOf(entry, next);
      if (before === after) {
        if (before !== undefined) swapIn(entry.index!, before, current, next);
        continue;
      }
      if (before !== undefined) removeFrom(entry.index!, before, current);
      if (after !== undefined) addTo(entry.index!, after, next);
    }
  }

  /** Takes a row out of the table: scans, the Id map and indexes no longer give it. */
  remove(row: Row): void {
    const at = positionOf(this.rows, row.ordinal);
    if (this.rows[at] === row) this.rows = [...this.rows.slice(0, at), ...this.rows.slice(at + 1)];
    if (this.byId.get(row.id) === row) this.byId.delete(row.id);
    for (const entry of this.built) {
      const key = keyOf(entry, row);
      if (key !== undefined) removeFrom(entry.index!, key, row);
    }
  }

  /** Puts a removed row back at its place (undoing a delete). */
  restore(row: Row): void {
    const at = positionOf(this.rows, row.ordinal);
    this.rows = [...this.rows.slice(0, at), row, ...this.rows.slice(at)];
    this.byId.set(row.id, row);
    for (const entry of this.built) {
      const key = keyOf(entry, row);
      if (key !== undefined) addTo(entry.index!, key, row);
    }
  }

  find(id18: string): Row | undefined {
    return this.byId.get(id18);
  }

  /** Whether `field` has an equality index (Id is indexed through the table's Id map). */
  isIndexed(field: string): boolean {
    return field === 'Id' || this.indexByName.has(field);
  }

  /** Rows whose reference field equals the 18-character Id, or whose idLookup field equals the text case-insensitively. */
  lookup(field: string, key: Value): readonly Row[] {
    if (typeof key !== 'string') return EMPTY;
    const entry = this.indexByName.get(field);
    if (!entry) return EMPTY;
    return rowsOf(entry.index ?? this.build(entry), entry.lowerCase ? key.toLowerCase() : key);
  }

  private build(entry: IndexedField): RowIndex {
    entry.index = new Map();
    for (let i = 0; i < this.rows.length; i++) indexRow(entry, this.rows[i]!);
    this.built.push(entry);
    return entry.index;
  }
}

function keyOf(entry: IndexedField, row: Row): string | undefined {
  const value = row.values[entry.name];
  if (typeof value !== 'string') return undefined;
  return entry.lowerCase ? value.toLowerCase() : value;
}

function indexRow(entry: IndexedField, row: Row): void {
  const key = keyOf(entry, row);
  if (key !== undefined) addTo(entry.index!, key, row);
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
  /** Deleted records' Ids and objects: a second delete or an update is ENTITY_IS_DELETED, and newId never gives them again. */
  private readonly deleted = new Map<string, ObjectSchema>();
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
    return this.deleted.get(id18);
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

  /** Deletes a record: it leaves its table and is remembered as deleted. */
  remove(row: Row): void {
    this.table(row.object).remove(row);
    this.deleted.set(row.id, row.object);
    this.forgetParentsOf(row.object, row.id);
  }

  /** Undoes `remove`. */
  unremove(row: Row): void {
    this.table(row.object).restore(row);
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
