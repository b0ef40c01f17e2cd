/**
 * `outputFieldFormat` (the managed package's DomainObjectFieldType__c): (ipemu) the scalar types
 * convert a scalar value, as an Apex map typed by the designer would hold it; a value that does
 * not convert, an object or list, and every other format (Object, List<Map>, Date…) pass unchanged.
 */
type Convert = (value: unknown) => unknown;

function numeric(value: unknown): number | undefined {
  if (typeof value === 'number') return Number.isFinite(value) ? value : undefined;
  if (typeof value !== 'string' || value.trim() === '') return undefined;
  const n = Number(value);
  return Number.isFinite(n) ? n : undefined;
}

const isScalar = (value: unknown) => typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean';

const toText: Convert = (value) => (isScalar(value) ? String(value) : value);
const toNumber: Convert = (value) => numeric(value) ?? value;
const toWhole: Convert = (value) => {
  const n = numeric(value);
  return n === undefined ? value : Math.trunc(n);
};
const toBoolean: Convert = (value) => {
  if (typeof value === 'boolean') return value;
  if (typeof value === 'string' && /^(true|false)$/i.test(value.trim())) return value.trim().toLowerCase() === 'true';
  return value;
};

const FORMATS: ReadonlyMap<string, Convert> = new Map([
  ['string', toText],
  ['text', toText],
  ['integer', toWhole],
  ['long', toWhole],
  ['double', toNumber],
  ['decimal', toNumber],
  ['number', toNumber],
  ['currency', toNumber],
  ['percent', toNumber],
  ['boolean', toBoolean],
]);

export function formatConverter(format: string | undefined): Convert | undefined {
  return format ? FORMATS.get(format.trim().toLowerCase()) : undefined;
}
