import { IpemuError } from '../../core/errors';
import type { RecordFields } from '../../core/org';
import { hasKeyPrefix, normalizeId } from '../../salesforce/ids';
import type { ObjectSchema } from '../schema/schema';
import type { OrgUser } from '../schema/users';
import type { Row } from '../store/store';
import { formatDateTime, RowValues } from '../store/values';
import type { ChangeStep, CommitHook, StoreChange } from './changes';
import { CheckContext, checkFields, Writer } from './field-checks';
import { Transaction } from './transaction';
import { entityDeleted, notFound, unsupportedOperation, WriteOperation } from './write-errors';
import { replayChanges } from './replay';

export interface WriterContext extends CheckContext {
  readonly clock: () => number;
  /** The org's start (epoch ms). */
  readonly start: number;
}

/**
 * The mock org's one write path, shared by every user's view of an org: user writes (checked as
 * the REST API checks them), the emulated platform's writes (system mode) and state replay all
 * go through one Transaction at a time. Writes are synchronous, so no query or other write of the
 * process runs between a transaction's first change and its commit.
 */
export class OrgWriter {
  private active: Transaction | undefined;
  private hook: CommitHook | undefined;

  constructor(readonly ctx: WriterContext) {}

  setCommitHook(hook: CommitHook | undefined): void {
    this.hook = hook;
  }

  /**
   * Runs `work` in a transaction: all its changes or none. Inside another transaction it joins
   * it, as a savepoint (its failure undoes its own changes, then the error goes on). The outermost
   * hands its changes to the commit hook once (unless `commit` is false: replay), then they stay;
   * a throw from the work or the hook undoes them all.
   */
  transaction<T>(work: (tx: Transaction) => T, commit = true): T {
    const outer = this.active;
    if (outer !== undefined) {
      const mark = outer.mark();
      try {
        return work(outer);
      } catch (err) {
        outer.rollbackTo(mark);
        throw err;
      }
    }
    const tx = new Transaction(this.ctx.store, this.ctx.start);
    this.active = tx;
    try {
      const result = work(tx);
      if (result instanceof Promise) {
        void result.catch(() => undefined);
        throw new IpemuError('INTERNAL', 'A mock org transaction runs synchronously: its work returned a promise (its writes are undone).');
      }
      if (commit && tx.changes.length > 0) this.hook?.(tx.changes);
      return result;
    } catch (err) {
      tx.rollbackTo(0);
      throw err;
    } finally {
      this.active = undefined;
    }
  }

  /** Inserts a record as `writer` (a user, or the platform when undefined); answers its Id. */
  insert(writer: Writer, object: ObjectSchema, fields: RecordFields, userId: string, steps?: readonly ChangeStep[]): string {
    const given = checkFields(this.ctx, object, fields, 'insert', writer);
    const now = formatDateTime(this.ctx.clock());
    const values: RowValues = {};
    // Every field, in schema order: rows written at run time share one shape, like loaded ones.
    for (const field of object.fields) values[field.name] = given[field.name] ?? (field.type === 'boolean' ? false : null);
    const audit: RowValues = { CreatedDate: now, CreatedById: userId, LastModifiedDate: now, LastModifiedById: userId, SystemModstamp: now };
    for (const [name, value] of Object.entries(audit)) if (name in values && given[name] === undefined) values[name] = value;
    return this.transaction((tx) => {
      const id = this.ctx.store.newId(object.keyPrefix);
      values.Id = id;
      tx.insert(object, id, values, steps);
      return id;
    });
  }

  update(writer: Writer, row: Row, fields: RecordFields, userId: string, steps?: readonly ChangeStep[]): void {
    const given = checkFields(this.ctx, row.object, fields, 'update', writer);
    const now = formatDateTime(this.ctx.clock());
    const audit: RowValues = { LastModifiedDate: now, LastModifiedById: userId, SystemModstamp: now };
    for (const [name, value] of Object.entries(audit)) if (row.object.fieldByLower.has(name.toLowerCase())) given[name] ??= value;
    this.transaction((tx) => tx.update(row, given, steps));
  }

  delete(row: Row): void {
    this.transaction((tx) => tx.delete(row));
  }

  /** The object as `user` may write it: unknown or hidden is NOT_FOUND, an operation it does not allow INVALID_TYPE_FOR_OPERATION. */
  objectFor(user: OrgUser, sobject: string, operation: WriteOperation): ObjectSchema {
    const object = this.ctx.schema.get(sobject);
    if (object === undefined || !user.canSeeObject(object.name)) throw notFound();
    const allowed = operation === 'insert' ? object.createable : operation === 'update' ? object.updateable : object.deletable;
    if (!allowed) throw unsupportedOperation(object.name, operation);
    return object;
  }

  /** The record an update or delete names: an Id of another object or of no record is NOT_FOUND, a deleted one ENTITY_IS_DELETED. */
  rowFor(object: ObjectSchema | undefined, id: string): Row {
    const id18 = normalizeId(id);
    if (id18 === undefined || (object !== undefined && !hasKeyPrefix(id18, object.keyPrefix))) throw notFound();
    const row = this.ctx.store.find(id18);
    if (row !== undefined) return row;
    throw this.ctx.store.deletedObject(id18) !== undefined ? entityDeleted() : notFound();
  }

  /** Applies committed changes without checks or hook (state replay), as one transaction; see replay.ts. */
  applyChanges(changes: readonly StoreChange[]): void {
    this.transaction((tx) => replayChanges(this.ctx, tx, changes), false);
  }
}
