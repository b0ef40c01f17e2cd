import type { FieldType } from '../mock-org/fixtures/types';
import { FIELD_TYPES } from '../mock-org/schema/schema';

/*
 * Salesforce describe types (the REST API's `type`; the values of Apex's Schema.DisplayType:
 * https://developer.salesforce.com/docs/platform/apex-ref/references/apex-ref/apex-enum-schema-displaytype.html)
 * → the mock org's field types. A type the mock org does not hold is skipped with the reason.
 */

/** (ipemu) Stored as the nearest mock type: a combobox takes any text, an encrypted string reads as text, a long as a whole number (exact up to 2^53). */
const NEAREST: Readonly<Record<string, FieldType>> = { combobox: 'string', encryptedstring: 'string', long: 'int' };

const WHY_SKIPPED: Readonly<Record<string, string>> = {
  time: 'the mock org has no time-of-day fields',
  base64: 'the mock org holds no binary (base64) fields',
  address: 'a compound field: the mock org records its parts (…Street, …City, …) as their own fields',
  location: 'a compound field: the mock org records its parts (…__Latitude__s, …__Longitude__s) as their own fields',
  anyType: 'a field of any type (anyType) has no one mock type',
  complexvalue: 'the mock org holds no complex (structured) values',
  json: 'the mock org holds no JSON fields',
  floatarray: 'the mock org holds no arrays of numbers',
  datacategorygroupreference: 'the mock org has no data categories',
};

/** The mock type a describe type maps to, or why the field cannot be recorded. */
export function fieldTypeOf(describeType: string): { type: FieldType } | { why: string } {
  if ((FIELD_TYPES as readonly string[]).includes(describeType)) return { type: describeType as FieldType };
  const nearest = NEAREST[describeType];
  if (nearest !== undefined) return { type: nearest };
  return { why: WHY_SKIPPED[describeType] ?? `the mock org has no ${describeType} fields` };
}
