import { isPlainObject } from '../../core/plain-object';

/**
 * `?fields=A,B` of the sObject rows resource: the field names asked for, or undefined for every
 * field. Repeated parameters add up; blank names between commas are dropped.
 */
export function fieldsParam(query: unknown): string[] | undefined {
  const raw = isPlainObject(query) ? query.fields : undefined;
  const parts = (Array.isArray(raw) ? raw : [raw]).filter((value): value is string => typeof value === 'string');
  const names = parts
    .flatMap((part) => part.split(','))
    .map((name) => name.trim())
    .filter((name) => name !== '');
  return names.length > 0 ? names : undefined;
}
