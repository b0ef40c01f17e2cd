import { IpemuError } from '../../core/errors';
import type { CheckContext } from './field-checks';
import type { ObjectSchema } from '../schema/schema';
import type { RowValues } from '../store/values';
import type { StoreChange } from './changes';
import type { Transaction } from './transaction';

const refused = (index: number, message: string): IpemuError =>
  new IpemuError('INVALID_INPUT', `Change ${index + 1} does not fit the mock org: ${message}`, { change: index });

/** Field names as the store keeps them: a value for a field the fixtures no longer declare would be a column no query can name. */
function checkNames(object: ObjectSchema, values: RowValues, index: number): void {
  for (const name of Object.keys(values)) {
    if (object.fieldByLower.get(name.toLowerCase())?.name !== name) throw refused(index, `${object.name} has no field ${name}`);
  }
}

/**
 * Applies committed changes as they were recorded (values already in stored form, checked when
 * they were first written). Only what would corrupt the store is refused, as IpemuError
 * INVALID_INPUT naming the change and the Id: an unknown object, an Id already in use or of
 * another object, an update or delete of a record the org does not have. A state file written on
 * other fixtures is refused clearly rather than half applied (the caller's transaction undoes it).
 */
export function replayChanges(ctx: CheckContext, tx: Transaction, changes: readonly StoreChange[]): void {
  changes.forEach((change, index) => {
    if (change.op === 'insert') {
      const object = ctx.schema.get(change.object);
      if (object === undefined) throw refused(index, `no object ${change.object}`);
      if (!change.id.startsWith(object.keyPrefix)) throw refused(index, `${change.id} is not an Id of ${object.name}`);
      if (ctx.store.find(change.id) !== undefined || ctx.store.deletedObject(change.id) !== undefined)
        throw refused(index, `the Id ${change.id} is already in use`);
      checkNames(object, change.values, index);
      tx.insert(object, change.id, { ...change.values, Id: change.id }, change.timeline);
      return;
    }
    const row = ctx.store.find(change.id);
    if (row === undefined) throw refused(index, `${change.op} of ${change.id}, a record the org does not have`);
    if (change.op === 'update') {
      checkNames(row.object, change.values, index);
      tx.update(row, { ...change.values }, change.timeline);
    } else tx.delete(row);
  });
}
