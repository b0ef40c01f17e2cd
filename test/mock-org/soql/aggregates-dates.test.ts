import { isOrgError } from '../../../src/core/org';
import { MockOrg } from '../../../src/mock-org/mock-org';
import { datesOrg, NOW } from './date-fixture';

/** Issue 16: GROUP BY a date function (the dates part computes it), in SELECT, HAVING and ORDER BY too. Answers from date-fixture's EVENTS. */

let org: MockOrg;
beforeAll(() => {
  org = MockOrg.fromFixturesSync(datesOrg(), { clock: () => NOW });
});

const rows = (soql: string, target: MockOrg = org) => target.querySync(soql).records.map(({ attributes: _a, ...fields }) => fields);

describe('GROUP BY a date function', () => {
  it('CALENDAR_YEAR of a dateTime groups in UTC: 2024 (E1, E4, E5, E6), 2025 (E2, E3, E7), null (E8, E9)', () => {
    expect(rows('SELECT CALENDAR_YEAR(At__c), COUNT(Id) FROM Happening__c GROUP BY CALENDAR_YEAR(At__c)')).toEqual([
      { expr0: 2024, expr1: 4 },
      { expr0: 2025, expr1: 3 },
      { expr0: null, expr1: 2 },
    ]);
  });

  it("convertTimezone() groups in the running user's zone: in Los Angeles E3 falls in 2024", () => {
    const soql = 'SELECT CALENDAR_YEAR(convertTimezone(At__c)) y, COUNT(Id) n FROM Happening__c GROUP BY CALENDAR_YEAR(convertTimezone(At__c))';
    expect(rows(soql, org.asUser('la'))).toEqual([
      { y: 2024, n: 5 },
      { y: 2025, n: 2 },
      { y: null, n: 2 },
    ]);
  });

  it('HAVING and ORDER BY name the function: months with more than one event, in month order', () => {
    const soql =
      'SELECT CALENDAR_MONTH(On__c) m, COUNT(Id) n FROM Happening__c GROUP BY CALENDAR_MONTH(On__c) HAVING COUNT(Id) > 1 ORDER BY CALENDAR_MONTH(On__c)';
    expect(rows(soql)).toEqual([
      { m: 1, n: 2 },
      { m: 12, n: 3 },
    ]);
  });

  it('DAY_ONLY groups a dateTime by its date, answered as the date string', () => {
    expect(rows('SELECT DAY_ONLY(At__c), COUNT(Id) FROM Happening__c GROUP BY DAY_ONLY(At__c) ORDER BY DAY_ONLY(At__c) DESC LIMIT 1')).toEqual([
      { expr0: '2025-01-08', expr1: 1 },
    ]);
  });

  it('a date function in SELECT must be the one grouped', () => {
    let caught: unknown;
    try {
      org.querySync('SELECT CALENDAR_YEAR(At__c), COUNT(Id) FROM Happening__c GROUP BY CALENDAR_MONTH(At__c)');
    } catch (err) {
      caught = err;
    }
    expect(isOrgError(caught) && { errorCode: caught.errorCode, message: caught.message }).toEqual({
      errorCode: 'MALFORMED_QUERY',
      message: 'Field must be grouped or aggregated: CALENDAR_YEAR(At__c)',
    });
  });
});
