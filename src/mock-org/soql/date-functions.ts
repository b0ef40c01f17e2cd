import type { FieldSchema } from '../schema/schema';
import { kindOf } from '../store/field-kinds';
import { formatDate, Value } from '../store/values';
import { Calendar, DAY, fiscalYearOf, toLocal } from './calendar';
import { convertTimezoneOnDate, dateFunctionFieldType, unsupported } from './errors';

/** SOQL's date functions (upper-case), as the SOQL reference lists them. */
export const DATE_FUNCTIONS: ReadonlySet<string> = new Set([
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
]);

/** The functions that take only a dateTime field (the reference says so for DAY_ONLY and HOUR_IN_DAY). */
const DATETIME_ONLY: ReadonlySet<string> = new Set(['DAY_ONLY', 'HOUR_IN_DAY']);

/** Evaluates a date function on a stored value (null stays null), in the calendar given. */
export type DateFunction = (value: Value, cal: Calendar) => Value;

/** What a date function returns: DAY_ONLY a date, the others an integer. */
export function dateFunctionResultKind(name: string): 'date' | 'number' {
  return name.toUpperCase() === 'DAY_ONLY' ? 'date' : 'number';
}

/** The 1-based day of the year of a wall-clock ms. */
function dayInYear(wall: number): number {
  const year = new Date(wall).getUTCFullYear();
  const jan1 = new Date(0);
  jan1.setUTCFullYear(year, 0, 1);
  return Math.floor((wall - jan1.getTime()) / DAY) + 1;
}

function fiscalMonth(month: number, cal: Calendar): number {
  return ((month - cal.fiscalYearStartMonth + 12) % 12) + 1;
}

/** A date function's value from the wall-clock ms (a UTC number whose UTC fields are the ones to read). */
const EVALUATORS: Readonly<Record<string, (wall: number, cal: Calendar) => Value>> = {
  CALENDAR_MONTH: (wall) => new Date(wall).getUTCMonth() + 1,
  CALENDAR_QUARTER: (wall) => Math.floor(new Date(wall).getUTCMonth() / 3) + 1,
  CALENDAR_YEAR: (wall) => new Date(wall).getUTCFullYear(),
  DAY_IN_MONTH: (wall) => new Date(wall).getUTCDate(),
  DAY_IN_WEEK: (wall) => new Date(wall).getUTCDay() + 1,
  DAY_IN_YEAR: (wall) => dayInYear(wall),
  DAY_ONLY: (wall) => formatDate(wall),
  FISCAL_MONTH: (wall, cal) => fiscalMonth(new Date(wall).getUTCMonth() + 1, cal),
  FISCAL_QUARTER: (wall, cal) => Math.floor((fiscalMonth(new Date(wall).getUTCMonth() + 1, cal) - 1) / 3) + 1,
  FISCAL_YEAR: (wall, cal) => {
    const d = new Date(wall);
    return fiscalYearOf(d.getUTCFullYear(), d.getUTCMonth() + 1, cal).name;
  },
  HOUR_IN_DAY: (wall) => new Date(wall).getUTCHours(),
  WEEK_IN_MONTH: (wall) => Math.ceil(new Date(wall).getUTCDate() / 7),
  WEEK_IN_YEAR: (wall) => Math.ceil(dayInYear(wall) / 7),
};

/** Epoch ms of a stored date (`YYYY-MM-DD`) or datetime (`YYYY-MM-DDTHH:MM:SS.mmm+0000`). */
function storedMs(value: string): number {
  return value.length === 10 ? Date.parse(`${value}T00:00:00Z`) : Date.parse(`${value.slice(0, 23)}Z`);
}

/**
 * The function `name` (any case) applied to `field`. A dateTime is read in UTC, as Salesforce
 * does, unless `convertTimezone` (the query wrapped the field in `convertTimezone()`): then in the
 * calendar's zone. A date has no zone. Throws Salesforce's error for a field of another type.
 */
export function dateFunctionOf(name: string, field: FieldSchema, convertTimezone = false): DateFunction {
  const upper = name.toUpperCase();
  const evaluate = EVALUATORS[upper];
  if (!evaluate) throw unsupported(`the function ${name}`);
  const kind = kindOf(field);
  if (kind !== 'datetime' && (kind !== 'date' || DATETIME_ONLY.has(upper))) throw dateFunctionFieldType(upper, field.name);
  if (convertTimezone && kind !== 'datetime') throw convertTimezoneOnDate(field.name);
  if (convertTimezone) {
    return (value, cal) => (typeof value === 'string' ? evaluate(toLocal(storedMs(value), cal.timeZone), cal) : null);
  }
  return (value, cal) => (typeof value === 'string' ? evaluate(storedMs(value), cal) : null);
}
