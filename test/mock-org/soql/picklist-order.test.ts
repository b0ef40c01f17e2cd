import type { FastifyInstance } from 'fastify';
import type { FixtureDocument } from '../../../src/mock-org/fixtures/types';
import { MockOrg } from '../../../src/mock-org/mock-org';
import { buildMockRestServer } from '../../../src/mock-org/rest/server';
import { JOB_A, JOB_B, JOB_C, smallOrg } from '../fixture-data';
import { sortRows, type OrderKey } from '../../../src/mock-org/soql/select';
import type { Row } from '../../../src/mock-org/store/store';

/** Issue 16: ORDER BY a picklist with declared values sorts by the declared order, not alphabetically. */

const NOW = Date.UTC(2026, 10, 3, 12);
const TOKEN = 'picklist-token';

function claims(): FixtureDocument {
  return {
    schema: {
      Claim__c: {
        keyPrefix: 'a01',
        fields: {
          Name: { type: 'string', length: 80 },
          Stage__c: { type: 'picklist', label: 'Stage', picklistValues: ['Open', 'Review', 'Closed'] },
          Note__c: { type: 'picklist', label: 'Note' },
        },
      },
    },
    records: {
      Claim__c: [
        { Id: 'a015w0000000001AAA', Name: 'c1', Stage__c: 'Closed', Note__c: 'beta' },
        { Id: 'a015w0000000002AAA', Name: 'c2', Stage__c: null, Note__c: 'Alpha' },
        { Id: 'a015w0000000003AAA', Name: 'c3', Stage__c: 'Open', Note__c: null },
        { Id: 'a015w0000000004AAA', Name: 'c4', Stage__c: 'Review', Note__c: 'gamma' },
      ],
    },
  };
}

let jobs: MockOrg;
let org: MockOrg;
beforeAll(() => {
  jobs = MockOrg.fromFixturesSync(smallOrg(), { clock: () => NOW });
  org = MockOrg.fromFixturesSync(claims(), { clock: () => NOW });
});

const names = (soql: string) => org.querySync(soql).records.map((r) => String(r.Name));

describe('ORDER BY a picklist', () => {
  it('AsyncApexJob.Status sorts Queued, Completed, Failed (declared order), not alphabetically', () => {
    const ids = (soql: string) => jobs.querySync(soql).records.map((r) => String(r.Id));
    expect(ids('SELECT Id FROM AsyncApexJob ORDER BY Status')).toEqual([JOB_C, JOB_A, JOB_B]);
    expect(ids('SELECT Id FROM AsyncApexJob ORDER BY Status DESC')).toEqual([JOB_B, JOB_A, JOB_C]);
  });

  it('nulls go first ascending and last descending by default, and where NULLS FIRST / LAST says', () => {
    expect(names('SELECT Name FROM Claim__c ORDER BY Stage__c')).toEqual(['c2', 'c3', 'c4', 'c1']);
    expect(names('SELECT Name FROM Claim__c ORDER BY Stage__c NULLS LAST')).toEqual(['c3', 'c4', 'c1', 'c2']);
    expect(names('SELECT Name FROM Claim__c ORDER BY Stage__c DESC')).toEqual(['c1', 'c4', 'c3', 'c2']);
    expect(names('SELECT Name FROM Claim__c ORDER BY Stage__c DESC NULLS FIRST')).toEqual(['c2', 'c1', 'c4', 'c3']);
  });

  it('a picklist without declared values sorts alphabetically, case-insensitive', () => {
    expect(names('SELECT Name FROM Claim__c ORDER BY Note__c NULLS LAST')).toEqual(['c2', 'c1', 'c4', 'c3']);
  });

  it('the same order through the fake REST API /query', async () => {
    const app: FastifyInstance = buildMockRestServer({ org, accessToken: TOKEN });
    await app.ready();
    try {
      const res = await app.inject({
        method: 'GET',
        url: `/services/data/v64.0/query?q=${encodeURIComponent('SELECT Name FROM Claim__c ORDER BY Stage__c NULLS LAST')}`,
        headers: { authorization: `Bearer ${TOKEN}` },
      });
      expect(res.statusCode).toBe(200);
      expect(res.json<{ records: { Name: string }[] }>().records.map((r) => r.Name)).toEqual(['c3', 'c4', 'c1', 'c2']);
    } finally {
      await app.close();
    }
  });
});

describe('sortRows with a picklist rank', () => {
  // A restricted picklist cannot hold an undeclared value from fixtures or writes, so the rule is pinned on the sort itself.
  const stage: Record<string, string | null> = { r1: 'zeta', r2: 'Closed', r3: 'Alpha', r4: 'Open', r5: null };
  const rows = Object.keys(stage).map((id, ordinal) => ({ id, ordinal }) as unknown as Row);
  const key = (descending: boolean): OrderKey => ({
    path: undefined as unknown as OrderKey['path'],
    get: (row) => stage[row.id] ?? null,
    descending,
    nullsFirst: !descending,
    lowerCase: true,
    picklistRank: new Map([
      ['open', 0],
      ['closed', 1],
    ]),
  });

  it('(ipemu) values outside the declared list come after the declared ones, alphabetically, and the whole order flips with DESC', () => {
    expect(sortRows(rows, [key(false)], 0).map((r) => r.id)).toEqual(['r5', 'r4', 'r2', 'r3', 'r1']);
    expect(sortRows(rows, [key(true)], 0).map((r) => r.id)).toEqual(['r1', 'r3', 'r2', 'r4', 'r5']);
  });
});
