import type { FieldSchema } from '../schema/schema';
import { malformed, unsupported } from './errors';

/*
 * Currency in the mock org. (ipemu) The mock org is a single-currency org whose corporate currency
 * is USD: currency values are USD amounts, convertCurrency() (which Salesforce documents for
 * multi-currency orgs only) is refused, and a currency literal (`USD5000`) is its number when its
 * ISO code is the org's.
 */
export const ORG_CURRENCY = 'USD';

const CURRENCY_LITERAL = /^([A-Za-z]{3})(-?\d+(?:\.\d+)?)$/;

export const isCurrencyLiteralType = (literalType: string): boolean =>
  literalType === 'INTEGER_WITH_CURRENCY_PREFIX' || literalType === 'DECIMAL_WITH_CURRENCY_PREFIX';

/**
 * A currency literal's amount (`USD5000`, `usd-12.50`). (ipemu) Only on a currency field (on a
 * text field it is the type mismatch any number is; on another number field it is refused), and
 * only in the org's currency: an amount in another needs a multi-currency org's exchange rates.
 */
export function currencyLiteralValue(field: FieldSchema, raw: string): number {
  const match = CURRENCY_LITERAL.exec(raw);
  if (!match) throw malformed(`Invalid currency literal: ${raw}`);
  if (field.type !== 'currency') throw unsupported(`currency literals on a ${field.type} field`);
  const code = match[1]!.toUpperCase();
  if (code !== ORG_CURRENCY) throw unsupported(`currency literals in ${code} (the mock org's one currency is ${ORG_CURRENCY})`);
  return Number(match[2]);
}

/** (ipemu, wording inferred) Salesforce: an IN list may not mix amounts with an ISO code and plain numbers. */
export function rejectMixedCurrencyList(types: readonly string[]): void {
  const prefixed = types.filter(isCurrencyLiteralType).length;
  if (prefixed > 0 && prefixed < types.length) throw malformed('An IN list cannot mix currency literals with an ISO code (USD5000) and plain numbers');
}
