/*
 * Currency in the mock org. (ipemu) The mock org is a single-currency org whose corporate currency
 * is USD: currency values are USD amounts, convertCurrency() (which Salesforce documents for
 * multi-currency orgs only) is refused, and a currency literal (`USD5000`) is its number when its
 * ISO code is the org's.
 */
export const ORG_CURRENCY = 'USD';
