/** The API versions the fake REST API answers to, as `GET /services/data` lists them. */

export const OLDEST_VERSION = 20;
export const NEWEST_VERSION = 64;

export interface ApiVersion {
  label: string;
  url: string;
  version: string;
}

/** Salesforce ships three releases a year; 62.0 was Winter '25, 63.0 Spring '25, 64.0 Summer '25. */
function releaseLabel(major: number): string {
  const n = major - 62;
  const season = ['Winter', 'Spring', 'Summer'][((n % 3) + 3) % 3];
  const year = 25 + Math.floor(n / 3);
  return `${season} '${String(year).padStart(2, '0')}`;
}

export function apiVersions(): ApiVersion[] {
  const list: ApiVersion[] = [];
  for (let major = OLDEST_VERSION; major <= NEWEST_VERSION; major++) {
    list.push({ label: releaseLabel(major), url: `/services/data/v${major}.0`, version: `${major}.0` });
  }
  return list;
}

/** `v64.0` and the like, within the versions listed. */
export function isKnownVersion(segment: string): boolean {
  const m = /^v(\d{2})\.0$/.exec(segment);
  return m !== null && Number(m[1]) >= OLDEST_VERSION && Number(m[1]) <= NEWEST_VERSION;
}
