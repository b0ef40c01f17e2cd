import { IpemuError } from '../../core/errors';
import type { PackageParams } from '../../core/org';

/*
 * The services layer checked the parameters (params.md's contract); these readers only narrow
 * them, and a missing required one is still the caller's INVALID_INPUT naming the key, should a
 * caller reach the package some other way.
 */

export function requiredString(params: PackageParams, key: string): string {
  const value = params[key];
  if (typeof value !== 'string' || value === '') throw new IpemuError('INVALID_INPUT', `${key} is required.`);
  return value;
}

export function optionalString(params: PackageParams, key: string): string | undefined {
  const value = params[key];
  return typeof value === 'string' && value !== '' ? value : undefined;
}

export function booleanOr(params: PackageParams, key: string, fallback: boolean): boolean {
  const value = params[key];
  return typeof value === 'boolean' ? value : fallback;
}

export function positiveIntegerOr(params: PackageParams, key: string, fallback: number): number {
  const value = params[key];
  return typeof value === 'number' && Number.isInteger(value) && value >= 1 ? value : fallback;
}

export function requiredStrings(params: PackageParams, key: string): string[] {
  const value = params[key];
  if (!Array.isArray(value) || value.length === 0 || !value.every((item) => typeof item === 'string')) {
    throw new IpemuError('INVALID_INPUT', `${key} must be a non-empty list of Ids.`);
  }
  return value;
}
