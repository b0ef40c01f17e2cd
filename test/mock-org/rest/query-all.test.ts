import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Connection } from 'jsforce';
import type { FixtureDocument } from '../../../src/mock-org/fixtures/types';
import { MockOrg } from '../../../src/mock-org/mock-org';
import { startMockRestServer, type MockRestServer } from '../../../src/mock-org/rest/server';
import { makeId } from '../../../src/salesforce/ids';

/* `/queryAll` (jsforce `scanAll`): deleted records too, with IsDeleted true; `/query` never shows them. */

const POLICIES = 450;
const policyId = (n: number): string => makeId('0YT', n);
let org: MockOrg;
let server: MockRestServer;
let conn: Connection;

const fixtures = (): FixtureDocument => ({
  users: { admin: { default: true } },
  records: { InsurancePolicy: Array.from({ length: POLICIES }, (_, i) => ({ Id: policyId(i + 1), Name: `P-${String(i + 1).padStart(4, '0')}` })) },
});

beforeEach(async () => {
  org = await MockOrg.fromFixtures(fixtures());
  server = await startMockRestServer({ org });
  conn = new Connection({ instanceUrl: server.instanceUrl, accessToken: server.accessToken, version: '64.0' });
});
afterEach(async () => {
  await server.close();
});

interface PolicyRow {
  Id: string;
  Name: string;
  IsDeleted: boolean;
}

describe('/queryAll', () => {
  it('jsforce scanAll gets deleted records with IsDeleted true, in table order; /query leaves them out and says IsDeleted false', async () => {
    org.deleteSync('InsurancePolicy', policyId(2));
    const soql = "SELECT Id, Name, IsDeleted FROM InsurancePolicy WHERE Name IN ('P-0001', 'P-0002', 'P-0003')";
    const all = await conn.query<PolicyRow>(soql, { scanAll: true });
    expect(all.records.map((r) => [r.Id, r.IsDeleted])).toEqual([
      [policyId(1), false],
      [policyId(2), true],
      [policyId(3), false],
    ]);
    const live = await conn.query<PolicyRow>(soql);
    expect(live.records.map((r) => [r.Id, r.IsDeleted])).toEqual([
      [policyId(1), false],
      [policyId(3), false],
    ]);
  });

  it('IsDeleted is queryable: = true finds the deleted on /queryAll and nothing on /query', async () => {
    org.deleteSync('InsurancePolicy', policyId(5));
    org.deleteSync('InsurancePolicy', policyId(7));
    const soql = 'SELECT Id FROM InsurancePolicy WHERE IsDeleted = true ORDER BY Name DESC';
    expect((await conn.query(soql, { scanAll: true })).records.map((r) => r.Id)).toEqual([policyId(7), policyId(5)]);
    expect((await conn.query(soql)).totalSize).toBe(0);
  });

  it('an Id lookup finds a deleted record on /queryAll only (indexes hold live records)', async () => {
    org.deleteSync('InsurancePolicy', policyId(9));
    const soql = `SELECT Id, IsDeleted FROM InsurancePolicy WHERE Id = '${policyId(9)}'`;
    expect((await conn.query<PolicyRow>(soql, { scanAll: true })).records.map((r) => r.IsDeleted)).toEqual([true]);
    expect((await conn.query(soql)).totalSize).toBe(0);
  });

  it('a delete rolled back leaves nothing for /queryAll', async () => {
    expect(() =>
      org.transaction((tx) => {
        tx.deleteSync('InsurancePolicy', policyId(4));
        throw new Error('roll back');
      }),
    ).toThrow('roll back');
    const res = await conn.query<PolicyRow>(`SELECT IsDeleted FROM InsurancePolicy WHERE Id = '${policyId(4)}'`, { scanAll: true });
    expect(res.records.map((r) => r.IsDeleted)).toEqual([false]);
  });

  it('pages past the first: nextRecordsUrl names /queryAll, and jsforce autoFetch reads every page with the deleted in place', async () => {
    for (const n of [1, 250, 450]) org.deleteSync('InsurancePolicy', policyId(n));
    const first = await conn.request<{ totalSize: number; done: boolean; nextRecordsUrl: string }>({
      method: 'GET',
      url: `/services/data/v64.0/queryAll?q=${encodeURIComponent('SELECT Id FROM InsurancePolicy')}`,
      headers: { 'Sforce-Query-Options': 'batchSize=200' },
    });
    expect(first).toMatchObject({
      totalSize: POLICIES,
      done: false,
      nextRecordsUrl: expect.stringMatching(/^\/services\/data\/v64\.0\/queryAll\/0r8[\w-]+-200$/),
    });
    const records: PolicyRow[] = [];
    await conn
      .query<PolicyRow>('SELECT Id, IsDeleted FROM InsurancePolicy', { scanAll: true, headers: { 'Sforce-Query-Options': 'batchSize=200' } })
      .on('record', (record: PolicyRow) => records.push(record))
      .run({ autoFetch: true, maxFetch: 10_000 });
    expect(records).toHaveLength(POLICIES);
    expect(records.filter((r) => r.IsDeleted).map((r) => r.Id)).toEqual([policyId(1), policyId(250), policyId(450)]);
  });

  it('a delete kept in a --state file is still on /queryAll after a restart', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'ipemu-queryall-'));
    try {
      const state = join(dir, 'state.jsonl');
      const first = await MockOrg.fromFixtures(fixtures(), { state });
      first.deleteSync('InsurancePolicy', policyId(3));
      await first.close();
      const again = await MockOrg.fromFixtures(fixtures(), { state });
      try {
        const soql = `SELECT IsDeleted FROM InsurancePolicy WHERE Id = '${policyId(3)}'`;
        expect((await again.select(soql, undefined, { withDeleted: true })).records(0, 1)).toMatchObject([{ IsDeleted: true }]);
        expect((await again.select(soql)).length).toBe(0);
      } finally {
        await again.close();
      }
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('IsDeleted cannot be written: it is not createable or updateable', async () => {
    const described = await conn.sobject('InsurancePolicy').describe();
    expect(described.fields.find((f) => f.name === 'IsDeleted')).toMatchObject({ type: 'boolean', createable: false, updateable: false, nillable: false });
    await expect(conn.sobject('InsurancePolicy').update({ Id: policyId(6), IsDeleted: true })).rejects.toMatchObject({
      errorCode: 'INVALID_FIELD_FOR_INSERT_UPDATE',
    });
    expect(org.querySync(`SELECT IsDeleted FROM InsurancePolicy WHERE Id = '${policyId(6)}'`).records[0]).toMatchObject({ IsDeleted: false });
  });
});
