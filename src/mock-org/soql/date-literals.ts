import { Calendar, civil, dayNumber, fiscalYearOf, localDayOf, weekday } from './calendar';

/**
 * SOQL's relative date literals ("Date Formats and Date Literals"), as ranges of the running
 * user's local days. Each literal is a run of whole periods (days, weeks, months, quarters, years,
 * fiscal quarters, fiscal years) counted from the current one: [from, to) with 0 the period that
 * holds today.
 */
type Unit = 'DAY' | 'WEEK' | 'MONTH' | 'QUARTER' | 'YEAR' | 'FISCAL_QUARTER' | 'FISCAL_YEAR';

interface LiteralShape {
  readonly unit: Unit;
  /** The first and the after-last period of the range, from the current period (n = the literal's number). */
  readonly span: (n: number) => [number, number];
  /** Whether the literal takes `:n`. */
  readonly takesN: boolean;
}

const UNITS: readonly Unit[] = ['DAY', 'WEEK', 'MONTH', 'QUARTER', 'YEAR', 'FISCAL_QUARTER', 'FISCAL_YEAR'];

function buildShapes(): Map<string, LiteralShape> {
  const shapes = new Map<string, LiteralShape>();
  const fixed = (name: string, unit: Unit, from: number, to: number) => shapes.set(name, { unit, span: () => [from, to], takesN: false });
  const withN = (name: string, unit: Unit, span: (n: number) => [number, number]) => shapes.set(name, { unit, span, takesN: true });
  fixed('TODAY', 'DAY', 0, 1);
  fixed('YESTERDAY', 'DAY', -1, 0);
  fixed('TOMORROW', 'DAY', 1, 2);
  // "LAST_90_DAYS: starts with the current day and continues for the past 90 days" (today included).
  fixed('LAST_90_DAYS', 'DAY', -90, 1);
  fixed('NEXT_90_DAYS', 'DAY', 1, 91);
  for (const unit of UNITS) {
    const plural = `${unit}S`;
    if (unit !== 'DAY') {
      fixed(`THIS_${unit}`, unit, 0, 1);
      fixed(`LAST_${unit}`, unit, -1, 0);
      fixed(`NEXT_${unit}`, unit, 1, 2);
    }
    // LAST_N_DAYS:n includes today ("LAST_N_DAYS:1 includes yesterday and today"); the longer
    // periods stop at the end of the previous one ("through the end of the last day of the previous week").
    withN(`LAST_N_${plural}`, unit, unit === 'DAY' ? (n) => [-n, 1] : (n) => [-n, 0]);
    // NEXT_N_*: from tomorrow / the next period, for n periods.
    withN(`NEXT_N_${plural}`, unit, (n) => [1, n + 1]);
    withN(`N_${plural}_AGO`, unit, (n) => [-n, -n + 1]);
  }
  return shapes;
}

const SHAPES = buildShapes();

/** Whether `name` (upper-case, without `:n`) is a SOQL date literal; `takesN` tells which kind. */
export function dateLiteralShape(name: string): { readonly takesN: boolean } | undefined {
  return SHAPES.get(name);
}

/** The first local day of period `k` from the one holding `today`. */
function periodStart(unit: Unit, k: number, today: number, cal: Calendar): number {
  switch (unit) {
    case 'DAY':
      return today + k;
    case 'WEEK':
      return today - ((weekday(today) - cal.weekStart + 7) % 7) + 7 * k;
    default: {
      const { year, month } = civil(today);
      if (unit === 'MONTH') return dayNumber(year, month + k, 1);
      if (unit === 'QUARTER') return dayNumber(year, month - ((month - 1) % 3) + 3 * k, 1);
      if (unit === 'YEAR') return dayNumber(year + k, 1, 1);
      const start = cal.fiscalYearStartMonth;
      if (unit === 'FISCAL_QUARTER') return dayNumber(year, month - (((month - start + 12) % 12) % 3) + 3 * k, 1);
      return dayNumber(fiscalYearOf(year, month, cal).startYear + k, start, 1);
    }
  }
}

/**
 * The local days [first, afterLast) of literal `name` (upper-case) with number `n` at instant
 * `now`, in the user's calendar. NaN bounds when `n` carries the range past JavaScript's dates.
 */
export function dateLiteralDays(name: string, n: number, now: number, cal: Calendar): [number, number] {
  const shape = SHAPES.get(name);
  if (!shape) return [NaN, NaN];
  const today = localDayOf(now, cal.timeZone);
  const [from, to] = shape.span(n);
  return [periodStart(shape.unit, from, today, cal), periodStart(shape.unit, to, today, cal)];
}
