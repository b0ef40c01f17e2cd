import { MockOrg } from '../../../src/mock-org/mock-org';
import { generateFixtures } from '../../../src/mock-org/fixtures/generate';
import type { GeneratedObject } from '../../../src/mock-org/fixtures/generate';

/** Issue 6 "indexes, not scans": the rows a query looks at depend on its answer, not on the org's size. */
describe('indexed lookups examine only the rows the index gives', () => {
  const doc = generateFixtures({ policies: 400, jobsPerPolicy: 3, seed: 3 });
  const records = doc.records as Record<GeneratedObject, Record<string, unknown>[]>;
  let org: MockOrg;
  beforeAll(async () => {
    org = await MockOrg.fromFixtures(doc, { user: 'admin' });
  });

  const examined = async (soql: string, binds?: Record<string, unknown>): Promise<{ rows: number; found: number }> => {
    const before = org.engine.rowsExamined;
    const { records: found } = await org.query(soql, binds as never);
    return { rows: org.engine.rowsExamined - before, found: found.length };
  };

  test('Id IN :ids looks at one row per Id', async () => {
    const ids = records.AsyncApexJob.slice(100, 103).map((j) => j.Id);
    expect(await examined('SELECT Id, Status FROM AsyncApexJob WHERE Id IN :ids', { ids })).toEqual({ rows: 3, found: 3 });
  });

  test('keys naming the same row give it once, in table order', async () => {
    const [a, b] = [records.AsyncApexJob[7]!.Id as string, records.AsyncApexJob[3]!.Id as string];
    const { records: found } = await org.query<{ Id: string }>('SELECT Id FROM AsyncApexJob WHERE Id IN :ids', {
      ids: [a, b, a.slice(0, 15), a.toLowerCase()],
    });
    expect(found.map((r) => r.Id)).toEqual([b, a]);
    const policy = records.InsuranceAsyncBulkRecordDetail[10]!.ReferenceRecordId as string;
    const once = await org.query('SELECT Id FROM InsuranceAsyncBulkRecordDetail WHERE ReferenceRecordId IN :p', { p: [policy] });
    const twice = await org.query('SELECT Id FROM InsuranceAsyncBulkRecordDetail WHERE ReferenceRecordId IN :p', { p: [policy, policy] });
    expect(twice).toEqual(once);
  });

  test('a reference field IN :ids looks at the rows that reference those Ids', async () => {
    const policy = records.InsuranceAsyncBulkRecordDetail[10]!.ReferenceRecordId as string;
    const linked = records.InsuranceAsyncBulkRecordDetail.filter((d) => d.ReferenceRecordId === policy).length;
    const soql = 'SELECT ReferenceRecordId, InsuranceAsyncBulkRequestItem.BatchJobId FROM InsuranceAsyncBulkRecordDetail WHERE ReferenceRecordId IN :p';
    expect(await examined(soql, { p: [policy] })).toEqual({ rows: linked, found: linked });
  });

  test('an idLookup text field matches case-insensitively through its index', async () => {
    const ref = records.InsurancePolicy[5]!.ReferencePolicyNumber as string;
    const carrying = records.InsurancePolicy.filter((p) => p.ReferencePolicyNumber === ref).length;
    const soql = 'SELECT Id FROM InsurancePolicy WHERE ReferencePolicyNumber IN :r';
    expect(await examined(soql, { r: [ref.toLowerCase()] })).toEqual({ rows: carrying, found: carrying });
  });

  test('a field without an index is a scan of the whole table', async () => {
    const { rows } = await examined("SELECT Id FROM AsyncApexJob WHERE Status = 'Queued'");
    expect(rows).toBe(records.AsyncApexJob.length);
  });

  test('a parent path read twice gives the same parent (followed once, then kept on the row)', async () => {
    const soql = 'SELECT Id, InsuranceAsyncBulkRequestItem.BatchJob.Status FROM InsuranceAsyncBulkRecordDetail WHERE Id IN :ids';
    const ids = records.InsuranceAsyncBulkRecordDetail.slice(0, 20).map((d) => d.Id as string);
    const first = await org.query(soql, { ids });
    const again = await org.query(soql, { ids });
    expect(again).toEqual(first);
    const items = new Map(records.InsuranceAsyncBulkRequestItem.map((i) => [i.Id, i]));
    const jobs = new Map(records.AsyncApexJob.map((j) => [j.Id, j]));
    first.records.forEach((record, n) => {
      const detail = records.InsuranceAsyncBulkRecordDetail[n]!;
      const job = jobs.get(items.get(detail.InsuranceAsyncBulkRequestItemId)?.BatchJobId);
      const nested = record.InsuranceAsyncBulkRequestItem as { BatchJob: { Status: string } | null } | null;
      expect(nested?.BatchJob?.Status ?? null).toBe(job ? job.Status : null);
    });
  });
});
