/**
 * The pieces of an extraction step's SOQL that come from the definition, never from input:
 * object and field names, ORDER BY, LIMIT and OFFSET. Each is checked to be what it claims, so a
 * definition cannot smuggle text into a query either; every value a filter compares with is a bind.
 */

const NAME = /^[A-Za-z][A-Za-z0-9_]*$/;
const FIELD = /^[A-Za-z][A-Za-z0-9_]*(?:\.[A-Za-z][A-Za-z0-9_]*)*$/;
const ORDER_ITEM = /^([A-Za-z][A-Za-z0-9_]*(?:\.[A-Za-z][A-Za-z0-9_]*)*)(?:\s+(ASC|DESC))?(?:\s+NULLS\s+(FIRST|LAST))?$/i;

/** Salesforce's DataRaptor limit for the LIMIT row: 1 to 50,000 records. */
export const MAX_EXTRACT_LIMIT = 50000;

export function isObjectName(text: string): boolean {
  return NAME.test(text);
}

/** A field or a parent-relationship path (`Account.Name`). */
export function isFieldPath(text: string): boolean {
  return FIELD.test(text);
}

/** `Name`, `Name DESC, CreatedDate` → the ORDER BY list as written, or undefined when it is not one. */
export function orderByText(value: string): string | undefined {
  const items = value.split(',').map((part) => part.trim());
  const out: string[] = [];
  for (const item of items) {
    const m = ORDER_ITEM.exec(item.replace(/\s+/g, ' '));
    if (!m) return undefined;
    out.push([m[1], m[2]?.toUpperCase(), m[3] ? `NULLS ${m[3].toUpperCase()}` : undefined].filter(Boolean).join(' '));
  }
  return out.join(', ');
}

/** A whole number within [min, max], or undefined. */
export function wholeNumber(value: string, min: number, max: number): number | undefined {
  const text = value.trim();
  if (!/^\d+$/.test(text)) return undefined;
  const n = Number(text);
  return n >= min && n <= max ? n : undefined;
}
