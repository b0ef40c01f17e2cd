/**
 * Reads a field or parent path (`Parent.Field`, as segments) from a REST-shaped record. Names
 * match case-insensitively when the exact spelling is absent: SOQL and config may spell a name
 * differently from the record the API returned.
 */
export function readRecordPath(record: unknown, path: readonly string[]): unknown {
  let current: unknown = record;
  for (const segment of path) {
    if (typeof current !== 'object' || current === null) return undefined;
    const obj = current as Record<string, unknown>;
    if (segment in obj) current = obj[segment];
    else {
      const lower = segment.toLowerCase();
      const key = Object.keys(obj).find((k) => k.toLowerCase() === lower);
      current = key === undefined ? undefined : obj[key];
    }
  }
  return current;
}
