import type { FieldType } from '../fixtures/types';
import { ORG_CURRENCY } from './currency';
import type { Viewer } from './viewer';
import { parseDate, parseDateTime } from '../store/values';

/*
 * FORMAT(): a number, currency, percent, date or datetime as the running user's locale writes it
 * (Intl stands in for Salesforce's locale tables). (ipemu) The mock org is single-currency, so a
 * currency is written in the org's currency: en_US `$44,000.00`; a datetime is in the user's time
 * zone without seconds (`4/10/2025, 3:31 PM`).
 */

export type Formatter = (value: unknown) => string | null;

/** Types FORMAT() writes; any other is refused. */
export const FORMATTABLE: ReadonlySet<FieldType> = new Set(['int', 'double', 'currency', 'percent', 'date', 'datetime']);

/** `en_US` → `en-US`; a locale Intl does not know reads as en-US. */
function bcp47(locale: string): string {
  const tag = locale.replace(/_/g, '-');
  try {
    return Intl.getCanonicalLocales(tag)[0] ?? 'en-US';
  } catch {
    return 'en-US';
  }
}

function zoneOf(timeZone: string): string {
  try {
    new Intl.DateTimeFormat('en-US', { timeZone });
    return timeZone;
  } catch {
    return 'UTC';
  }
}

/** ICU writes a narrow no-break space before AM/PM; Salesforce writes a plain one. */
const plainSpaces = (text: string): string => text.replace(/[\u202f\u00a0]/g, ' ');

function numberFormat(type: FieldType, locale: string): Intl.NumberFormat {
  switch (type) {
    case 'currency':
      return new Intl.NumberFormat(locale, { style: 'currency', currency: ORG_CURRENCY });
    case 'int':
      return new Intl.NumberFormat(locale, { maximumFractionDigits: 0 });
    case 'percent':
      return new Intl.NumberFormat(locale, { style: 'percent', maximumFractionDigits: 3 });
    default:
      return new Intl.NumberFormat(locale, { maximumFractionDigits: 3 });
  }
}

/** The formatter for one field type and viewer, built once per plan and viewer. */
export function formatterFor(type: FieldType, viewer: Viewer): Formatter {
  const locale = bcp47(viewer.locale);
  if (type === 'date') {
    const format = new Intl.DateTimeFormat(locale, { year: 'numeric', month: 'numeric', day: 'numeric', timeZone: 'UTC' });
    return (value) => {
      const ms = typeof value === 'string' ? parseDate(value) : undefined;
      return ms === undefined ? null : plainSpaces(format.format(ms));
    };
  }
  if (type === 'datetime') {
    const format = new Intl.DateTimeFormat(locale, {
      year: 'numeric',
      month: 'numeric',
      day: 'numeric',
      hour: 'numeric',
      minute: '2-digit',
      timeZone: zoneOf(viewer.timeZone),
    });
    return (value) => {
      const ms = typeof value === 'string' ? parseDateTime(value) : undefined;
      return ms === undefined ? null : plainSpaces(format.format(ms));
    };
  }
  const format = numberFormat(type, locale);
  const scale = type === 'percent' ? 0.01 : 1;
  return (value) => (typeof value === 'number' ? plainSpaces(format.format(value * scale)) : null);
}
