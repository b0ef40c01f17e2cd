/**
 * A copy of a JSON object without some of its keys. Keys are copied as own data properties, so a
 * parsed `"__proto__"` key stays a key (a name the org refuses as a field) and never becomes the
 * copy's prototype, as plain assignment or spreading into a literal with it would.
 */
export function omitKeys(record: Readonly<Record<string, unknown>>, drop: readonly string[]): Record<string, unknown> {
  const copy: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(record)) {
    if (!drop.includes(key)) Object.defineProperty(copy, key, { value, enumerable: true, writable: true, configurable: true });
  }
  return copy;
}
