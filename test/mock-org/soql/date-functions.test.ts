import { MockOrg } from '../../../src/mock-org/mock-org';
import { isOrgError, OrgError } from '../../../src/core/org';
import { DAY, localDayOf, startOfLocalDay, weekStartOf, zoneOffset } from '../../../src/mock-org/soql/calendar';
import { DATE_FUNCTIONS, dateFunctionOf } from '../../../src/mock-org/soql/date-functions';
import type { FieldSchema } from '../../../src/mock-org/schema/schema';
import { UserCalendars } from '../../../src/mock-org/soql/user-calendar';
import { datesOrg, DateOrgOptions, NOW } from './date-fixture';

/** Date functions in WHERE, worked out by hand from the SOQL reference's "Date Functions" table. */

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

async function labels(where: string, user = 'gmt', options: DateOrgOptions = {}, binds?: Record<string, number | string | Date>): Promise<string[]> {
  const org = (await orgFor(options)).asUser(user);
  const result = await org.query<{ Label__c: string }>(`SELECT Label__c FROM Happening__c WHERE ${where} ORDER BY Label__c`, binds);
  return result.records.map((r) => r.Label__c);
}

async function failure(where: string): Promise<OrgError> {
  const err: unknown = await (await orgFor()).query(`SELECT Id FROM Happening__c WHERE ${where}`).catch((e: unknown) => e);
  if (!isOrgError(err)) throw new Error(`expected an OrgError from ${where}, got ${String(err)}`);
  return err;
}

describe('calendar functions on a date field', () => {
  it.each([
    ['CALENDAR_YEAR(On__c) = 2025', ['E2', 'E7']],
    ['CALENDAR_YEAR(On__c) < 2025', ['E1', 'E3', 'E4', 'E5', 'E6', 'E8']],
    ['CALENDAR_QUARTER(On__c) = 4', ['E1', 'E3', 'E4', 'E8']],
    ['CALENDAR_MONTH(On__c) IN (3, 5)', ['E5', 'E6']],
    ['DAY_IN_MONTH(On__c) > 28', ['E1', 'E3', 'E6']],
    ['DAY_IN_WEEK(On__c) = 1', ['E1', 'E2', 'E6', 'E8']], // Sundays (1 whatever the locale)
    ['DAY_IN_YEAR(On__c) = 366', ['E3']], // 2024 is a leap year
    ['WEEK_IN_YEAR(On__c) = 53', ['E3']], // week 1 is January 1-7
    ['WEEK_IN_YEAR(On__c) = 1', ['E2']],
    ['WEEK_IN_MONTH(On__c) = 2', ['E5', 'E7']], // week 1 is days 1-7; 05-10 and 01-08 fall in week 2
    ['WEEK_IN_MONTH(On__c) = 3', ['E8']],
    ['CALENDAR_YEAR(On__c) = null', ['E9']],
    ['CALENDAR_YEAR(On__c) != 2024', ['E2', 'E7', 'E9']],
    ['CALENDAR_YEAR(On__c) NOT IN (2024)', ['E2', 'E7', 'E9']],
    ['FISCAL_YEAR(On__c) = 2024', ['E1', 'E3', 'E4', 'E5', 'E6', 'E8']], // a fiscal year from January
    ['FISCAL_MONTH(On__c) = 1', ['E2', 'E7']],
  ])('%s', async (where, expected) => {
    expect(await labels(where)).toEqual(expected);
  });

  it('a bind gives the value compared', async () => {
    expect(await labels('CALENDAR_YEAR(On__c) = :y', 'gmt', {}, { y: 2025 })).toEqual(['E2', 'E7']);
    expect(await labels('DAY_ONLY(At__c) = :d', 'gmt', {}, { d: new Date(Date.UTC(2024, 11, 31)) })).toEqual(['E1']);
  });
});

describe('fiscal functions with a fiscal year from April', () => {
  const april = { fiscalYearStartMonth: 4 };
  it.each([
    ['FISCAL_YEAR(On__c) = 2025', ['E1', 'E2', 'E3', 'E4', 'E5', 'E7', 'E8']], // named for the year it ends in
    ['FISCAL_YEAR(On__c) = 2024', ['E6']],
    ['FISCAL_QUARTER(On__c) = 1', ['E5']], // April..June
    ['FISCAL_QUARTER(On__c) = 4', ['E2', 'E6', 'E7']], // January..March
    ['FISCAL_MONTH(On__c) = 10', ['E2', 'E7']], // January is the tenth month
    ['FISCAL_MONTH(On__c) = 12', ['E6']],
    ['CALENDAR_QUARTER(On__c) = 1', ['E2', 'E6', 'E7']],
  ])('%s', async (where, expected) => {
    expect(await labels(where, 'gmt', april)).toEqual(expected);
  });

  it('Organization.UsesStartDateAsFiscalYearName names the year for the one it starts in', async () => {
    expect(await labels('FISCAL_YEAR(On__c) = 2024', 'gmt', { fiscalYearStartMonth: 4, usesStartDateAsFiscalYearName: true })).toEqual([
      'E1',
      'E2',
      'E3',
      'E4',
      'E5',
      'E7',
      'E8',
    ]);
  });
});

describe('dateTime fields: UTC unless convertTimezone()', () => {
  it('without convertTimezone a dateTime is read in UTC, whatever the user', async () => {
    expect(await labels('CALENDAR_YEAR(At__c) = 2025', 'la')).toEqual(['E2', 'E3', 'E7']);
    expect(await labels('DAY_ONLY(At__c) = 2024-12-31', 'la')).toEqual(['E1']);
    expect(await labels('HOUR_IN_DAY(At__c) = 3', 'la')).toEqual(['E3']);
  });

  it("convertTimezone() reads it in the user's zone (Los Angeles, UTC-8 in winter)", async () => {
    expect(await labels('CALENDAR_YEAR(convertTimezone(At__c)) = 2025', 'la')).toEqual(['E2', 'E7']);
    expect(await labels('DAY_ONLY(convertTimezone(At__c)) = 2024-12-31', 'la')).toEqual(['E1', 'E3']);
    expect(await labels('HOUR_IN_DAY(convertTimezone(At__c)) = 19', 'la')).toEqual(['E3']);
    expect(await labels('DAY_ONLY(convertTimezone(At__c)) = 2024-12-31', 'gmt')).toEqual(['E1']);
  });
});

describe('what Salesforce refuses', () => {
  it('(ipemu) a date function on a field that is no date: INVALID_FIELD "field X does not support date function F"', async () => {
    expect(await failure('CALENDAR_YEAR(Label__c) = 2024')).toMatchObject({
      errorCode: 'INVALID_FIELD',
      message: 'field Label__c does not support date function CALENDAR_YEAR',
      status: 400,
    });
  });

  it('DAY_ONLY and HOUR_IN_DAY take only a dateTime field', async () => {
    expect(await failure('DAY_ONLY(On__c) = 2024-12-31')).toMatchObject({
      errorCode: 'INVALID_FIELD',
      message: 'field On__c does not support date function DAY_ONLY',
    });
    expect(await failure('HOUR_IN_DAY(On__c) = 1')).toMatchObject({
      errorCode: 'INVALID_FIELD',
      message: 'field On__c does not support date function HOUR_IN_DAY',
    });
  });

  it('a date function compared with a date literal, a string or a date: INVALID_QUERY_FILTER_OPERATOR', async () => {
    for (const where of ['CALENDAR_YEAR(At__c) = THIS_YEAR', "CALENDAR_YEAR(On__c) = '2024'", 'CALENDAR_YEAR(On__c) = 2024-01-01', 'DAY_ONLY(At__c) = TODAY']) {
      expect(await failure(where)).toMatchObject({ errorCode: 'INVALID_QUERY_FILTER_OPERATOR', status: 400 });
    }
  });

  it('(ipemu) convertTimezone() on a date field: INVALID_FIELD', async () => {
    expect(await failure('CALENDAR_YEAR(convertTimezone(On__c)) = 2024')).toMatchObject({ errorCode: 'INVALID_FIELD' });
  });

  it('field-level security applies to the field inside a date function', async () => {
    const err: unknown = await (
      await orgFor()
    )
      .asUser('blind')
      .query('SELECT Id FROM Happening__c WHERE CALENDAR_YEAR(On__c) = 2024')
      .catch((e: unknown) => e);
    expect(err).toMatchObject({ errorCode: 'INVALID_FIELD', message: expect.stringContaining("No such column 'On__c'") });
  });

  it('a function other than the date functions stays refused as unsupported', async () => {
    expect(await failure("FORMAT(Label__c) = 'x'")).toMatchObject({
      errorCode: 'MALFORMED_QUERY',
      message: 'The mock org does not support functions in WHERE.',
    });
  });
});

describe('the exported API', () => {
  const field = (type: FieldSchema['type']): FieldSchema => ({
    name: 'F',
    type,
    label: 'F',
    referenceTo: [],
    relationshipName: null,
    polymorphic: false,
    picklistValues: undefined,
    length: 0,
    nillable: true,
    idLookup: false,
    createable: true,
    updateable: true,
    defaultedOnCreate: false,
  });
  const cal = { timeZone: 'Asia/Tokyo', fiscalYearStartMonth: 7, weekStart: 1 as const };

  it('DATE_FUNCTIONS lists the thirteen functions of the reference', () => {
    expect([...DATE_FUNCTIONS].sort()).toEqual(
      [
        'CALENDAR_MONTH',
        'CALENDAR_QUARTER',
        'CALENDAR_YEAR',
        'DAY_IN_MONTH',
        'DAY_IN_WEEK',
        'DAY_IN_YEAR',
        'DAY_ONLY',
        'FISCAL_MONTH',
        'FISCAL_QUARTER',
        'FISCAL_YEAR',
        'HOUR_IN_DAY',
        'WEEK_IN_MONTH',
        'WEEK_IN_YEAR',
      ].sort(),
    );
  });

  it("dateFunctionOf evaluates stored values; the reference's examples (fiscal year from July: July 15 is quarter 1, June 6 quarter 4)", () => {
    expect(dateFunctionOf('fiscal_quarter', field('date'))('2024-07-15', cal)).toBe(1);
    expect(dateFunctionOf('FISCAL_QUARTER', field('date'))('2024-06-06', cal)).toBe(4);
    expect(dateFunctionOf('DAY_IN_YEAR', field('date'))('2024-02-01', cal)).toBe(32);
    expect(dateFunctionOf('DAY_ONLY', field('datetime'), true)('2024-12-31T20:00:00.000+0000', cal)).toBe('2025-01-01');
    expect(dateFunctionOf('HOUR_IN_DAY', field('datetime'), true)('2024-12-31T20:00:00.000+0000', cal)).toBe(5);
    expect(dateFunctionOf('CALENDAR_YEAR', field('datetime'))(null, cal)).toBeNull();
    expect(() => dateFunctionOf('CALENDAR_YEAR', field('double'))).toThrow('field F does not support date function CALENDAR_YEAR');
  });
});

describe("the running user's calendar is looked up only by queries that need it", () => {
  afterEach(() => jest.restoreAllMocks());

  it('no lookup for a query without relative dates or date functions; one per query that has them', async () => {
    const org = await orgFor();
    const lookups = jest.spyOn(UserCalendars.prototype, 'of');
    await org.query("SELECT Id FROM Happening__c WHERE Label__c = 'E1' AND On__c > 2024-01-01");
    expect(lookups).not.toHaveBeenCalled();
    await org.query('SELECT Id FROM Happening__c WHERE On__c = THIS_YEAR OR FISCAL_YEAR(On__c) = 2024');
    expect(lookups).toHaveBeenCalledTimes(1);
  });
});

describe('calendar arithmetic', () => {
  it('a local day starts at its first instant across DST changes (LA, Santiago whose clocks skip midnight)', () => {
    const day = (y: number, m: number, d: number) => Date.UTC(y, m - 1, d) / DAY;
    expect(new Date(startOfLocalDay(day(2024, 3, 10), 'America/Los_Angeles')).toISOString()).toBe('2024-03-10T08:00:00.000Z');
    expect(new Date(startOfLocalDay(day(2024, 3, 11), 'America/Los_Angeles')).toISOString()).toBe('2024-03-11T07:00:00.000Z');
    const santiago = startOfLocalDay(day(2024, 9, 8), 'America/Santiago');
    expect(new Date(santiago).toISOString()).toBe('2024-09-08T04:00:00.000Z');
    expect(localDayOf(santiago, 'America/Santiago')).toBe(day(2024, 9, 8));
    expect(localDayOf(santiago - 1, 'America/Santiago')).toBe(day(2024, 9, 7));
  });

  it('zone offsets kept per quarter hour stay exact where a change falls inside one (Monrovia, 1972-01-07T00:44:30Z)', () => {
    const at = (iso: string) => zoneOffset(Date.parse(iso), 'Africa/Monrovia');
    expect(at('1972-01-07T00:30:00Z')).toBe(-(44 * 60 + 30) * 1000);
    expect(at('1972-01-07T00:44:29Z')).toBe(-(44 * 60 + 30) * 1000);
    expect(at('1972-01-07T00:44:30Z')).toBe(0);
    expect(at('1972-01-07T00:44:31Z')).toBe(0);
    // Los Angeles changes on a quarter-hour boundary: 2024-03-10T10:00Z.
    expect(zoneOffset(Date.parse('2024-03-10T09:59:59Z'), 'America/Los_Angeles')).toBe(-8 * 3_600_000);
    expect(zoneOffset(Date.parse('2024-03-10T10:00:00Z'), 'America/Los_Angeles')).toBe(-7 * 3_600_000);
  });

  it('week starts by locale: en_US Sunday, en_GB/de_DE/fr_FR Monday', () => {
    expect(weekStartOf('en_US')).toBe(0);
    expect(weekStartOf('en_CA')).toBe(0);
    expect(weekStartOf('en_GB')).toBe(1);
    expect(weekStartOf('de_DE')).toBe(1);
    expect(weekStartOf('fr_FR')).toBe(1);
  });
});
