/**
 * Date functions. Dates are text as OmniStudio gives them: 'YYYY-MM-DD' for a date, ISO 8601 for a
 * datetime ('2024-05-01T10:00:00.000Z'); a function keeps the kind it was given. Formats are
 * Day.js format tokens. [doc]
 */
import dayjs from 'dayjs';
import timezone from 'dayjs/plugin/timezone';
import utc from 'dayjs/plugin/utc';
import { FormulaEvaluationError } from '../errors';
import type { FormulaScope, VlocityContext } from '../scope';
import { describe, requireNumber } from '../values';
import type { FunctionTable } from './types';

dayjs.extend(utc);
dayjs.extend(timezone);

const DATE_ONLY = /^\d{4}-\d{2}-\d{2}$/;
const ISO = /^\d{4}-\d{2}-\d{2}(?:[T ]\d{2}:\d{2}(?::\d{2}(?:\.\d{1,9})?)?(?:Z|[+-]\d{2}:?\d{2})?)?$/;

function zoneOf(vlocity: VlocityContext): string {
  return vlocity.timeZone ?? 'UTC';
}

/** $Vlocity.NOW and NOW(): the instant in ISO 8601 UTC, as Apex serialises a Datetime. */
export function nowText(vlocity: VlocityContext): string {
  return vlocity.now().toISOString();
}

/** $Vlocity.TODAY and TODAY(): the date of now in the context's time zone. */
export function todayText(vlocity: VlocityContext): string {
  return dayjs(vlocity.now()).tz(zoneOf(vlocity)).format('YYYY-MM-DD');
}

interface ParsedDate {
  readonly value: dayjs.Dayjs;
  readonly dateOnly: boolean;
}

/** 'MM/DD/YYYY', the other form the docs name: a date whose time is reset to midnight. [doc] */
const US_DATE = /^(\d{1,2})\/(\d{1,2})\/(\d{4})$/;

function isoOf(text: string): string {
  const us = US_DATE.exec(text);
  if (us === null) return text;
  const [, month = '', day = '', year = ''] = us;
  return `${year}-${month.padStart(2, '0')}-${day.padStart(2, '0')}`;
}

function parseDate(value: unknown, fn: string): ParsedDate {
  if (typeof value === 'string') {
    const text = isoOf(value.trim());
    if (ISO.test(text)) {
      const parsed = dayjs.utc(text);
      // Day.js rolls '2024-02-30' over to March; a date that does not exist is refused instead.
      const exists = dayjs.utc(text.slice(0, 10)).format('YYYY-MM-DD') === text.slice(0, 10);
      if (parsed.isValid() && exists) return { value: parsed, dateOnly: DATE_ONLY.test(text) };
    }
  }
  throw new FormulaEvaluationError(`${fn} expects a date ('YYYY-MM-DD', 'MM/DD/YYYY' or ISO 8601), got ${describe(value)}`, { functionName: fn });
}

function shown(date: ParsedDate): string {
  return date.dateOnly ? date.value.format('YYYY-MM-DD') : date.value.toISOString();
}

function adder(fn: string, unit: 'day' | 'month' | 'year'): FunctionTable[string] {
  return {
    minArgs: 2,
    maxArgs: 2,
    call: ([value, amount]) => {
      if (value === undefined || value === null || value === '') return null;
      const date = parseDate(value, fn);
      const n = requireNumber(amount, fn);
      if (!Number.isSafeInteger(n)) throw new FormulaEvaluationError(`${fn} expects a whole number of ${unit}s, got ${describe(amount)}`, { functionName: fn });
      return shown({ value: date.value.add(n, unit), dateOnly: date.dateOnly });
    },
  };
}

/** DATEDIFF(start, end): whole days from start to end, negative when end is earlier. [inferred: argument order] */
function dateDiff([start, end]: readonly unknown[]): number | null {
  if (start === undefined || start === null || end === undefined || end === null) return null;
  const from = parseDate(start, 'DATEDIFF').value.startOf('day');
  const to = parseDate(end, 'DATEDIFF').value.startOf('day');
  return to.diff(from, 'day');
}

/** FORMATDATETIME(date, format): the date in Day.js tokens; a datetime shows in the context's time zone. */
function formatDateTime([value, format]: readonly unknown[], scope: FormulaScope): string | null {
  if (value === undefined || value === null || value === '') return null;
  if (typeof format !== 'string')
    throw new FormulaEvaluationError(`FORMATDATETIME expects a format text, got ${describe(format)}`, { functionName: 'FORMATDATETIME' });
  const date = parseDate(value, 'FORMATDATETIME');
  return (date.dateOnly ? date.value : date.value.tz(zoneOf(scope.vlocity))).format(format);
}

export const DATE_FUNCTIONS: FunctionTable = {
  NOW: { minArgs: 0, maxArgs: 0, call: (_args, scope) => nowText(scope.vlocity) },
  TODAY: { minArgs: 0, maxArgs: 0, call: (_args, scope) => todayText(scope.vlocity) },
  ADDDAY: adder('ADDDAY', 'day'),
  ADDMONTH: adder('ADDMONTH', 'month'),
  ADDYEAR: adder('ADDYEAR', 'year'),
  DATEDIFF: { minArgs: 2, maxArgs: 2, call: dateDiff },
  FORMATDATETIME: { minArgs: 2, maxArgs: 2, call: formatDateTime },
};
