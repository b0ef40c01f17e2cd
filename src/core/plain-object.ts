/** A JSON object: not null, not an array. The one check every edge uses to narrow `unknown`. */
export function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
