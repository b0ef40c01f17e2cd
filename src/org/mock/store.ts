import type { ObjectSchema } from './schema';
import type { TimelineStep } from './timeline';
import type { RowValues, Value } from './values';

/** One stored record. `values` hold every field of its object, in stored (output) form. */
export interface Row {
  readonly id: string;
  readonly object: ObjectSchema;
  /** Position in its table: index lookups return rows in table order, as a scan would. */
  readonly ordinal: number;
  readonly values: RowValues;
  readonly timeline?: readonly TimelineStep[];
  /** Overlays already computed, by number of steps applied. */
  overlays?: RowValues[];
}

/** The record as it is `elapsed` ms after the org started: its base values plus every due step. */
export function valuesAt(row: Row, elapsed: number): RowValues {
  const timeline = row.timeline;
  if (!timeline) return row.values;
  let due = 0;
  while (due < timeline.length && timeline[due].after <= elapsed) due++;
  if (due === 0) return row.values;
  row.overlays ??= [];
  let overlay = row.overlays[due];
  if (!overlay) {
    overlay = { ...row.values };
    for (let i = 0; i < due; i++) Object.assign(overlay, timeline[i].values);
    row.overlays[due] = overlay;
  }
  return overlay;
}

const EMPTY: readonly Row[] = [];

function addTo(index: Map<string, Row[]>, key: string, row: Row): void {
  const rows = index.get(key);
  if (rows) rows.push(row);
  else index.set(key, [row]);
}

/** One object's records, with equality indexes on every reference field and idLookup string field. */
export class Table {
  readonly rows: Row[] = [];
  private readonly referenceIndexes = new Map<string, Map<string, Row[]>>();
  private readonly lookupIndexes = new Map<string, Map<string, Row[]>>();

  constructor(readonly schema: ObjectSchema) {
    for (const field of schema.fields) {
      if (field.type === 'reference') this.referenceIndexes.set(field.name, new Map());
      else if (field.idLookup && field.type !== 'id') this.lookupIndexes.set(field.name, new Map());
    }
  }

  add(id: string, values: RowValues, timeline?: readonly TimelineStep[]): Row {
    const row: Row = { id, object: this.schema, ordinal: this.rows.length, values, ...(timeline?.length ? { timeline } : {}) };
    this.rows.push(row);
    for (const [name, index] of this.referenceIndexes) {
      const value = values[name];
      if (typeof value === 'string') addTo(index, value, row);
    }
    for (const [name, index] of this.lookupIndexes) {
      const value = values[name];
      if (typeof value === 'string') addTo(index, value.toLowerCase(), row);
    }
    return row;
  }

  /** Whether `field` has an equality index (Id is indexed through the store's Id map). */
  isIndexed(field: string): boolean {
    return field === 'Id' || this.referenceIndexes.has(field) || this.lookupIndexes.has(field);
  }

  /** Rows whose reference field equals the 18-character Id, or whose idLookup field equals the text case-insensitively. */
  lookup(field: string, key: Value): readonly Row[] {
    if (typeof key !== 'string') return EMPTY;
    const reference = this.referenceIndexes.get(field);
    if (reference) return reference.get(key) ?? EMPTY;
    return this.lookupIndexes.get(field)?.get(key.toLowerCase()) ?? EMPTY;
  }
}

/** Every table, and every record by its 18-character Id (references may point to any object). */
export class Store {
  private readonly tables = new Map<string, Table>();
  private readonly byId = new Map<string, Row>();

  table(schema: ObjectSchema): Table {
    let table = this.tables.get(schema.name);
    if (!table) {
      table = new Table(schema);
      this.tables.set(schema.name, table);
    }
    return table;
  }

  /** The table of an object, if it has one (objects without records have none). */
  existingTable(name: string): Table | undefined {
    return this.tables.get(name);
  }

  insert(schema: ObjectSchema, id: string, values: RowValues, timeline?: readonly TimelineStep[]): Row {
    const row = this.table(schema).add(id, values, timeline);
    this.byId.set(id, row);
    return row;
  }

  has(id: string): boolean {
    return this.byId.has(id);
  }

  find(id18: string): Row | undefined {
    return this.byId.get(id18);
  }

  size(name: string): number {
    return this.tables.get(name)?.rows.length ?? 0;
  }
}
