import { evaluateFormula, FormulaEvaluationError } from '../../../src/procedures/formula/index';

const clock = { now: () => new Date('2024-03-01T01:30:00.000Z') };
const ev = (expression: string, data: unknown = {}, timeZone?: string): unknown =>
  evaluateFormula(expression, data, timeZone === undefined ? clock : { ...clock, timeZone });

describe('date functions', () => {
  it('NOW() is the injected clock as ISO 8601 UTC', () => {
    expect(ev('NOW()')).toBe('2024-03-01T01:30:00.000Z');
  });

  it("TODAY() is the clock's date in the context's time zone, UTC by default", () => {
    expect(ev('TODAY()')).toBe('2024-03-01');
    expect(ev('TODAY()', {}, 'America/New_York')).toBe('2024-02-29');
    expect(ev('TODAY() == $Vlocity.TODAY')).toBe(true);
  });

  it('ADDDAY / ADDMONTH / ADDYEAR keep a date a date', () => {
    expect(ev('ADDDAY("2025-01-01", 31)')).toBe('2025-02-01');
    expect(ev('ADDDAY("2024-03-01", -1)')).toBe('2024-02-29');
    expect(ev('ADDMONTH("2024-01-31", 1)')).toBe('2024-02-29');
    expect(ev('ADDYEAR("2024-02-29", 1)')).toBe('2025-02-28');
  });

  it("ADDDAY keeps a datetime's time; 'MM/DD/YYYY' is a date at midnight", () => {
    expect(ev('ADDDAY("2025-01-01T10:15:00.000Z", 1)')).toBe('2025-01-02T10:15:00.000Z');
    expect(ev('ADDDAY("01/01/2025", 31)')).toBe('2025-02-01');
    expect(ev('ADDDAY(TODAY(), 1)')).toBe('2024-03-02');
    expect(ev('ADDDAY(NOW(), 1)')).toBe('2024-03-02T01:30:00.000Z');
  });

  it('ADD* of a blank date is null; of a date that does not exist an evaluation error', () => {
    expect(ev('ADDDAY(%missing%, 1)')).toBeNull();
    expect(() => ev('ADDDAY("2024-02-30", 1)')).toThrow(FormulaEvaluationError);
    expect(() => ev('ADDDAY("soon", 1)')).toThrow(/ADDDAY expects a date/);
    expect(() => ev('ADDDAY("2024-01-01", 1.5)')).toThrow(/whole number/);
  });

  it('DATEDIFF(start, end) is the whole days from start to end', () => {
    expect(ev('DATEDIFF("2024-01-01", "2024-03-01")')).toBe(60);
    expect(ev('DATEDIFF("2024-03-01", "2024-01-01")')).toBe(-60);
    expect(ev('DATEDIFF("2024-01-01T23:00:00Z", "2024-01-02T01:00:00Z")')).toBe(1);
    expect(ev('DATEDIFF(%missing%, "2024-01-01")')).toBeNull();
  });

  it('FORMATDATETIME formats with Day.js tokens; a datetime shows in the context time zone', () => {
    expect(ev('FORMATDATETIME("2024-07-04", "MM/DD/YYYY")')).toBe('07/04/2024');
    expect(ev('FORMATDATETIME("2024-07-04T18:05:00Z", "YYYY-MM-DD HH:mm")')).toBe('2024-07-04 18:05');
    expect(ev('FORMATDATETIME("2024-07-04T18:05:00Z", "YYYY-MM-DD HH:mm")', {}, 'America/Los_Angeles')).toBe('2024-07-04 11:05');
    expect(ev('FORMATDATETIME(NOW(), "ddd, MMM D")')).toBe('Fri, Mar 1');
  });

  it('an unknown time zone is an evaluation error, not a crash', () => {
    expect(() => ev('TODAY()', {}, 'Mars/Olympus')).toThrow(FormulaEvaluationError);
  });
});
