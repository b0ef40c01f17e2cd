import { MockOrg } from '../../../src/mock-org/mock-org';
import type { Binds } from '../../../src/core/org';
import { JOB_A, JOB_B, JOB_C, POLICY_1, POLICY_2, smallOrg } from '../fixture-data';

const NOW = Date.UTC(2026, 10, 3, 12); // 2026-11-03T12:00Z
let org: MockOrg;
beforeEach(async () => {
  org = await MockOrg.fromFixtures(smallOrg(), { clock: () => NOW });
});

const jobs = async (where: string, binds?: Binds) =>
  (await org.query<{ Id: string }>(`SELECT Id FROM AsyncApexJob WHERE ${where}`, binds)).records.map((r) => r.Id);

describe('WHERE comparison operators', () => {
  test('= and != on strings compare case-insensitively; != includes nulls', async () => {
    expect(await jobs("Status = 'completed'")).toEqual([JOB_A]);
    expect(await jobs("Status != 'COMPLETED'")).toEqual([JOB_B, JOB_C]);
    expect(await jobs("Status <> 'Completed'")).toEqual([JOB_B, JOB_C]);
    expect(await jobs("ExtendedStatus != 'first error: boom'")).toEqual([JOB_A, JOB_C]);
  });

  test('null', async () => {
    expect(await jobs('ExtendedStatus = null')).toEqual([JOB_A, JOB_C]);
    expect(await jobs('ExtendedStatus != null')).toEqual([JOB_B]);
    expect(await jobs('CreatedById = null')).toEqual([JOB_B, JOB_C]);
  });

  test('numbers: = < > <= >=, nulls never compare', async () => {
    expect(await jobs('NumberOfErrors = 3')).toEqual([JOB_B]);
    expect(await jobs('NumberOfErrors > 0')).toEqual([JOB_B]);
    expect(await jobs('NumberOfErrors >= 0')).toEqual([JOB_A, JOB_B]);
    expect(await jobs('NumberOfErrors < 3')).toEqual([JOB_A]);
    expect(await jobs('NumberOfErrors <= 3.0')).toEqual([JOB_A, JOB_B]);
    expect(await jobs('TotalJobItems > -1.5')).toEqual([JOB_B]);
  });

  test('booleans', async () => {
    const policies = async (where: string) => (await org.query<{ Id: string }>(`SELECT Id FROM InsurancePolicy WHERE ${where}`)).records.map((r) => r.Id);
    expect(await policies('IsPolicyEditLocked = true')).toEqual([POLICY_1]);
    expect(await policies('IsPolicyEditLocked = FALSE')).toEqual([POLICY_2]);
    expect(await policies('IsPolicyEditLocked != true')).toEqual([POLICY_2]);
  });

  test('Ids: 15 or 18 characters, any case of an 18-character Id', async () => {
    expect(await jobs(`Id = '${JOB_A.slice(0, 15)}'`)).toEqual([JOB_A]);
    expect(await jobs(`Id = '${JOB_A.toUpperCase()}'`)).toEqual([JOB_A]);
    expect(await jobs(`Id != '${JOB_A}'`)).toEqual([JOB_B, JOB_C]);
  });

  test('IN and NOT IN, with strings, numbers and null in the list', async () => {
    expect(await jobs("Status IN ('queued', 'FAILED')")).toEqual([JOB_B, JOB_C]);
    expect(await jobs("Status NOT IN ('queued', 'FAILED')")).toEqual([JOB_A]);
    expect(await jobs('NumberOfErrors IN (0, 3)')).toEqual([JOB_A, JOB_B]);
    expect(await jobs("ExtendedStatus IN (null, 'x')")).toEqual([JOB_A, JOB_C]);
    expect(await jobs('ExtendedStatus NOT IN (null)')).toEqual([JOB_B]);
  });

  test('datetime and date literals', async () => {
    expect(await jobs('CreatedDate > 2026-11-01T10:00:00Z')).toEqual([JOB_B]);
    expect(await jobs('CreatedDate >= 2026-11-01T10:00:00.000+0000')).toEqual([JOB_A, JOB_B]);
    expect(await jobs('CreatedDate = 2026-11-01T12:00:00+02:00')).toEqual([JOB_A]);
    const org2 = await MockOrg.fromFixtures({
      schema: { Thing__c: { keyPrefix: 'a01', fields: { Day__c: { type: 'date' } } } },
      records: { Thing__c: [{ Name: 'x', Day__c: '2026-11-01' }, { Day__c: '2026-11-03' }] },
    }).catch(() => undefined);
    expect(org2).toBeUndefined(); // Name is not a field of Thing__c
    const org3 = await MockOrg.fromFixtures(
      {
        schema: { Thing__c: { keyPrefix: 'a01', fields: { Day__c: { type: 'date' } } } },
        records: { Thing__c: [{ Day__c: '2026-11-01' }, { Day__c: '2026-11-03' }] },
      },
      { clock: () => NOW },
    );
    const days = async (where: string) => (await org3.query<{ Day__c: string }>(`SELECT Day__c FROM Thing__c WHERE ${where}`)).records.map((r) => r.Day__c);
    expect(await days('Day__c < 2026-11-02')).toEqual(['2026-11-01']);
    expect(await days('Day__c = TODAY')).toEqual(['2026-11-03']);
    expect(await days('Day__c = N_DAYS_AGO:2')).toEqual(['2026-11-01']);
    expect(await days('Day__c = LAST_N_DAYS:1')).toEqual(['2026-11-03']);
    expect(await days('Day__c = LAST_N_DAYS:2')).toEqual(['2026-11-01', '2026-11-03']);
  });

  test('relative date literals on datetimes use the org clock (UTC days)', async () => {
    // Jobs: C 2026-10-30, A 2026-11-01T10:00, B 2026-11-02T09:30; today is 2026-11-03.
    expect(await jobs('CreatedDate = YESTERDAY')).toEqual([JOB_B]);
    expect(await jobs('CreatedDate = TODAY')).toEqual([]);
    expect(await jobs('CreatedDate < YESTERDAY')).toEqual([JOB_A, JOB_C]);
    expect(await jobs('CreatedDate >= YESTERDAY')).toEqual([JOB_B]);
    expect(await jobs('CreatedDate = LAST_N_DAYS:2')).toEqual([JOB_A, JOB_B]);
    expect(await jobs('CreatedDate = N_DAYS_AGO:2')).toEqual([JOB_A]);
    expect(await jobs('CreatedDate > N_DAYS_AGO:4')).toEqual([JOB_A, JOB_B]);
    expect(await jobs('CreatedDate IN (N_DAYS_AGO:4, YESTERDAY)')).toEqual([JOB_B, JOB_C]);
    let now = NOW;
    const moving = await MockOrg.fromFixtures(smallOrg(), { clock: () => now });
    now += 86_400_000;
    expect((await moving.query('SELECT Id FROM AsyncApexJob WHERE CreatedDate = N_DAYS_AGO:3')).records.map((r) => r.Id)).toEqual([JOB_A]);
  });

  test('LIKE: % and _ wildcards, escaped \\% and \\_, case-insensitive, whole value', async () => {
    expect(await jobs("Status LIKE 'comp%'")).toEqual([JOB_A]);
    expect(await jobs("Status LIKE '%E%'")).toEqual([JOB_A, JOB_B, JOB_C]);
    expect(await jobs("Status LIKE 'queue_'")).toEqual([JOB_C]);
    expect(await jobs("Status LIKE 'queue'")).toEqual([]);
    const org2 = await MockOrg.fromFixtures({
      records: { InsurancePolicy: [{ Name: '100% sure' }, { Name: '100 percent' }, { Name: 'a_b' }, { Name: 'axb' }, { Name: "it's (x)" }] },
    });
    const names = async (where: string, binds?: Binds) =>
      (await org2.query<{ Name: string }>(`SELECT Name FROM InsurancePolicy WHERE ${where}`, binds)).records.map((r) => r.Name);
    expect(await names("Name LIKE '100\\%%'")).toEqual(['100% sure']);
    expect(await names("Name LIKE 'a\\_b'")).toEqual(['a_b']);
    expect(await names("Name LIKE 'a_b'")).toEqual(['a_b', 'axb']);
    expect(await names("Name LIKE 'IT\\'S (%)'")).toEqual(["it's (x)"]);
    expect(await names('Name LIKE :p', { p: 'A\\_%' })).toEqual(['a_b']);
  });

  test('string literals with SOQL escapes', async () => {
    const org2 = await MockOrg.fromFixtures({ records: { InsurancePolicy: [{ Name: "O'Brien" }, { Name: 'back\\slash' }, { Name: 'two\nlines' }] } });
    const names = async (where: string) => (await org2.query<{ Name: string }>(`SELECT Name FROM InsurancePolicy WHERE ${where}`)).records.map((r) => r.Name);
    expect(await names("Name = 'o\\'brien'")).toEqual(["O'Brien"]);
    expect(await names("Name = 'back\\\\slash'")).toEqual(['back\\slash']);
    expect(await names("Name = 'two\\nlines'")).toEqual(['two\nlines']);
  });
});

describe('WHERE logic', () => {
  test('AND, OR, NOT and parentheses', async () => {
    expect(await jobs("JobType = 'BatchApex' AND Status = 'Queued'")).toEqual([JOB_C]);
    expect(await jobs("Status = 'Queued' OR Status = 'Completed'")).toEqual([JOB_A, JOB_C]);
    expect(await jobs("NOT Status = 'Queued'")).toEqual([JOB_A, JOB_B]);
    expect(await jobs("JobType = 'BatchApex' AND (NOT (Status = 'Queued' OR NumberOfErrors > 5))")).toEqual([JOB_B]);
    expect(await jobs("(Status = 'Completed' OR Status = 'Failed') AND (NumberOfErrors > 0 OR ExtendedStatus = null)")).toEqual([JOB_A, JOB_B]);
    expect(await jobs("((Status = 'Completed' OR Status = 'Failed') AND NumberOfErrors = 0) OR (NOT (JobType != 'BatchApex' OR Status != 'Queued'))")).toEqual([
      JOB_A,
      JOB_C,
    ]);
    expect(await jobs("(NOT Status = 'Queued') AND JobType = 'BatchApex'")).toEqual([JOB_B]);
  });

  test('a parent path in WHERE', async () => {
    const { records } = await org.query<{ Id: string }>(
      "SELECT Id FROM InsuranceAsyncBulkRecordDetail WHERE InsuranceAsyncBulkRequestItem.BatchJob.Status = 'failed'",
    );
    expect(records.map((r) => r.Id)).toEqual(['0rh5w0000000002AAA']);
    const nulls = await org.query<{ Id: string }>('SELECT Id FROM InsuranceAsyncBulkRecordDetail WHERE InsuranceAsyncBulkRequestItem.BatchJobId = null');
    expect(nulls.records.map((r) => r.Id)).toEqual(['0rh5w0000000003AAA']);
  });
});

describe('Apex bind variables', () => {
  test('scalars and lists of every type', async () => {
    expect(await jobs('Id = :id', { id: JOB_B })).toEqual([JOB_B]);
    expect(await jobs('Id IN :ids', { ids: [JOB_C, JOB_A.slice(0, 15)] })).toEqual([JOB_A, JOB_C]);
    expect(await jobs('Id IN :ids', { ids: [] })).toEqual([]);
    expect(await jobs('Id NOT IN :ids', { ids: [JOB_A] })).toEqual([JOB_B, JOB_C]);
    expect(await jobs('Status = :s', { s: 'FAILED' })).toEqual([JOB_B]);
    expect(await jobs('NumberOfErrors > :n', { n: 0 })).toEqual([JOB_B]);
    expect(await jobs('CreatedDate < :d', { d: new Date('2026-11-01T10:00:00.001Z') })).toEqual([JOB_A, JOB_C]);
    expect(await jobs('ExtendedStatus = :x', { x: null })).toEqual([JOB_A, JOB_C]);
    expect(await jobs('Id IN :one', { one: JOB_C })).toEqual([JOB_C]);
  });

  test('the same text with other binds gives other answers (binds apply at execution)', async () => {
    for (const id of [JOB_A, JOB_B, JOB_C]) expect(await jobs('Id = :id', { id })).toEqual([id]);
  });

  test('a bind value of the wrong type is refused like the literal would be', async () => {
    await expect(jobs('NumberOfErrors = :n', { n: '3' })).rejects.toMatchObject({ errorCode: 'INVALID_QUERY_FILTER_OPERATOR' });
    await expect(jobs('Id = :id', { id: 'nope' })).rejects.toMatchObject({ errorCode: 'INVALID_QUERY_FILTER_OPERATOR', message: 'invalid ID field: nope' });
    await expect(jobs('Status = :s', { s: ['Queued'] })).rejects.toMatchObject({ errorCode: 'MALFORMED_QUERY' });
  });

  test('(ipemu) `= :list` is refused on an indexed field too, where the index answers the whole WHERE', async () => {
    for (const where of ['Id = :ids', 'Id = :ids AND Status != null']) {
      await expect(jobs(where, { ids: [JOB_A] })).rejects.toMatchObject({
        errorCode: 'MALFORMED_QUERY',
        message: 'Bind variable :ids is a list; use IN or NOT IN.',
      });
    }
    const details = async (where: string, binds: Binds) => (await org.query(`SELECT Id FROM InsuranceAsyncBulkRecordDetail WHERE ${where}`, binds)).records;
    await expect(details('ReferenceRecordId = :p', { p: [] })).rejects.toMatchObject({ errorCode: 'MALFORMED_QUERY' });
  });

  test('(ipemu) a bind missing from binds is MALFORMED_QUERY "Variable does not exist"', async () => {
    await expect(jobs('Id IN :jobIds', {})).rejects.toMatchObject({ errorCode: 'MALFORMED_QUERY', status: 400, message: 'Variable does not exist: jobIds' });
    await expect(jobs("Status = 'Queued' AND Id = :x")).rejects.toMatchObject({ errorCode: 'MALFORMED_QUERY' });
  });
});
