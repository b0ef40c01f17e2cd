import { OrgError } from '../../core/org';
import type { FieldSchema } from '../schema/schema';

/*
 * What Salesforce's REST API answers when it refuses a write (the sObject and sObject Rows
 * resources), worded as it words them. Messages that name a field name it by label, as
 * Salesforce does ("Account ID: id value of incorrect type: …"); `fields` holds API names.
 */

export type WriteOperation = 'insert' | 'update' | 'delete';

/** The object is unknown, hidden from the user, or the record does not exist (404). */
export const notFound = (): OrgError => new OrgError('NOT_FOUND', 'The requested resource does not exist', 404);

/** "entity type UserLicense does not support insert" (observed on a real org for a read-only object). */
export const unsupportedOperation = (object: string, operation: WriteOperation): OrgError =>
  new OrgError('INVALID_TYPE_FOR_OPERATION', `entity type ${object} does not support ${operation}`);

/** A field that does not exist or that the user cannot see: the REST API's wording for record fields. */
export const noSuchField = (field: string, object: string): OrgError => new OrgError('INVALID_FIELD', `No such column '${field}' on sobject of type ${object}`);

export const notWritable = (fields: readonly string[]): OrgError =>
  new OrgError(
    'INVALID_FIELD_FOR_INSERT_UPDATE',
    `Unable to create/update fields: ${fields.join(', ')}. Please check the security settings of this field and verify that it is read/write for your profile or permission set.`,
    400,
    [...fields],
  );

/** The Jackson token Salesforce names for a JSON value it could not read as the field's type. */
function tokenOf(raw: unknown): string {
  if (typeof raw === 'string') return 'VALUE_STRING';
  if (typeof raw === 'number') return Number.isInteger(raw) ? 'VALUE_NUMBER_INT' : 'VALUE_NUMBER_FLOAT';
  if (typeof raw === 'boolean') return raw ? 'VALUE_TRUE' : 'VALUE_FALSE';
  if (Array.isArray(raw)) return 'START_ARRAY';
  return 'START_OBJECT';
}

function shown(raw: unknown): string {
  if (Array.isArray(raw)) return '[';
  if (typeof raw === 'object' && raw !== null) return '{';
  return String(raw);
}

/** The type name Salesforce's deserializer uses for a field type. */
const JSON_TYPE_NAMES: Readonly<Record<string, string>> = {
  int: 'int',
  double: 'double',
  currency: 'double',
  percent: 'double',
  boolean: 'boolean',
  date: 'date',
  datetime: 'datetime',
  id: 'id',
  reference: 'id',
};

/**
 * "Cannot deserialize instance of date from VALUE_STRING value 2017-05-30X or request may be
 * missing a required field at [line:11, column:55]". (ipemu) Without the request's text the mock
 * org cannot say where: the `at [line:…, column:…]` part is left out.
 */
export const unreadableValue = (field: FieldSchema, raw: unknown): OrgError =>
  new OrgError(
    'JSON_PARSER_ERROR',
    `Cannot deserialize instance of ${JSON_TYPE_NAMES[field.type] ?? 'string'} from ${tokenOf(raw)} value ${shown(raw)} or request may be missing a required field`,
  );

export const tooLong = (field: FieldSchema, value: string): OrgError =>
  new OrgError('STRING_TOO_LONG', `${field.label}: data value too large: ${value} (max length=${field.length})`, 400, [field.name]);

export const badPicklistValue = (field: FieldSchema, value: string): OrgError =>
  new OrgError('INVALID_OR_NULL_FOR_RESTRICTED_PICKLIST', `${field.label}: bad value for restricted picklist field: ${value}`, 400, [field.name]);

/** A reference that is no Id at all. */
export const malformedId = (field: FieldSchema, value: string): OrgError =>
  new OrgError('MALFORMED_ID', `${field.label}: id value of incorrect type: ${value}`, 400, [field.name]);

/** A reference to a record of an object the field cannot point to. */
export const wrongReferenceType = (field: FieldSchema, value: string): OrgError =>
  new OrgError('FIELD_INTEGRITY_EXCEPTION', `${field.label}: id value of incorrect type: ${value}`, 400, [field.name]);

/** A reference to a record that does not exist (or was deleted). (ipemu) `fields` empty, as Apex shows it ("invalid cross reference id: []"). */
export const noSuchReference = (): OrgError => new OrgError('INVALID_CROSS_REFERENCE_KEY', 'invalid cross reference id', 400, []);

export const requiredMissing = (fields: readonly string[]): OrgError =>
  new OrgError('REQUIRED_FIELD_MISSING', `Required fields are missing: [${fields.join(', ')}]`, 400, [...fields]);

export const entityDeleted = (): OrgError => new OrgError('ENTITY_IS_DELETED', 'entity is deleted', 400, []);
