import { buildSchema } from '../../../src/mock-org/schema/schema';
import { Store } from '../../../src/mock-org/store/store';
import { makeId } from '../../../src/salesforce/ids';

const schema = buildSchema(undefined, []);
const ITEM = schema.get('InsuranceAsyncBulkRequestItem')!;
const POLICY = schema.get('InsurancePolicy')!;
const policy = (n: number) => makeId('0YT', n);
const item = (n: number) => makeId('0rg', n);

describe('store indexes', () => {
  test('a lookup returns every row with the key, in table order, however many there are', () => {
    const store = new Store();
    store.insert(ITEM, item(1), { Id: item(1), ReferenceRecordId: policy(1) });
    store.insert(ITEM, item(2), { Id: item(2), ReferenceRecordId: policy(2) });
    store.insert(ITEM, item(3), { Id: item(3), ReferenceRecordId: policy(1) });
    store.insert(ITEM, item(4), { Id: item(4), ReferenceRecordId: null });
    const table = store.table(ITEM);
    expect(table.lookup('ReferenceRecordId', policy(1)).map((row) => row.id)).toEqual([item(1), item(3)]);
    expect(table.lookup('ReferenceRecordId', policy(2)).map((row) => row.id)).toEqual([item(2)]);
    expect(table.lookup('ReferenceRecordId', policy(3))).toEqual([]);
    expect(table.lookup('ReferenceRecordId', null)).toEqual([]);
    // A single-row key answers with the same list each time.
    expect(table.lookup('ReferenceRecordId', policy(2))).toBe(table.lookup('ReferenceRecordId', policy(2)));
  });

  test('rows added after a field was first looked up are found too', () => {
    const store = new Store();
    store.insert(ITEM, item(1), { Id: item(1), ReferenceRecordId: policy(1) });
    const table = store.table(ITEM);
    const single = table.lookup('ReferenceRecordId', policy(1));
    expect(single).toHaveLength(1);
    store.insert(ITEM, item(2), { Id: item(2), ReferenceRecordId: policy(1) });
    store.insert(ITEM, item(3), { Id: item(3), ReferenceRecordId: policy(5) });
    expect(table.lookup('ReferenceRecordId', policy(1)).map((row) => row.id)).toEqual([item(1), item(2)]);
    expect(table.lookup('ReferenceRecordId', policy(5)).map((row) => row.id)).toEqual([item(3)]);
  });

  test('idLookup text fields match case-insensitively; other fields are not indexed', () => {
    const store = new Store();
    store.insert(POLICY, policy(1), { Id: policy(1), Name: 'P-1', ReferencePolicyNumber: 'REF-1', Status: 'Active' });
    store.insert(POLICY, policy(2), { Id: policy(2), Name: 'p-1', ReferencePolicyNumber: 'REF-2', Status: 'Active' });
    const table = store.table(POLICY);
    expect(table.lookup('Name', 'P-1').map((row) => row.id)).toEqual([policy(1), policy(2)]);
    expect(table.lookup('ReferencePolicyNumber', 'ref-2').map((row) => row.id)).toEqual([policy(2)]);
    expect(table.isIndexed('Name')).toBe(true);
    expect(table.isIndexed('ParentPolicyId')).toBe(true);
    expect(table.isIndexed('Status')).toBe(false);
    expect(table.lookup('Status', 'Active')).toEqual([]);
  });

  test('rows keep their ordinal and are found by Id; an Id given later is found too', () => {
    const store = new Store();
    const first = store.insert(POLICY, policy(1), { Id: policy(1) });
    const later = store.insert(POLICY, '', {});
    expect([first.ordinal, later.ordinal]).toEqual([0, 1]);
    expect(store.has('')).toBe(false);
    store.assignId(later, policy(9));
    expect(store.find(policy(9))).toBe(later);
    expect(later.values.Id).toBe(policy(9));
    expect(store.find(policy(1))).toBe(first);
  });
});
