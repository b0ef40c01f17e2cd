import type { ObjectSchema } from '../schema/schema';
import type { TimelineStep } from './timeline';
import type { RowValues, Value } from './values';
import type { ParentLink, Row } from './store';
import { addTo, positionOf, removeFrom, RowIndex, rowsOf, swapIn } from './row-index';

/** Every row has the same fields, set in the same order: one hidden class for 500,000 rows. */
export class StoredRow implements Row {
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
  /**
   * Deleted records, as `/queryAll` reads them (IsDeleted true), in the order they were deleted.
   * Appended in place (a copy per delete made N deletes cost N²): no caller holds this array, as
   * rowsWithDeleted answers a fresh merge.
   */
  private buried: Row[] = [];

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

  /**
   * Keeps a removed row as its tombstone: the same record at the same place with IsDeleted true
   * (when the object has the field), which only `rowsWithDeleted` gives.
   */
  bury(row: Row): Row {
    const values = this.schema.fieldByLower.has('isdeleted') ? { ...row.values, IsDeleted: true } : row.values;
    const tombstone = new StoredRow(row.id, this.schema, row.ordinal, values, row.timeline);
    this.buried.push(tombstone);
    return tombstone;
  }

  /** Forgets a tombstone (its delete was undone). */
  unbury(tombstone: Row): void {
    this.buried = this.buried.filter((row) => row !== tombstone);
  }

  /** Live rows and tombstones merged in table order (what `/queryAll` scans). */
  rowsWithDeleted(): readonly Row[] {
    if (this.buried.length === 0) return this.rows;
    const dead = [...this.buried].sort((a, b) => a.ordinal - b.ordinal);
    const live = this.rows;
    const out: Row[] = [];
    let i = 0;
    let j = 0;
    while (i < live.length || j < dead.length) {
      if (j >= dead.length || (i < live.length && live[i]!.ordinal < dead[j]!.ordinal)) out.push(live[i++]!);
      else out.push(dead[j++]!);
    }
    return out;
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
