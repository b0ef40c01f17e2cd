import type { Query } from '@jetstreamapp/soql-parser-js';
import type { ObjectSchema } from '../schema/schema';
import { unsupported } from './errors';

/**
 * FOR VIEW, FOR REFERENCE and FOR UPDATE.
 * - FOR VIEW / FOR REFERENCE tell Salesforce to stamp LastViewedDate / LastReferencedDate on the
 *   records returned. The mock org's catalog has neither field, so the answer is the query's own;
 *   an object whose fixture declares the field is refused, since a read here never writes it.
 * - FOR UPDATE locks the rows for the Apex transaction: the mock runs one transaction at a time,
 *   so in-process (Apex) it answers as the query does. Salesforce documents it for Apex only and
 *   refuses ORDER BY with it; the mock refuses both rather than guess at the REST API's wording.
 */
export type ForClause = 'VIEW' | 'REFERENCE' | 'UPDATE';

const STAMPS: Readonly<Record<'VIEW' | 'REFERENCE', string>> = { VIEW: 'lastvieweddate', REFERENCE: 'lastreferenceddate' };

export function compileForClause(root: ObjectSchema, query: Query): ForClause | undefined {
  const clause = query.for?.toUpperCase();
  if (clause === undefined) return undefined;
  if (clause === 'UPDATE') {
    if (query.orderBy) throw unsupported('FOR UPDATE with ORDER BY (Salesforce refuses ORDER BY in a locking query)');
    return 'UPDATE';
  }
  if (clause !== 'VIEW' && clause !== 'REFERENCE') throw unsupported(`FOR ${query.for}`);
  const stamp = root.fieldByLower.get(STAMPS[clause]);
  if (stamp) throw unsupported(`FOR ${clause} on ${root.name}, whose ${stamp.name} a query would have to update`);
  return clause;
}

/** FOR UPDATE outside Apex (the REST API). */
export function forUpdateOutsideApex(): ReturnType<typeof unsupported> {
  return unsupported('FOR UPDATE over the REST API (Salesforce locks rows only for Apex)');
}
