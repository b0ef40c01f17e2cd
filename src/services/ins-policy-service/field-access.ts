import { IpemuError } from '../../core/errors';
import type { Org } from '../../core/org';
import { unreadableFields, type FieldNeed } from '../../salesforce/field-access';

export type { FieldNeed };

/**
 * DESIGN.md §2 step 3: before reading any data, every field the passed keys' paths will read must
 * be readable, checked through describe. Throws INVOKE-403 naming each `Object.Field`, also in
 * `details.fields`.
 */
export async function assertReadable(org: Org, needs: readonly FieldNeed[]): Promise<void> {
  const missing = await unreadableFields(org, needs);
  if (missing.length > 0) throw new IpemuError('FORBIDDEN', `The running user can't read ${missing.join(', ')}.`, { fields: [...missing] });
}
