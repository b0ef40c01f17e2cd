import { API_VERSION, DEFAULT_API_VERSION } from '../core/salesforce-api';
import { IpemuError } from '../core/errors';

export { API_VERSION, DEFAULT_API_VERSION };

/** The major number of a version (`64.0` → 64), or undefined when it is not of that form. */
export function majorOf(version: string): number | undefined {
  const m = API_VERSION.exec(version);
  return m ? Number(m[1]) : undefined;
}

/** The version as given, or IpemuError INVALID_INPUT when it is not of the form 64.0. */
export function checkApiVersion(version: string): string {
  if (majorOf(version) === undefined) throw new IpemuError('INVALID_INPUT', `API version "${version}" is not of the form ${DEFAULT_API_VERSION}.`);
  return version;
}

/** The newest version ipemu knows (its default): the fake REST API serves up to it. */
export const NEWEST_API_MAJOR: number = majorOf(DEFAULT_API_VERSION)!;

/** The oldest version the REST API still lists. */
export const OLDEST_API_MAJOR = 20;

/** Salesforce ships three releases a year; 62.0 was Winter '25, 63.0 Spring '25, 64.0 Summer '25. */
export function releaseLabel(major: number): string {
  const n = major - 62;
  const season = ['Winter', 'Spring', 'Summer'][((n % 3) + 3) % 3];
  const year = 25 + Math.floor(n / 3);
  return `${season} '${String(year).padStart(2, '0')}`;
}
