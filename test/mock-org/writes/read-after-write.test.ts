import { DETAIL, ITEM, JOB, POLICY_1, POLICY_2, refusal, writeOrg } from './write-fixture';
import type { MockOrg } from '../../../src/mock-org/mock-org';
import { makeId } from '../../../src/salesforce/ids';

/** Issue 14 item 1: what a write changes, every query sees at once: scans, equality indexes and parent paths. */
const ids = (org: MockOrg, soql: string, binds?: Record<string, string>): unknown[] => org.querySync(soql, binds).records.map((r) => r.Id);

describe('queries after writes', () => {
  test('an inserted row comes last in table order, in scans and through an index', () => {
    const { org } = writeOrg();
    const id = org.createSync('InsurancePolicy', { Name: 'P-0003', ParentPolicyId: POLICY_1 });
    expect(ids(org, 'SELECT Id FROM InsurancePolicy')).toEqual([POLICY_1, POLICY_2, id]);
    expect(ids(org, 'SELECT Id FROM InsurancePolicy WHERE ParentPolicyId = :p', { p: POLICY_1 })).toEqual([POLICY_2, id]);
  });

  test('a query by an updated reference finds the row under its new value and not under the old', () => {
    const { org } = writeOrg();
    const soql = 'SELECT Id FROM InsurancePolicy WHERE ParentPolicyId = :p';
    expect(ids(org, soql, { p: POLICY_1 })).toEqual([POLICY_2]); // builds the index before the update
    const other = org.createSync('InsurancePolicy', { Name: 'P-0003' });
    org.updateSync('InsurancePolicy', POLICY_2, { ParentPolicyId: other });
    expect(ids(org, soql, { p: POLICY_1 })).toEqual([]);
    expect(ids(org, soql, { p: other })).toEqual([POLICY_2]);
  });

  test('an updated row keeps its place in table order when it joins a key that has later rows', () => {
    const { org } = writeOrg();
    const soql = 'SELECT Id FROM InsurancePolicy WHERE ParentPolicyId = :p';
    const later = org.createSync('InsurancePolicy', { Name: 'P-0003', ParentPolicyId: POLICY_2 });
    expect(ids(org, soql, { p: POLICY_2 })).toEqual([later]);
    org.updateSync('InsurancePolicy', POLICY_1, { ParentPolicyId: POLICY_2 });
    expect(ids(org, soql, { p: POLICY_2 })).toEqual([POLICY_1, later]);
    expect(ids(org, 'SELECT Id FROM InsurancePolicy')).toEqual([POLICY_1, POLICY_2, later]);
  });

  test('a query by an updated idLookup field finds the row under its new value (case-insensitively) and not the old', () => {
    const { org } = writeOrg();
    const soql = 'SELECT Id FROM InsurancePolicy WHERE ReferencePolicyNumber = :r';
    expect(ids(org, soql, { r: 'REF-0001' })).toEqual([POLICY_1]);
    org.updateSync('InsurancePolicy', POLICY_1, { ReferencePolicyNumber: 'REF-NEW' });
    expect(ids(org, soql, { r: 'REF-0001' })).toEqual([]);
    expect(ids(org, soql, { r: 'ref-new' })).toEqual([POLICY_1]);
  });

  test('a deleted row is gone from scans, Id lookups, index lookups and COUNT()', () => {
    const { org } = writeOrg();
    expect(ids(org, 'SELECT Id FROM InsurancePolicy WHERE ParentPolicyId = :p', { p: POLICY_1 })).toEqual([POLICY_2]);
    org.deleteSync('InsurancePolicy', POLICY_2);
    expect(ids(org, 'SELECT Id FROM InsurancePolicy')).toEqual([POLICY_1]);
    expect(ids(org, 'SELECT Id FROM InsurancePolicy WHERE Id = :id', { id: POLICY_2 })).toEqual([]);
    expect(ids(org, 'SELECT Id FROM InsurancePolicy WHERE ParentPolicyId = :p', { p: POLICY_1 })).toEqual([]);
    expect(ids(org, 'SELECT Id FROM InsurancePolicy WHERE ReferencePolicyNumber = :r', { r: 'REF-0002' })).toEqual([]);
    expect(org.querySync('SELECT COUNT() FROM InsurancePolicy').totalSize).toBe(1);
    expect(refusal(() => org.retrieve('InsurancePolicy', POLICY_2)).errorCode).toBe('NOT_FOUND');
  });

  test('a parent path read before a write follows the write: a deleted parent is null, an updated one shows its new values', () => {
    const { org } = writeOrg();
    const soql = 'SELECT Id, ParentPolicy.Name, ParentPolicy.ReferencePolicyNumber FROM InsurancePolicy WHERE Id = :id';
    const where = 'SELECT Id FROM InsurancePolicy WHERE ParentPolicy.Name = :n';
    expect(org.querySync(soql, { id: POLICY_2 }).records[0]!.ParentPolicy).toMatchObject({ Name: 'P-0001' });
    expect(ids(org, where, { n: 'P-0001' })).toEqual([POLICY_2]);
    org.updateSync('InsurancePolicy', POLICY_1, { Name: 'Renamed' });
    expect(org.querySync(soql, { id: POLICY_2 }).records[0]!.ParentPolicy).toMatchObject({ Name: 'Renamed', ReferencePolicyNumber: 'REF-0001' });
    expect(ids(org, where, { n: 'P-0001' })).toEqual([]);
    expect(ids(org, where, { n: 'Renamed' })).toEqual([POLICY_2]);
    org.deleteSync('InsurancePolicy', POLICY_1);
    expect(org.querySync(soql, { id: POLICY_2 }).records[0]!.ParentPolicy).toBeNull();
    expect(ids(org, where, { n: 'Renamed' })).toEqual([]);
  });

  test("a two-hop path (detail → item → job) follows an update of the middle record's reference", () => {
    const { org } = writeOrg();
    const soql = 'SELECT InsuranceAsyncBulkRequestItem.BatchJob.Status FROM InsuranceAsyncBulkRecordDetail WHERE Id = :id';
    const jobStatus = (): unknown => (org.querySync(soql, { id: DETAIL }).records[0]!.InsuranceAsyncBulkRequestItem as { BatchJob: unknown }).BatchJob;
    expect(jobStatus()).toMatchObject({ Status: 'Queued' });
    org.asPlatform((platform) => platform.update(ITEM, { BatchJobId: null }));
    expect(jobStatus()).toBeNull();
    org.asPlatform((platform) => platform.update(ITEM, { BatchJobId: JOB }));
    expect(jobStatus()).toMatchObject({ Status: 'Queued' });
  });

  test('a cursor already paged keeps its rows across an update and a delete', async () => {
    const { org } = writeOrg();
    const selection = await org.select('SELECT Id, Name FROM InsurancePolicy');
    expect(selection.records(0, 1)).toMatchObject([{ Id: POLICY_1, Name: 'P-0001' }]);
    org.updateSync('InsurancePolicy', POLICY_2, { Name: 'changed' });
    org.deleteSync('InsurancePolicy', POLICY_1);
    expect(selection.totalSize).toBe(2);
    expect(selection.records(1, 2)).toMatchObject([{ Id: POLICY_2, Name: 'P-0002' }]);
  });

  test('an Id is never given again: not after its record is deleted, not one a fixture record has', () => {
    const { org } = writeOrg();
    const seen = new Set<string>([POLICY_1, POLICY_2]);
    for (let i = 0; i < 5; i++) {
      const id = org.createSync('InsurancePolicy', { Name: `N${i}` });
      expect(seen.has(id)).toBe(false);
      seen.add(id);
      org.deleteSync('InsurancePolicy', id);
    }
    // The fixture's item has the Id the first generated one would get.
    expect(ITEM).toBe(makeId('0rg', 1));
    const fresh = org.asPlatform((platform) => platform.insert('InsuranceAsyncBulkRequestItem', { Name: 'more' }));
    expect(fresh).not.toBe(ITEM);
    expect(ids(org, 'SELECT Id FROM InsuranceAsyncBulkRequestItem')).toEqual([ITEM, fresh]);
  });
});
