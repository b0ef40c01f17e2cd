import { MockOrg } from '../../../src/mock-org/mock-org';
import { isOrgError, OrgError } from '../../../src/core/org';
import { JOB_A, JOB_B, JOB_C, smallOrg } from '../fixture-data';

/** Numbers Salesforce refuses in SOQL (issue 12 item 13): NUMBER_OUTSIDE_VALID_RANGE, status 400, never a 500. */

const NOW = Date.UTC(2026, 10, 3, 12);
let org: MockOrg;
beforeAll(async () => {
  org = await MockOrg.fromFixtures(smallOrg(), { clock: () => NOW });
});

async function failure(soql: string): Promise<OrgError> {
  const err: unknown = await org.query(soql).catch((e: unknown) => e);
  if (!isOrgError(err)) throw new Error(`expected an OrgError from ${soql}, got ${String(err)}`);
  return err;
}

describe('OFFSET', () => {
  it('up to 2,000 is accepted; above is NUMBER_OUTSIDE_VALID_RANGE "Maximum SOQL offset allowed is 2000"', async () => {
    expect((await org.query('SELECT Id FROM AsyncApexJob OFFSET 2000')).totalSize).toBe(0);
    expect((await org.query('SELECT Id FROM AsyncApexJob ORDER BY CreatedDate LIMIT 10 OFFSET 1')).totalSize).toBe(2);
    for (const soql of ['SELECT Id FROM AsyncApexJob OFFSET 2001', 'SELECT Id FROM AsyncApexJob ORDER BY CreatedDate LIMIT 5 OFFSET 999999']) {
      expect(await failure(soql)).toMatchObject({ errorCode: 'NUMBER_OUTSIDE_VALID_RANGE', message: 'Maximum SOQL offset allowed is 2000', status: 400 });
    }
  });
});

describe('relative date literals with a number of days', () => {
  it('a number of days that leaves the valid dates (1700-01-01 to 4000-12-31) is NUMBER_OUTSIDE_VALID_RANGE', async () => {
    for (const literal of ['LAST_N_DAYS:999999999', 'NEXT_N_DAYS:999999999', 'N_DAYS_AGO:999999999', 'LAST_N_DAYS:120000']) {
      const err = await failure(`SELECT Id FROM AsyncApexJob WHERE CreatedDate = ${literal}`);
      expect(err).toMatchObject({ errorCode: 'NUMBER_OUTSIDE_VALID_RANGE', status: 400 });
      expect(err.message).toContain(literal);
    }
  });

  it('a large number of days that stays within the valid dates still answers', async () => {
    const ids = (await org.query<{ Id: string }>('SELECT Id FROM AsyncApexJob WHERE CreatedDate = LAST_N_DAYS:100000')).records.map((r) => r.Id);
    expect(ids.sort()).toEqual([JOB_A, JOB_B, JOB_C].sort());
    expect((await org.query('SELECT Id FROM AsyncApexJob WHERE CreatedDate > NEXT_N_DAYS:100000')).totalSize).toBe(0);
  });
});
