import { MockOrg } from '../../../src/mock-org/mock-org';
import { JOB_A, JOB_B, JOB_C, POLICY_1, POLICY_2, USER_1, smallOrg } from '../fixture-data';

let org: MockOrg;
beforeEach(async () => {
  org = await MockOrg.fromFixtures(smallOrg(), { clock: () => Date.UTC(2026, 10, 3, 12) });
});

const ids = async (soql: string, binds?: Record<string, unknown>) => (await org.query<{ Id: string }>(soql, binds as never)).records.map((r) => r.Id);

describe('SELECT', () => {
  test("result shape is jsforce's: totalSize, done, records with attributes then fields in SELECT order", async () => {
    const result = await org.query(`SELECT NumberOfErrors, Status, Id, CreatedDate, ExtendedStatus FROM AsyncApexJob WHERE Id = '${JOB_A}'`);
    expect(result).toEqual({
      totalSize: 1,
      done: true,
      records: [
        {
          attributes: { type: 'AsyncApexJob', url: `/services/data/v64.0/sobjects/AsyncApexJob/${JOB_A}` },
          NumberOfErrors: 0,
          Status: 'Completed',
          Id: JOB_A,
          CreatedDate: '2026-11-01T10:00:00.000+0000',
          ExtendedStatus: null,
        },
      ],
    });
    expect(Object.keys(result.records[0]!)).toEqual(['attributes', 'NumberOfErrors', 'Status', 'Id', 'CreatedDate', 'ExtendedStatus']);
  });

  test('field names are case-insensitive and come back as the API spells them', async () => {
    const [record] = (await org.query(`select id, STATUS, createdby.name from asyncapexjob where ID = '${JOB_A}'`)).records;
    expect(Object.keys(record!)).toEqual(['attributes', 'Id', 'Status', 'CreatedBy']);
    expect(record!.CreatedBy).toMatchObject({ Name: 'Ada Admin' });
  });

  test('the apiVersion option changes attribute urls', async () => {
    const other = await MockOrg.fromFixtures(smallOrg(), { apiVersion: '63.0' });
    const [record] = (await other.query(`SELECT Id FROM AsyncApexJob WHERE Id = '${JOB_A}'`)).records;
    expect(record!.attributes.url).toBe(`/services/data/v63.0/sobjects/AsyncApexJob/${JOB_A}`);
  });

  test('parent paths nest like the REST API, several levels deep, merging fields of one relationship', async () => {
    const { records } = await org.query(
      'SELECT Id, InsuranceAsyncBulkRequestItem.BatchJob.Status, InsuranceAsyncBulkRequestItem.BatchJobId, InsuranceAsyncBulkRequestItem.BatchJob.CreatedBy.Username FROM InsuranceAsyncBulkRecordDetail ORDER BY Id',
    );
    expect(records[0]).toEqual({
      attributes: { type: 'InsuranceAsyncBulkRecordDetail', url: '/services/data/v64.0/sobjects/InsuranceAsyncBulkRecordDetail/0rh5w0000000001AAA' },
      Id: '0rh5w0000000001AAA',
      InsuranceAsyncBulkRequestItem: {
        attributes: { type: 'InsuranceAsyncBulkRequestItem', url: '/services/data/v64.0/sobjects/InsuranceAsyncBulkRequestItem/0rg5w0000000001AAA' },
        BatchJob: {
          attributes: { type: 'AsyncApexJob', url: `/services/data/v64.0/sobjects/AsyncApexJob/${JOB_A}` },
          Status: 'Completed',
          CreatedBy: { attributes: { type: 'User', url: `/services/data/v64.0/sobjects/User/${USER_1}` }, Username: 'ada@example.com' },
        },
        BatchJobId: JOB_A,
      },
    });
    // JOB_B has no CreatedById; item 3 has no BatchJobId: empty references are null.
    expect((records[1]!.InsuranceAsyncBulkRequestItem as { BatchJob: { CreatedBy: unknown } }).BatchJob.CreatedBy).toBeNull();
    expect(records[2]!.InsuranceAsyncBulkRequestItem).toMatchObject({ BatchJob: null, BatchJobId: null });
  });

  test('a reference to a record that does not exist (a purged job) gives a null parent', async () => {
    const org2 = await MockOrg.fromFixtures({ records: { InsuranceAsyncBulkRequestItem: [{ BatchJobId: JOB_A }] } });
    const { records } = await org2.query('SELECT BatchJobId, BatchJob.Status FROM InsuranceAsyncBulkRequestItem');
    expect(records[0]).toMatchObject({ BatchJobId: JOB_A, BatchJob: null });
  });

  test('the FROM alias may prefix fields', async () => {
    const { records } = await org.query(`SELECT j.Id, j.CreatedBy.Name FROM AsyncApexJob j WHERE j.Id = '${JOB_A}' ORDER BY j.CreatedDate`);
    expect(records[0]).toMatchObject({ Id: JOB_A, CreatedBy: { Name: 'Ada Admin' } });
  });

  test('COUNT() returns totalSize with no records', async () => {
    expect(await org.query("SELECT COUNT() FROM AsyncApexJob WHERE JobType = 'BatchApex'")).toEqual({ totalSize: 2, done: true, records: [] });
    expect((await org.query('SELECT COUNT() FROM InsurancePolicy')).totalSize).toBe(2);
  });
});

describe('ORDER BY, LIMIT, OFFSET', () => {
  test('ASC by default; DESC', async () => {
    expect(await ids('SELECT Id FROM AsyncApexJob ORDER BY CreatedDate')).toEqual([JOB_C, JOB_A, JOB_B]);
    expect(await ids('SELECT Id FROM AsyncApexJob ORDER BY CreatedDate DESC')).toEqual([JOB_B, JOB_A, JOB_C]);
  });

  test('nulls: ASC NULLS FIRST and DESC NULLS LAST by default, overridable', async () => {
    // ExtendedStatus: A null, B 'First error…', C null. Ties keep table order.
    expect(await ids('SELECT Id FROM AsyncApexJob ORDER BY ExtendedStatus')).toEqual([JOB_A, JOB_C, JOB_B]);
    expect(await ids('SELECT Id FROM AsyncApexJob ORDER BY ExtendedStatus DESC')).toEqual([JOB_B, JOB_A, JOB_C]);
    expect(await ids('SELECT Id FROM AsyncApexJob ORDER BY ExtendedStatus ASC NULLS LAST')).toEqual([JOB_B, JOB_A, JOB_C]);
    expect(await ids('SELECT Id FROM AsyncApexJob ORDER BY ExtendedStatus DESC NULLS FIRST')).toEqual([JOB_A, JOB_C, JOB_B]);
  });

  test('several keys; string keys sort case-insensitively', async () => {
    expect(await ids('SELECT Id FROM AsyncApexJob ORDER BY JobType DESC, CreatedDate DESC')).toEqual([JOB_A, JOB_B, JOB_C]);
    const org2 = await MockOrg.fromFixtures({ records: { InsurancePolicy: [{ Name: 'b' }, { Name: 'C' }, { Name: 'A' }] } });
    const names = (await org2.query<{ Name: string }>('SELECT Name FROM InsurancePolicy ORDER BY Name')).records.map((r) => r.Name);
    expect(names).toEqual(['A', 'b', 'C']);
  });

  test('ORDER BY a parent path', async () => {
    const { records } = await org.query<{ Id: string }>('SELECT Id FROM InsuranceAsyncBulkRequestItem ORDER BY BatchJob.CreatedDate DESC NULLS LAST');
    expect(records.map((r) => r.Id)).toEqual(['0rg5w0000000002AAA', '0rg5w0000000001AAA', '0rg5w0000000003AAA']);
  });

  test('LIMIT and OFFSET, with and without ORDER BY', async () => {
    expect(await ids('SELECT Id FROM AsyncApexJob ORDER BY CreatedDate LIMIT 2')).toEqual([JOB_C, JOB_A]);
    expect(await ids('SELECT Id FROM AsyncApexJob ORDER BY CreatedDate LIMIT 1 OFFSET 1')).toEqual([JOB_A]);
    expect(await ids('SELECT Id FROM AsyncApexJob LIMIT 2')).toEqual([JOB_A, JOB_B]);
    expect(await ids('SELECT Id FROM AsyncApexJob LIMIT 5 OFFSET 2')).toEqual([JOB_C]);
    expect((await org.query('SELECT Id FROM AsyncApexJob LIMIT 1')).totalSize).toBe(1);
  });
});

describe('indexes', () => {
  test('Id, reference and idLookup equality use an index; other filters scan', () => {
    const indexOf = (soql: string) => org.engine.plan(soql).index?.path.field.name;
    expect(indexOf('SELECT Id FROM AsyncApexJob WHERE Id IN :ids')).toBe('Id');
    expect(indexOf("SELECT Id FROM AsyncApexJob WHERE Status = 'Queued' AND Id = :id")).toBe('Id');
    expect(indexOf('SELECT Id FROM InsuranceAsyncBulkRecordDetail WHERE ReferenceRecordId IN :p')).toBe('ReferenceRecordId');
    expect(indexOf("SELECT Id FROM InsurancePolicy WHERE ReferencePolicyNumber = 'ref-0001'")).toBe('ReferencePolicyNumber');
    expect(indexOf("SELECT Id FROM AsyncApexJob WHERE Status = 'Queued'")).toBeUndefined();
    expect(indexOf("SELECT Id FROM AsyncApexJob WHERE Id = :a OR Status = 'Queued'")).toBeUndefined();
    expect(indexOf('SELECT Id FROM InsurancePolicy WHERE ParentPolicyId = null')).toBeUndefined();
  });

  test('indexed answers equal scanned ones, in table order, without duplicates', async () => {
    expect(await ids('SELECT Id FROM AsyncApexJob WHERE Id IN :ids', { ids: [JOB_C, JOB_A, JOB_C.toLowerCase(), JOB_B.slice(0, 15)] })).toEqual([
      JOB_A,
      JOB_B,
      JOB_C,
    ]);
    expect(await ids('SELECT Id FROM InsurancePolicy WHERE Id = :id', { id: JOB_A })).toEqual([]);
    expect(await ids("SELECT Id FROM InsurancePolicy WHERE ReferencePolicyNumber IN ('ref-0002', 'REF-0001')")).toEqual([POLICY_1, POLICY_2]);
    expect(await ids('SELECT Id FROM InsuranceAsyncBulkRecordDetail WHERE ReferenceRecordId = :p AND Status != :s', { p: POLICY_1, s: 'failed' })).toEqual([
      '0rh5w0000000001AAA',
    ]);
  });

  test('a null bind on an indexed field finds the rows whose field is empty', async () => {
    expect(await ids('SELECT Id FROM InsuranceAsyncBulkRequestItem WHERE BatchJobId = :j', { j: null })).toEqual(['0rg5w0000000003AAA']);
    expect(await ids('SELECT Id FROM InsurancePolicy WHERE ParentPolicyId IN :p', { p: [null, POLICY_1] })).toEqual([POLICY_1, POLICY_2]);
  });
});
