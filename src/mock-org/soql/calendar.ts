import { unsupported } from './errors';

/**
 * The running user's calendar: what relative dates and date functions depend on. Days are counted
 * as civil day numbers (Date.UTC(y, m, d) / DAY), so calendar arithmetic never meets a time zone;
 * only turning a local day into an instant (or back) does.
 */
export interface Calendar {
  /** An IANA zone (the User's TimeZoneSidKey), e.g. `America/Los_Angeles`, `GMT`. */
  readonly timeZone: string;
  /** The Organization's FiscalYearStartMonth, 1 = January. */
  readonly fiscalYearStartMonth: number;
  /** The first day of the week by the user's locale: 0 Sunday, 1 Monday. */
  readonly weekStart: 0 | 1;
  /** Organization.UsesStartDateAsFiscalYearName: a fiscal year is named for the year it starts in (default: ends in). */
  readonly fiscalYearNamedByStart?: boolean;
}

export const DAY = 86_400_000;

/** Salesforce's defaults: GMT, a fiscal year from January, weeks from Sunday (en_US). */
export const DEFAULT_CALENDAR: Calendar = Object.freeze({ timeZone: 'GMT', fiscalYearStartMonth: 1, weekStart: 0, fiscalYearNamedByStart: false });

const UTC_ZONES = new Set(['GMT', 'UTC', 'Etc/GMT', 'Etc/UTC', 'Etc/UCT', 'UCT', 'Zulu', 'Etc/Zulu', 'Greenwich', 'Etc/Greenwich']);

/** Formatters by zone: building one costs far more than using it. */
const formatters = new Map<string, Intl.DateTimeFormat | null>();

function formatterOf(timeZone: string): Intl.DateTimeFormat | null {
  let format = formatters.get(timeZone);
  if (format === undefined) {
    format = UTC_ZONES.has(timeZone)
      ? null
      : new Intl.DateTimeFormat('en-US', {
          timeZone,
          hourCycle: 'h23',
          year: 'numeric',
          month: 'numeric',
          day: 'numeric',
          hour: 'numeric',
          minute: 'numeric',
          second: 'numeric',
          era: 'short',
        });
    formatters.set(timeZone, format);
  }
  return format;
}

/** Whether Node's ICU knows the zone (a fixture may name any string). */
export function isKnownTimeZone(timeZone: string): boolean {
  try {
    formatterOf(timeZone);
    return true;
  } catch {
    return false;
  }
}

/** The zone's offset from UTC at instant `ms`, in ms (local = UTC + offset). */
export function zoneOffset(ms: number, timeZone: string): number {
  const format = formatterOf(timeZone);
  if (format === null) return 0;
  const parts: Record<string, string> = {};
  for (const part of format.formatToParts(new Date(ms))) parts[part.type] = part.value;
  const year = parts.era === 'BC' || parts.era === 'B' ? 1 - Number(parts.year) : Number(parts.year);
  const local = Date.UTC(year, Number(parts.month) - 1, Number(parts.day), Number(parts.hour), Number(parts.minute), Number(parts.second));
  const whole = ms - (((ms % 1000) + 1000) % 1000);
  return local - whole;
}

/** The instant `ms` as local wall-clock ms (a UTC-based number whose UTC fields are the local ones). */
export function toLocal(ms: number, timeZone: string): number {
  return ms + zoneOffset(ms, timeZone);
}

/** The local civil day number of instant `ms`. */
export function localDayOf(ms: number, timeZone: string): number {
  return Math.floor(toLocal(ms, timeZone) / DAY);
}

/**
 * The first instant of local day `day`. Where a zone skips midnight (a DST change at 00:00), the
 * day starts at its first existing instant.
 */
export function startOfLocalDay(day: number, timeZone: string): number {
  const wall = day * DAY;
  if (formatterOf(timeZone) === null) return wall;
  let guess = wall - zoneOffset(wall, timeZone);
  guess = wall - zoneOffset(guess, timeZone);
  // Still before the day (midnight skipped): step to the first instant of the day, by hours.
  while (localDayOf(guess, timeZone) < day) guess += 3_600_000;
  while (localDayOf(guess - 1, timeZone) >= day) guess -= 3_600_000;
  return guess;
}

/** Year, month (1–12) and day of a civil day number. */
export function civil(day: number): { year: number; month: number; date: number } {
  const d = new Date(day * DAY);
  return { year: d.getUTCFullYear(), month: d.getUTCMonth() + 1, date: d.getUTCDate() };
}

/** The civil day number of year, month (1–12; may overflow either way), day. */
export function dayNumber(year: number, month: number, date: number): number {
  const d = new Date(0);
  d.setUTCFullYear(year, month - 1, date);
  return Math.floor(d.getTime() / DAY);
}

/** 0 Sunday … 6 Saturday (1970-01-01 was a Thursday). */
export function weekday(day: number): number {
  return (((day + 4) % 7) + 7) % 7;
}

/** The fiscal year a month (1–12) of a calendar year falls in, and its first month's calendar year. */
export function fiscalYearOf(year: number, month: number, cal: Calendar): { name: number; startYear: number } {
  const start = cal.fiscalYearStartMonth;
  const startYear = month >= start ? year : year - 1;
  // A year from January both starts and ends in its calendar year.
  const name = start === 1 || cal.fiscalYearNamedByStart ? startYear : startYear + 1;
  return { name, startYear };
}

/**
 * The week start of a Salesforce locale (LocaleSidKey such as `en_US`, `de_DE`): the locale's
 * first day of the week in CLDR, as Java's locales (Salesforce's) give it. Locales whose week
 * starts on neither Sunday nor Monday (Saturday in much of the Middle East) are refused by the
 * caller rather than answered wrongly.
 */
export function weekStartOf(localeSidKey: string): 0 | 1 | undefined {
  const tag = localeSidKey.replace(/_/g, '-');
  let first: number | undefined;
  try {
    const locale = new Intl.Locale(tag) as Intl.Locale & { weekInfo?: { firstDay: number }; getWeekInfo?: () => { firstDay: number } };
    first = (locale.getWeekInfo?.() ?? locale.weekInfo)?.firstDay;
  } catch {
    return undefined;
  }
  if (first === 7) return 0;
  if (first === 1) return 1;
  return undefined;
}

/** A Calendar from the User's and Organization's fields (null or missing fields take the defaults). */
export function calendarOf(timeZoneSidKey: unknown, localeSidKey: unknown, fiscalYearStartMonth: unknown, usesStartDateAsFiscalYearName: unknown): Calendar {
  const timeZone = typeof timeZoneSidKey === 'string' && timeZoneSidKey !== '' ? timeZoneSidKey : DEFAULT_CALENDAR.timeZone;
  if (!isKnownTimeZone(timeZone)) throw unsupported(`the time zone ${timeZone}`);
  const locale = typeof localeSidKey === 'string' && localeSidKey !== '' ? localeSidKey : 'en_US';
  const weekStart = weekStartOf(locale);
  if (weekStart === undefined) throw unsupported(`the week start of the locale ${locale}`);
  const month = typeof fiscalYearStartMonth === 'number' ? fiscalYearStartMonth : DEFAULT_CALENDAR.fiscalYearStartMonth;
  if (!Number.isInteger(month) || month < 1 || month > 12) throw unsupported(`the fiscal year start month ${String(fiscalYearStartMonth)}`);
  return { timeZone, fiscalYearStartMonth: month, weekStart, fiscalYearNamedByStart: usesStartDateAsFiscalYearName === true };
}
