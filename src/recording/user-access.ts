import type { FieldDescribe } from '../core/org';
import type { FieldSchema } from '../mock-org/schema/schema';

/**
 * The one rule that splits a describe's createable/updateable between the schema and the user:
 * a catalog field the catalog lets someone write, which the running user's describe shows as
 * neither createable nor updateable, is that user's readOnlyFields (field-level security);
 * any other difference is the field's own (the schema's).
 */
export function isUserReadOnly(described: FieldDescribe, catalog: FieldSchema): boolean {
  return described.createable === false && described.updateable === false && (catalog.createable || catalog.updateable);
}
