import type { ObjectSchema } from '../schema/schema';
import type { TimelineStep } from './timeline';
import type { RowValues, Value } from './values';

/** One stored record. `values` hold every field of its object, in stored (output) form. */
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
  parents: Record<string, ParentLink> | undefined;
}

/** A reference followed once: the store does not change after loading, so the same Id leads to the same row. */
export interface ParentLink {
  readonly id: string;
  readonly row: Row | undefined;
}

/** Every row has the same fields, set in the same order: one hidden class for 500,000 rows. */
class StoredRow implements Row {
  overlays: RowValues[] | undefined = undefined;
  parents: Record<string, ParentLink> | undefined = undefined;

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

/**
 * Key → the rows with it. Most keys (a job's request item, a policy's name) have one row, held
 * directly: an array per key would be 150,000 more objects. It becomes an array once a second
 * row arrives, or the first time it is looked up (so repeated lookups allocate nothing).
 */
type RowIndex = Map<string, Row | Row[]>;

interface IndexedField {
  readonly name: string;
  /** idLookup text fields match case-insensitively: they are keyed in lower case. */
  readonly lowerCase: boolean;
  /** Built on the field's first lookup. */
  index: RowIndex | undefined;
}

function addTo(index: RowIndex, key: string, row: Row): void {
  const rows = index.get(key);
  if (rows === undefined) index.set(key, row);
  else if (Array.isArray(rows)) rows.push(row);
  else index.set(key, [rows, row]);
}

function rowsOf(index: RowIndex, key: string): readonly Row[] {
  const rows = index.get(key);
  if (rows === undefined) return EMPTY;
  if (Array.isArray(rows)) return rows;
  const list = [rows];
  index.set(key, list);
  return list;
}

/**
 * One object's records, with equality indexes on every reference field and idLookup string field.
 * An index is built the first time its field is looked up: a 150,000-job org has some 850,000
 * index entries over eight fields, most of which no query ever uses, and building them all at
 * load took 0.6 s of its 2.6 (about 125 ms per 150,000-row field, now paid by its first query).
 */
export class Table {
  readonly rows: Row[] = [];
  /**
   * The table's rows by 18-character Id. One map per object rather than one for the whole org:
   * a lookup in a map of 150,000 jobs costs a fraction of one in a map of every record (500,000),
   * whose buckets no cache holds.
   */
  readonly byId = new Map<string, Row>();
  private readonly indexByName = new Map<string, IndexedField>();
  /** The fields whose index exists, which `add` keeps current. */
  private readonly built: IndexedField[] = [];

  constructor(readonly schema: ObjectSchema) {
    for (const field of schema.fields) {
      const reference = field.type === 'reference';
      if (reference || (field.idLookup && field.type !== 'id')) this.indexByName.set(field.name, { name: field.name, lowerCase: !reference, index: undefined });
    }
  }

  /** Appends a row; an empty `id` is given later with Store.assignId. */
  add(id: string, values: RowValues, timeline?: readonly TimelineStep[]): Row {
    const row = new StoredRow(id, this.schema, this.rows.length, values, timeline !== undefined && timeline.length > 0 ? timeline : undefined);
    this.rows.push(row);
    for (let i = 0; i < this.built.length; i++) indexRow(this.built[i]!, row);
    return row;
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

function indexRow(entry: IndexedField, row: Row): void {
  const value = row.values[entry.name];
  if (typeof value === 'string') addTo(entry.index!, entry.lowerCase ? value.toLowerCase() : value, row);
}

/** Every table; a record is found by its Id through its object's key prefix (references may point to any object). */
export class Store {
  private readonly tables = new Map<string, Table>();
  private readonly byPrefix = new Map<string, Table>();

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
}
