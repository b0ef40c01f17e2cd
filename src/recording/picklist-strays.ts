import type { FixtureRecord, ObjectDecl } from '../mock-org/fixtures/types';
import { BUILT_IN_OBJECTS } from '../mock-org/schema/catalog';
import { buildSchema, type Schema } from '../mock-org/schema/schema';

/** A picklist that recorded records hold values of beyond its declared ones. */
export interface WidenedPicklist {
  object: string;
  field: string;
  /** The values added, in the order first met. */
  values: string[];
}

/**
 * Picklist values recorded records hold that the schema does not declare: Salesforce keeps a
 * value made inactive on the records that have it, and an unrestricted picklist takes any value
 * through the API, while the mock org's picklists accept only their declared values. The recorder
 * notes each record as it streams by (only the strays are kept), then widens the schema before
 * writing it, so the records load. (ipemu) A widened value describes as active in the mock org.
 */
export class PicklistStrays {
  private readonly merged: Schema;
  /** `Object\0Field` → stray values in the order met. */
  private readonly strays = new Map<string, Set<string>>();

  constructor(private readonly schema: Record<string, ObjectDecl>) {
    this.merged = buildSchema(schema, []);
  }

  /** Per object: its picklist fields with their declared values (built once per object, not per record). */
  private readonly plans = new Map<string, { key: string; name: string; multi: boolean; declared: ReadonlySet<string> }[]>();

  note(object: string, record: FixtureRecord): void {
    for (const field of this.planOf(object)) {
      const value = record[field.name];
      if (typeof value !== 'string' || value === '') continue;
      for (const one of field.multi ? value.split(';') : [value]) {
        if (field.declared.has(one)) continue;
        let set = this.strays.get(field.key);
        if (set === undefined) this.strays.set(field.key, (set = new Set()));
        set.add(one);
      }
    }
  }

  private planOf(object: string): { key: string; name: string; multi: boolean; declared: ReadonlySet<string> }[] {
    let plan = this.plans.get(object);
    if (plan === undefined) {
      const schema = this.merged.get(object);
      plan = (schema?.fields ?? [])
        .filter((field) => field.picklistValues !== undefined)
        .map((field) => ({
          key: `${schema!.name}\0${field.name}`,
          name: field.name,
          multi: field.type === 'multipicklist',
          declared: new Set(field.picklistValues),
        }));
      this.plans.set(object, plan);
    }
    return plan;
  }

  /** Adds the strays to the schema's picklists (a built-in field gains an override holding the catalog's values and them); answers what it added. */
  widen(): WidenedPicklist[] {
    const widened: WidenedPicklist[] = [];
    for (const [key, set] of this.strays) {
      const [object = '', field = ''] = key.split('\0');
      const declared = this.merged.get(object)!.fieldByLower.get(field.toLowerCase())!.picklistValues ?? [];
      const decl = this.schema[object] ?? (this.schema[object] = { keyPrefix: BUILT_IN_OBJECTS[object]!.keyPrefix, fields: {} });
      const current = decl.fields[field] ?? BUILT_IN_OBJECTS[object]!.fields[field]!;
      const values = [...set];
      decl.fields[field] = { ...current, picklistValues: [...declared, ...values] };
      widened.push({ object, field, values });
    }
    return widened;
  }
}
