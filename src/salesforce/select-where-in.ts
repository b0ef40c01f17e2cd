import type { FinalRows, QueryMerge, QueryOptions } from '../core/org';

/** A query built as `SELECT <fields> FROM <sobject> WHERE <field> IN :<bind>`, with the options that say so. */
export interface WhereInQuery {
  readonly soql: string;
  /** `{ merge }`: concurrent callers of this text may share one request (see QueryMerge). */
  readonly options: Readonly<QueryOptions> & { readonly merge: QueryMerge };
}

/**
 * Builds the one query shape that may be merged across invocations. The WHERE field is selected
 * (a merged answer is shared out by reading it); names are API names the caller checked, never
 * values: values travel only as the bind. `final` says which rows never change (QueryOptions.final).
 */
export function selectWhereIn(sobject: string, fields: readonly string[], field: string, bind: string, final?: FinalRows): WhereInQuery {
  // Salesforce refuses a field selected twice; names compare without regard to case.
  const selected: string[] = [];
  for (const name of [...fields, field]) if (!selected.some((s) => s.toLowerCase() === name.toLowerCase())) selected.push(name);
  const soql = `SELECT ${selected.join(', ')} FROM ${sobject} WHERE ${field} IN :${bind}`;
  const merge = Object.freeze({ field, bind });
  const options = final ? { merge, final: Object.freeze({ field: final.field, values: Object.freeze([...final.values]) }) } : { merge };
  return Object.freeze({ soql, options: Object.freeze(options) });
}
