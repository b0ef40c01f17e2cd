import { isPlainObject } from '../../core/plain-object';
import { putOwn } from './mapping-paths';

/**
 * A record as the extracted JSON holds it: the REST API's `attributes` dropped at every level, and
 * null fields left out, as Apex leaves them out when it serialises an SObject (an extract of an
 * empty field writes nothing, and a default value applies).
 */
export function extractedRecord(record: Record<string, unknown>): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(record)) {
    if (key === 'attributes' || value === null || value === undefined) continue;
    putOwn(out, key, isPlainObject(value) ? extractedRecord(value) : value);
  }
  return out;
}
