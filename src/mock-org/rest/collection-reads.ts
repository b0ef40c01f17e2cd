import { OrgError, type SObjectRecord } from '../../core/org';
import { isPlainObject } from '../../core/plain-object';
import type { MockOrg } from '../mock-org';
import { fieldsParam } from './record-fields';

/**
 * Retrieving many records of one object by Id with sObject Collections: `POST
 * /composite/sobjects/<SObject>` with `{ ids, fields }` (what jsforce's `retrieve([ids])` sends) or
 * `GET …?ids=&fields=`. The answer lists the records in the order asked, `null` for an Id that
 * names no record; a field the user cannot read refuses the whole request, as a single retrieve does.
 */

/** Salesforce's cap on Ids per collection retrieve. */
export const MAX_RETRIEVE_IDS = 2000;

const names = (value: unknown): string[] | undefined =>
  Array.isArray(value) ? value.filter((item): item is string => typeof item === 'string') : fieldsParam({ fields: value });

export function retrieveMany(org: MockOrg, sobject: string, source: unknown): (SObjectRecord | null)[] {
  const given = isPlainObject(source) ? source : {};
  const ids = names(given.ids) ?? [];
  const fields = names(given.fields) ?? [];
  if (ids.length === 0 || fields.length === 0) throw new OrgError('MISSING_ARGUMENT', 'Both ids and fields are required.', 400);
  if (ids.length > MAX_RETRIEVE_IDS)
    throw new OrgError('EXCEEDED_ID_LIMIT', `record limit reached. cannot submit more than ${MAX_RETRIEVE_IDS} records into this call`, 400);
  org.describeSync(sobject);
  return ids.map((id) => {
    try {
      return org.retrieve(sobject, id, fields);
    } catch (err) {
      if (err instanceof OrgError && err.errorCode === 'NOT_FOUND') return null;
      throw err;
    }
  });
}
