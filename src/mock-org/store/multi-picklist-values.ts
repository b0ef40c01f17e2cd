/*
 * A multi-select picklist's value as Salesforce keeps it: the selected values joined by `;`.
 * Fixture loading, REST writes and SOQL's INCLUDES/EXCLUDES all read it through here.
 */

/** The selected values of a stored (or written) multi-select value; blanks around a value are not part of it. */
export function splitMultiPicklist(text: string): string[] {
  const out: string[] = [];
  for (const part of text.split(';')) {
    const value = part.trim();
    if (value !== '') out.push(value);
  }
  return out;
}

/**
 * The stored form of a written value, or undefined when a value is off the declared list.
 * (ipemu) Each value once, in the field's declared order (undeclared fields: the order written);
 * no value selected is null, as Salesforce has no empty multi-select.
 */
export function canonicalMultiPicklist(
  text: string,
  declared: ReadonlyMap<string, string> | undefined,
  rank: ReadonlyMap<string, number> | undefined,
): string | null | undefined {
  const seen = new Set<string>();
  const values: string[] = [];
  for (const written of splitMultiPicklist(text)) {
    const value = declared ? declared.get(written) : written;
    if (value === undefined) return undefined;
    if (!seen.has(value)) {
      seen.add(value);
      values.push(value);
    }
  }
  if (values.length === 0) return null;
  if (rank) values.sort((a, b) => rank.get(a)! - rank.get(b)!);
  return values.join(';');
}

/** The first value off the declared list, for the error that names it. */
export function firstUndeclared(text: string, declared: readonly string[]): string | undefined {
  return splitMultiPicklist(text).find((value) => !declared.includes(value));
}
