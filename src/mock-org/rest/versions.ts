/** The API versions the fake REST API answers to, as `GET /services/data` lists them. */
import { majorOf, NEWEST_API_MAJOR, OLDEST_API_MAJOR, releaseLabel } from '../../salesforce/api-versions';

export const OLDEST_VERSION = OLDEST_API_MAJOR;
/** ipemu's default version is the newest it serves. */
export const NEWEST_VERSION = NEWEST_API_MAJOR;

export interface ApiVersion {
  label: string;
  url: string;
  version: string;
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
  const major = segment.startsWith('v') ? majorOf(segment.slice(1)) : undefined;
  return major !== undefined && major >= OLDEST_VERSION && major <= NEWEST_VERSION;
}
