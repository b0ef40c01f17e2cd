import { IpemuError } from '../../core/errors';
import type { Binds, QueryResult } from '../../core/org';
import { OrgUser } from '../schema/users';
import type { ObjectSchema } from '../schema/schema';
import type { SoqlEngine } from '../soql/engine';
import type { ChangeStep, PlatformWriter } from './changes';
import { checkFields } from './field-checks';
import type { OrgWriter } from './org-writer';
import { notFound } from './write-errors';

type RawStep = { readonly at: number; readonly values: Readonly<Record<string, unknown>> };

/** Reads everything: the platform queries in system mode. */
const SYSTEM = new OrgUser('$platform', new Set(), new Set());

/**
 * The emulated platform's writer for one transaction (MockOrg.asPlatform): no field-level
 * security, read-only fields and objects writable, every value still checked (types, picklists,
 * lengths, references, required fields) with Salesforce's codes.
 */
export function platformWriter(writer: OrgWriter, engine: SoqlEngine, userId: string): PlatformWriter {
  const { ctx } = writer;
  const steps = (object: ObjectSchema, raw: readonly RawStep[] | undefined): ChangeStep[] | undefined =>
    raw?.map((step) => {
      const values = checkFields(ctx, object, step.values, 'update', undefined);
      for (const name of Object.keys(values)) {
        const field = object.fieldByLower.get(name.toLowerCase())!;
        // Indexes follow a row's own values, never its timeline (as for fixture timelines).
        if (field.type === 'reference' || field.idLookup) {
          throw new IpemuError('INVALID_INPUT', `A timeline step may not change ${object.name}.${name}: Id, reference and idLookup fields do not move.`);
        }
      }
      return { at: step.at, values };
    });
  return {
    userId,
    now: () => ctx.clock(),
    insert(sobject, values, timeline) {
      const object = ctx.schema.get(sobject);
      if (object === undefined) throw notFound();
      return writer.insert(undefined, object, values, userId, steps(object, timeline));
    },
    update(id, values, timeline) {
      const row = writer.rowFor(undefined, id);
      writer.update(undefined, row, values, userId, steps(row.object, timeline));
    },
    query(soql: string, binds?: Binds): QueryResult {
      const now = ctx.clock();
      return engine.execute(soql, binds, SYSTEM, now, now - ctx.start);
    },
  };
}
