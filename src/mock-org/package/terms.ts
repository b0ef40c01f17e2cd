import { IpemuError } from '../../core/errors';
import { canonicalDateTime, formatDateTime, parseDate, parseDateTime } from '../store/values';

/** (ipemu) Policy terms in months; Salesforce documents only the default, Annual. */
const TERM_MONTHS: Readonly<Record<string, number>> = {
  annual: 12,
  'semi-annual': 6,
  semiannual: 6,
  quarterly: 3,
  monthly: 1,
};

/** Months of a term (case-insensitive); an unknown one is the caller's INVALID_INPUT naming `term`. */
export function termMonths(term: string): number {
  const months = TERM_MONTHS[term.trim().toLowerCase()];
  if (months === undefined) throw new IpemuError('INVALID_INPUT', `term "${term}" is not one of Annual, Semi-Annual, Quarterly, Monthly.`);
  return months;
}

/**
 * The stored form of a date parameter: InsurancePolicy's EffectiveDate and ExpirationDate are
 * datetimes, so a `YYYY-MM-DD` date is its UTC midnight. Parameters arrive checked.
 */
export function policyDateTime(value: string): string {
  const day = parseDate(value);
  if (day !== undefined) return formatDateTime(day);
  const instant = canonicalDateTime(value);
  if (instant === undefined) throw new IpemuError('INVALID_INPUT', `${JSON.stringify(value)} is not a date (YYYY-MM-DD).`);
  return instant;
}

/** A stored datetime `months` calendar months later; a day past the month's end becomes its last day (Jan 31 + 1 month = Feb 28). */
export function addMonths(stored: string, months: number): string {
  const at = new Date(parseDateTime(stored)!);
  const day = at.getUTCDate();
  at.setUTCDate(1);
  at.setUTCMonth(at.getUTCMonth() + months);
  const last = new Date(Date.UTC(at.getUTCFullYear(), at.getUTCMonth() + 1, 0)).getUTCDate();
  at.setUTCDate(Math.min(day, last));
  return formatDateTime(at.getTime());
}

/** Whole calendar months from one stored datetime to another, when the second is exactly that many months on; else undefined. */
export function monthsBetween(from: string, to: string): number | undefined {
  const a = new Date(parseDateTime(from)!);
  const b = new Date(parseDateTime(to)!);
  const months = (b.getUTCFullYear() - a.getUTCFullYear()) * 12 + (b.getUTCMonth() - a.getUTCMonth());
  return months > 0 && addMonths(from, months) === to ? months : undefined;
}
