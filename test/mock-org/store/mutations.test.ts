import { buildSchema } from '../../../src/mock-org/schema/schema';
import { Store } from '../../../src/mock-org/store/store';
import { makeId } from '../../../src/salesforce/ids';

/** Issue 14: the store's write primitives keep rows, the Id map and indexes in step, and never shift a list a scan may hold. */
const schema = buildSchema(undefined, []);
const ITEM = schema.get('InsuranceAsyncBulkRequestItem')!;
const policy = (n: number) => makeId('0YT', n);
const item = (n: number) => makeId('0rg', n);

function storeOf(n: number): Store {
  const store = new Store();
  for (let i = 1; i <= n; i++) store.insert(ITEM, item(i), { Id: item(i), ReferenceRecordId: policy(i % 2), Name: `Item ${i}` });
  return store;
}

describe('store writes', () => {
  test('ordinals keep increasing after a delete, so a row added later sorts last', () => {
    const store = storeOf(3);
    const table = store.table(ITEM);
    store.remove(table.find(item(3))!);
    const added = store.add(ITEM, item(9), { Id: item(9), ReferenceRecordId: policy(1) });
    expect(added.ordinal).toBe(3);
    expect(table.rows.map((r) => r.id)).toEqual([item(1), item(2), item(9)]);
  });

  test('a replaced row keeps its place and ordinal; the Id map and indexes give the new row, the old key no longer', () => {
    const store = storeOf(4);
    const table = store.table(ITEM);
    const old = table.find(item(1))!;
    expect(table.lookup('ReferenceRecordId', policy(1)).map((r) => r.id)).toEqual([item(1), item(3)]);
    expect(table.lookup('Name', 'item 1')).toEqual([old]);
    const next = table.successor(old, { ...old.values, ReferenceRecordId: policy(0), Name: 'Renamed' }, undefined);
    store.replace(old, next);
    expect(next.ordinal).toBe(old.ordinal);
    expect(table.rows[0]).toBe(next);
    expect(table.find(item(1))).toBe(next);
    expect(table.lookup('ReferenceRecordId', policy(1)).map((r) => r.id)).toEqual([item(3)]);
    expect(table.lookup('ReferenceRecordId', policy(0)).map((r) => r.id)).toEqual([item(1), item(2), item(4)]);
    expect(table.lookup('Name', 'item 1')).toEqual([]);
    expect(table.lookup('Name', 'RENAMED')).toEqual([next]);
    expect(old.values.Name).toBe('Item 1');
  });

  test('a delete builds new lists: one a scan or lookup already holds keeps its rows', () => {
    const store = storeOf(4);
    const table = store.table(ITEM);
    const scanning = table.rows;
    const looked = table.lookup('ReferenceRecordId', policy(1));
    store.remove(table.find(item(1))!);
    expect(scanning.map((r) => r.id)).toEqual([item(1), item(2), item(3), item(4)]);
    expect(looked.map((r) => r.id)).toEqual([item(1), item(3)]);
    expect(table.rows.map((r) => r.id)).toEqual([item(2), item(3), item(4)]);
    expect(table.lookup('ReferenceRecordId', policy(1)).map((r) => r.id)).toEqual([item(3)]);
    expect(store.find(item(1))).toBeUndefined();
    expect(store.deletedObject(item(1))).toBe(ITEM);
  });

  test('unremove puts the row back at its place; unadd frees the Id without marking it deleted', () => {
    const store = storeOf(3);
    const table = store.table(ITEM);
    table.lookup('ReferenceRecordId', policy(0));
    const row = table.find(item(2))!;
    store.remove(row);
    store.unremove(row);
    expect(table.rows.map((r) => r.id)).toEqual([item(1), item(2), item(3)]);
    expect(table.lookup('ReferenceRecordId', policy(0))).toEqual([row]);
    expect(store.deletedObject(item(2))).toBeUndefined();
    const added = store.add(ITEM, item(7), { Id: item(7) });
    store.unadd(added);
    expect(store.find(item(7))).toBeUndefined();
    expect(store.deletedObject(item(7))).toBeUndefined();
  });

  test('newId skips every Id the store has or had', () => {
    const store = storeOf(2);
    store.remove(store.find(item(1))!);
    expect(store.newId('0rg')).toBe(item(3));
    expect(store.newId('0rg')).toBe(item(4));
    expect(store.newId('0YT')).toBe(policy(1));
  });
});
