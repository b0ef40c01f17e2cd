import { MockOrg } from '../../../src/mock-org/mock-org';
import { isOrgError, OrgError } from '../../../src/core/org';
import { datesOrg, DateOrgOptions, NOW } from './date-fixture';

/**
 * SOQL's relative date literals against a clock fixed at 2025-01-01T05:00Z. Every expected set is
 * worked out by hand from "Date Formats and Date Literals" (see date-fixture.ts for the records).
 */

const orgs = new Map<string, MockOrg>();
async function orgFor(options: DateOrgOptions = {}): Promise<MockOrg> {
  const key = JSON.stringify(options);
  let org = orgs.get(key);
  if (!org) {
    org = await MockOrg.fromFixtures(datesOrg(options), { clock: () => NOW });
    orgs.set(key, org);
  }
  return org;
}

async function labels(where: string, user = 'gmt', options: DateOrgOptions = {}): Promise<string[]> {
  const org = (await orgFor(options)).asUser(user);
  const result = await org.query<{ Label__c: string }>(`SELECT Label__c FROM Happening__c WHERE ${where} ORDER BY Label__c`);
  return result.records.map((r) => r.Label__c);
}

async function failure(where: string): Promise<OrgError> {
  const err: unknown = await (await orgFor()).query(`SELECT Id FROM Happening__c WHERE ${where}`).catch((e: unknown) => e);
  if (!isOrgError(err)) throw new Error(`expected an OrgError from ${where}, got ${String(err)}`);
  return err;
}

describe('calendar literals on a date field (GMT user, weeks from Sunday, today Wednesday 2025-01-01)', () => {
  it.each([
    ['On__c = THIS_WEEK', ['E1', 'E3']], // Sun 12-29 .. Sat 01-04
    ['On__c = LAST_WEEK', []], // 12-22 .. 12-28
    ['On__c = NEXT_WEEK', ['E2', 'E7']], // 01-05 .. 01-11
    ['On__c = LAST_N_WEEKS:2', ['E8']], // 12-15 .. 12-28: the current week left out
    ['On__c = NEXT_N_WEEKS:1', ['E2', 'E7']],
    ['On__c = N_WEEKS_AGO:2', ['E8']], // 12-15 .. 12-21
    ['On__c = THIS_MONTH', ['E2', 'E7']],
    ['On__c = LAST_MONTH', ['E1', 'E3', 'E8']],
    ['On__c = NEXT_MONTH', []],
    ['On__c = LAST_N_MONTHS:1', ['E1', 'E3', 'E8']],
    ['On__c = N_MONTHS_AGO:3', ['E4']], // October 2024
    ['On__c = NEXT_N_MONTHS:1', []],
    ['On__c = THIS_QUARTER', ['E2', 'E7']],
    ['On__c = LAST_QUARTER', ['E1', 'E3', 'E4', 'E8']],
    ['On__c = LAST_N_QUARTERS:3', ['E1', 'E3', 'E4', 'E5', 'E8']], // 2024-04-01 .. 2024-12-31
    ['On__c = N_QUARTERS_AGO:4', ['E6']], // Q1 2024
    ['On__c = NEXT_QUARTER', []],
    ['On__c = THIS_YEAR', ['E2', 'E7']],
    ['On__c = LAST_YEAR', ['E1', 'E3', 'E4', 'E5', 'E6', 'E8']],
    ['On__c = N_YEARS_AGO:1', ['E1', 'E3', 'E4', 'E5', 'E6', 'E8']],
    ['On__c = LAST_N_YEARS:1', ['E1', 'E3', 'E4', 'E5', 'E6', 'E8']],
    ['On__c = NEXT_N_YEARS:3', []],
    ['On__c = LAST_N_DAYS:2', ['E3']], // 12-30 .. today: today included
    ['On__c = NEXT_N_DAYS:7', ['E2', 'E7']], // 01-02 .. 01-08: starts tomorrow
    ['On__c = N_DAYS_AGO:3', ['E1']],
    ['On__c < THIS_YEAR', ['E1', 'E3', 'E4', 'E5', 'E6', 'E8']],
    ['On__c > LAST_YEAR', ['E2', 'E7']],
    ['On__c >= THIS_WEEK', ['E1', 'E2', 'E3', 'E7']],
    ['On__c <= LAST_MONTH', ['E1', 'E3', 'E4', 'E5', 'E6', 'E8']],
    ['On__c != THIS_YEAR', ['E1', 'E3', 'E4', 'E5', 'E6', 'E8', 'E9']],
    ['On__c IN (LAST_N_WEEKS:2, NEXT_WEEK)', ['E2', 'E7', 'E8']],
    ['On__c = THIS_FISCAL_QUARTER', ['E2', 'E7']], // a fiscal year from January: the calendar quarter
    ['On__c = LAST_FISCAL_YEAR', ['E1', 'E3', 'E4', 'E5', 'E6', 'E8']],
  ])('%s', async (where, expected) => {
    expect(await labels(where)).toEqual(expected);
  });
});

describe('weeks from Monday (an en_GB user)', () => {
  it('THIS_WEEK is Monday 12-30 to Sunday 01-05, LAST_WEEK 12-23 to 12-29', async () => {
    expect(await labels('On__c = THIS_WEEK', 'uk')).toEqual(['E2', 'E3']);
    expect(await labels('On__c = LAST_WEEK', 'uk')).toEqual(['E1']);
    expect(await labels('On__c = NEXT_WEEK', 'uk')).toEqual(['E7']);
  });
});

describe("the running user's time zone (Los Angeles: still 2024-12-31 at 21:00)", () => {
  it('TODAY on a dateTime is the local day: 2024-12-31T08:00Z to 2025-01-01T08:00Z', async () => {
    expect(await labels('At__c = TODAY', 'la')).toEqual(['E1', 'E3']);
    expect(await labels('At__c = TODAY', 'gmt')).toEqual(['E2', 'E3']);
    expect(await labels('At__c = TOMORROW', 'la')).toEqual(['E2']);
    expect(await labels('At__c = YESTERDAY', 'gmt')).toEqual(['E1']);
  });

  it('THIS_YEAR on a dateTime is the local year 2024 for the LA user, 2025 for the GMT user', async () => {
    expect(await labels('At__c = THIS_YEAR', 'la')).toEqual(['E1', 'E3', 'E4', 'E5', 'E6']);
    expect(await labels('At__c = THIS_YEAR', 'gmt')).toEqual(['E2', 'E3', 'E7']);
  });

  it('a date field compares by calendar date against the local today', async () => {
    expect(await labels('On__c = TODAY', 'la')).toEqual(['E3']);
    expect(await labels('On__c = TODAY', 'gmt')).toEqual([]);
    expect(await labels('On__c = THIS_YEAR', 'la')).toEqual(['E1', 'E3', 'E4', 'E5', 'E6', 'E8']);
  });
});

describe('a fiscal year from April (FY2025 = 2024-04-01 .. 2025-03-31, named for the year it ends in)', () => {
  const april = { fiscalYearStartMonth: 4 };
  it.each([
    ['On__c = THIS_FISCAL_QUARTER', ['E2', 'E7']], // Q4: Jan..Mar 2025
    ['On__c = LAST_FISCAL_QUARTER', ['E1', 'E3', 'E4', 'E8']], // Q3: Oct..Dec 2024
    ['On__c = NEXT_FISCAL_QUARTER', []],
    ['On__c = N_FISCAL_QUARTERS_AGO:3', ['E5']], // Q1: Apr..Jun 2024
    ['On__c = LAST_N_FISCAL_QUARTERS:2', ['E1', 'E3', 'E4', 'E8']], // Jul..Dec 2024
    ['On__c = NEXT_N_FISCAL_QUARTERS:2', []],
    ['On__c = THIS_FISCAL_YEAR', ['E1', 'E2', 'E3', 'E4', 'E5', 'E7', 'E8']],
    ['On__c = LAST_FISCAL_YEAR', ['E6']],
    ['On__c = N_FISCAL_YEARS_AGO:1', ['E6']],
    ['On__c = LAST_N_FISCAL_YEARS:1', ['E6']],
    ['On__c = NEXT_FISCAL_YEAR', []],
    ['On__c = NEXT_N_FISCAL_YEARS:1', []],
    ['On__c = THIS_QUARTER', ['E2', 'E7']], // calendar literals ignore the fiscal year
  ])('%s', async (where, expected) => {
    expect(await labels(where, 'gmt', april)).toEqual(expected);
  });
});

describe('what Salesforce refuses', () => {
  it('a date literal on a field that is no date: INVALID_QUERY_FILTER_OPERATOR', async () => {
    expect(await failure('Label__c = THIS_WEEK')).toMatchObject({ errorCode: 'INVALID_QUERY_FILTER_OPERATOR', status: 400 });
  });

  it('(ipemu) a negative n: MALFORMED_QUERY "unexpected token: \'-\'"', async () => {
    expect(await failure('On__c = LAST_N_WEEKS:-1')).toMatchObject({ errorCode: 'MALFORMED_QUERY', message: "unexpected token: '-'" });
  });

  it('an n that leaves the valid dates: NUMBER_OUTSIDE_VALID_RANGE, for every unit', async () => {
    for (const literal of ['LAST_N_YEARS:3000', 'NEXT_N_QUARTERS:99999', 'N_MONTHS_AGO:999999999', 'NEXT_N_FISCAL_YEARS:2000', 'LAST_N_WEEKS:999999999']) {
      const err = await failure(`At__c = ${literal}`);
      expect(err).toMatchObject({ errorCode: 'NUMBER_OUTSIDE_VALID_RANGE', status: 400 });
      expect(err.message).toContain(literal);
    }
  });
});
