import { IpemuError } from '../../core/errors';

/** DESIGN.md §2 step 3: INVOKE-403 naming each `Object.Field` the running user cannot read, also in `details.fields`. */
export function forbidden(unreadable: readonly string[]): IpemuError {
  return new IpemuError('FORBIDDEN', `The running user can't read ${unreadable.join(', ')}.`, { fields: [...unreadable] });
}
