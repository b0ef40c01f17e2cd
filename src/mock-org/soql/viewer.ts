import type { Store } from '../store/store';
import { valuesAt } from '../store/store';
import type { OrgUser } from '../schema/users';

/** What of the running user shapes an answer: FORMAT() writes in their locale and time zone. */
export interface Viewer {
  /** Salesforce's LocaleSidKey (`en_US`, `de_DE`). */
  readonly locale: string;
  /** TimeZoneSidKey: an IANA zone name, or `GMT`. */
  readonly timeZone: string;
}

/** (ipemu) A user without a User record reads as en_US in GMT, the built-in user's defaults. */
export const DEFAULT_VIEWER: Viewer = Object.freeze({ locale: 'en_US', timeZone: 'GMT' });

/** The user's locale and time zone from their User record (as of `elapsed`). */
export function viewerOf(store: Store, user: OrgUser, elapsed: number): Viewer {
  const row = store.find(user.id);
  if (!row) return DEFAULT_VIEWER;
  const values = valuesAt(row, elapsed);
  const locale = typeof values.LocaleSidKey === 'string' ? values.LocaleSidKey : DEFAULT_VIEWER.locale;
  const timeZone = typeof values.TimeZoneSidKey === 'string' ? values.TimeZoneSidKey : DEFAULT_VIEWER.timeZone;
  return { locale, timeZone };
}

/** One key per locale and zone, for caching what is compiled per viewer. */
export const viewerKey = (viewer: Viewer): string => `${viewer.locale}|${viewer.timeZone}`;
