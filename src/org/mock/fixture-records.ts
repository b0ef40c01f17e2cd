import { hasKeyPrefix, makeId } from '../salesforce-id';
import type { RawFixture } from './fixture-source';
import type { FixtureProblem } from './fixtures';
import type { FieldSchema, ObjectSchema, Schema } from './schema';
import { Row, Store, Table } from './store';
import { parseTimeline, TimelineProblem, TimelineStep } from './timeline';
import { FieldCoercer, INVALID, RowValues } from './values';

/*
 * The records part of a fixture load, written for a 150,000-job org (500,000 records): per-object
 * decisions are made once, a parsed record is kept as its row's values when it can be, and the
 * happy path builds no message, closure or context object.
 */

const AUDIT_DATES = ['CreatedDate', 'LastModifiedDate', 'SystemModstamp'];

/** One field as a record key: its coercer and, for a reference, the key prefixes it accepts. */
class FieldPlan {
  readonly name: string;
  readonly coercer: FieldCoercer;
  /** Undefined when any Id goes (not a reference, polymorphic, or a target the mock org does not model). */
  readonly targets: readonly ObjectSchema[] | undefined;

  constructor(field: FieldSchema, schema: Schema) {
    this.name = field.name;
    this.coercer = new FieldCoercer(field);
    const targets = field.type === 'reference' && !field.polymorphic ? field.referenceTo.map((name) => schema.get(name)) : [];
    this.targets = targets.length > 0 && targets.every((target) => target !== undefined) ? (targets as ObjectSchema[]) : undefined;
  }
}

/**
 * What a load decides once per object rather than once per record: each key's field, the
 * defaults to fill, and the key order of the last record that could be stored as it was parsed.
 */
class ObjectPlan {
  private readonly byKey = new Map<string, FieldPlan | undefined>();
  readonly booleans: readonly string[];
  readonly auditDates: readonly string[];
  shapeKeys: readonly string[] = [];
  shapeFields: readonly FieldPlan[] = [];

  constructor(readonly object: ObjectSchema, private readonly schema: Schema, readonly table: Table) {
    this.booleans = object.fields.filter((field) => field.type === 'boolean').map((field) => field.name);
    this.auditDates = AUDIT_DATES.filter((name) => object.fieldByLower.has(name.toLowerCase()));
  }

  /** The field of a key as written (names are case-insensitive), remembered per spelling. */
  field(key: string): FieldPlan | undefined {
    if (this.byKey.has(key)) return this.byKey.get(key);
    const field = this.object.fieldByLower.get(key.toLowerCase());
    const plan = field ? new FieldPlan(field, this.schema) : undefined;
    this.byKey.set(key, plan);
    return plan;
  }

  /**
   * Whether every key of a parsed record is a field's exact name, so the object can be kept as the
   * row's values. A record with the last such record's keys is checked by identity alone.
   */
  fitsShape(raw: Record<string, unknown>): boolean {
    const keys = this.shapeKeys;
    let i = 0;
    for (const key in raw) {
      if (i >= keys.length || keys[i] !== key) return this.learnShape(raw);
      i++;
    }
    return i === keys.length || this.learnShape(raw);
  }

  private learnShape(raw: Record<string, unknown>): boolean {
    const keys: string[] = [];
    const fields: FieldPlan[] = [];
    for (const key in raw) {
      const field = key === 'attributes' ? undefined : this.field(key);
      if (field === undefined || field.name !== key) return false;
      keys.push(key);
      fields.push(field);
    }
    this.shapeKeys = keys;
    this.shapeFields = fields;
    return true;
  }
}

/** One fixture list's rows in its table, in load order. */
interface Segment {
  readonly table: Table;
  readonly from: number;
  /** Undefined while the list is loading. */
  to: number | undefined;
  /** List positions of entries that were not records (so not stored), ascending. */
  readonly skipped: number[];
}

/**
 * Checks records and stores them as it goes. The store's Id map doubles as the duplicate check.
 * Problems name the current record through `file`, `index` and `givenId`, set per record, so the
 * happy path builds no context object and no message.
 */
class RecordLoader {
  private readonly plans = new Map<ObjectSchema, ObjectPlan>();
  private readonly withoutId: Row[] = [];
  /** Each list's rows, in load order (for finding which record used an Id first). */
  private readonly segments: Segment[] = [];
  private firstById: Map<string, Row> | undefined;
  private file: string | undefined;
  private object!: ObjectSchema;
  private index = 0;
  private givenId: string | undefined;

  constructor(private readonly schema: Schema, readonly store: Store, private readonly now: string, private readonly problems: FixtureProblem[]) {}

  private planOf(object: ObjectSchema): ObjectPlan {
    let plan = this.plans.get(object);
    if (!plan) this.plans.set(object, (plan = new ObjectPlan(object, this.schema, this.store.table(object))));
    return plan;
  }

  private problem(field: string | undefined, message: string): void {
    const problem: FixtureProblem = { file: this.file, object: this.object.name, record: this.index, message };
    if (this.givenId) problem.id = this.givenId;
    if (field !== undefined) problem.field = field;
    this.problems.push(problem);
  }

  /** `owned`: the rows were parsed from JSON here, so a row may keep the parsed object as its values. */
  loadList(objectName: string, file: string | undefined, rows: unknown, owned: boolean): void {
    const object = this.schema.get(objectName);
    if (!object) {
      this.problems.push({ file, object: objectName, message: `unknown object ${objectName} (declare it in "schema")` });
      return;
    }
    if (!Array.isArray(rows)) {
      this.problems.push({ file, object: object.name, message: 'must be a list of records' });
      return;
    }
    const plan = this.planOf(object);
    const segment: Segment = { table: plan.table, from: plan.table.rows.length, to: undefined, skipped: [] };
    this.segments.push(segment);
    this.file = file;
    this.object = object;
    for (let index = 0; index < rows.length; index++) {
      const raw: unknown = rows[index];
      this.index = index;
      if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) {
        this.givenId = undefined;
        this.problem(undefined, 'a record must be an object of field values');
        segment.skipped.push(index);
        continue;
      }
      this.loadRecord(plan, raw as Record<string, unknown>, owned);
    }
    segment.to = plan.table.rows.length;
  }

  private loadRecord(plan: ObjectPlan, raw: Record<string, unknown>, owned: boolean): void {
    const rawId = raw.Id;
    this.givenId = typeof rawId === 'string' ? rawId : undefined;
    let values: RowValues;
    let timeline: TimelineStep[] | undefined;
    if (owned && plan.fitsShape(raw)) {
      values = this.coerceInPlace(plan, raw);
    } else {
      values = {};
      timeline = this.coerceCopy(plan, raw, values);
    }
    const booleans = plan.booleans;
    for (let i = 0; i < booleans.length; i++) if (values[booleans[i]] === undefined) values[booleans[i]] = false;
    // (ipemu) A real record always has its audit dates: missing ones default to the load time.
    const audit = plan.auditDates;
    if (audit.length > 0) {
      const created = values.CreatedDate ?? this.now;
      for (let i = 0; i < audit.length; i++) if (values[audit[i]] == null) values[audit[i]] = audit[i] === 'CreatedDate' ? this.now : created;
    }
    const id = typeof values.Id === 'string' ? values.Id : '';
    const object = plan.object;
    if (id && !hasKeyPrefix(id, object.keyPrefix)) this.problem('Id', `${id} does not have ${object.name}'s key prefix ${object.keyPrefix}`);
    const row = plan.table.add(id, values, timeline);
    if (!id) this.withoutId.push(row);
    else {
      const first = this.indexRow(row);
      if (first) this.problem('Id', `duplicate Id (first used by ${first.object.name}[${this.listIndexOf(first)}])`);
    }
  }

  /** Indexes a row by its Id; when the Id is taken, the row that took it first (which stays indexed). */
  private indexRow(row: Row): Row | undefined {
    if (this.firstById === undefined) {
      if (this.store.indexNew(row)) return undefined;
      this.firstById = this.firstRowsById(row);
    }
    const first = this.firstById.get(row.id);
    if (first) {
      this.store.index(first);
      return first;
    }
    this.firstById.set(row.id, row);
    this.store.index(row);
    return undefined;
  }

  /** A stored row's position in its fixture list. */
  private listIndexOf(row: Row): number {
    for (const { table, from, to, skipped } of this.segments) {
      if (table.schema !== row.object || row.ordinal < from || row.ordinal >= (to ?? table.rows.length)) continue;
      let index = row.ordinal - from;
      for (const position of skipped) if (position <= index) index++;
      return index;
    }
    return row.ordinal;
  }

  /** After a first duplicate: the first row of each Id among those loaded before `current`. */
  private firstRowsById(current: Row): Map<string, Row> {
    const first = new Map<string, Row>();
    for (const { table, from, to } of this.segments) {
      const end = to ?? table.rows.length;
      for (let i = from; i < end; i++) {
        const row = table.rows[i];
        if (row === current) return first;
        if (row.id && !first.has(row.id)) first.set(row.id, row);
      }
    }
    return first;
  }

  /** The parsed record becomes the row's values: only values whose stored form differs are rewritten. */
  private coerceInPlace(plan: ObjectPlan, raw: Record<string, unknown>): RowValues {
    const fields = plan.shapeFields;
    let i = 0;
    for (const key in raw) {
      const field = fields[i++];
      const value = raw[key];
      const coerced = field.coercer.coerce(value);
      if (coerced === INVALID) {
        this.problem(field.name, field.coercer.explain(value));
        delete raw[key]; // as if never given, like a copied record
        continue;
      }
      if (coerced !== value) raw[key] = coerced;
      if (field.targets !== undefined && typeof coerced === 'string') this.checkReference(field, coerced);
    }
    return raw as RowValues;
  }

  /** Copies the record's fields into `values`; returns its timeline, if it has one. */
  private coerceCopy(plan: ObjectPlan, raw: Record<string, unknown>, values: RowValues): TimelineStep[] | undefined {
    let timeline: TimelineStep[] | undefined;
    for (const key in raw) {
      if (key === 'attributes') continue; // records copied from REST responses carry it
      const value = raw[key];
      if (key === '$timeline') {
        const timelineProblems: TimelineProblem[] = [];
        timeline = parseTimeline(plan.object, value, timelineProblems);
        for (const p of timelineProblems) this.problem(p.field, p.message);
        continue;
      }
      const field = plan.field(key);
      if (!field) {
        this.problem(key, `no such field on ${plan.object.name}`);
        continue;
      }
      const coerced = field.coercer.coerce(value);
      if (coerced === INVALID) {
        this.problem(field.name, field.coercer.explain(value));
        continue;
      }
      values[field.name] = coerced;
      if (field.targets !== undefined && typeof coerced === 'string') this.checkReference(field, coerced);
    }
    return timeline;
  }

  private checkReference(field: FieldPlan, id: string): void {
    const targets = field.targets!;
    for (let i = 0; i < targets.length; i++) if (hasKeyPrefix(id, targets[i].keyPrefix)) return;
    const expected = targets.map((target) => `${target.name} (key prefix ${target.keyPrefix})`).join(' or ');
    this.problem(field.name, `${id} is not an Id of ${expected}`);
  }

  /** Records without an Id get a valid 18-character Id with their object's key prefix, after all given Ids are known. */
  assignIds(): void {
    const serials = new Map<string, number>();
    for (const row of this.withoutId) {
      const prefix = row.object.keyPrefix;
      let serial = serials.get(prefix) ?? 1;
      let id = makeId(prefix, serial);
      while (this.store.has(id)) id = makeId(prefix, ++serial);
      serials.set(prefix, serial + 1);
      this.store.assignId(row, id);
    }
  }
}

/** Checks and stores every record list; `now` (stored form) fills missing audit dates. */
export function loadRecords(lists: RawFixture['records'], schema: Schema, now: string, problems: FixtureProblem[]): Store {
  const loader = new RecordLoader(schema, new Store(), now, problems);
  for (const list of lists) loader.loadList(list.object, list.file, list.rows, list.owned);
  loader.assignIds();
  return loader.store;
}
