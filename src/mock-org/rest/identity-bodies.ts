import { MOCK_ORG_ID } from '../schema/users';
import { isKnownTimeZone, zoneOffset } from '../soql/calendar';

/*
 * The identity service's two answers about a user, built from the user's User record: the
 * identity URL's (`/id/<org>/<user>`, what jsforce's identity() reads) and the OpenID Connect
 * userinfo endpoint's. Field names and shapes follow Salesforce's "Identity URLs" and "UserInfo
 * endpoint" documentation.
 */

type Values = Readonly<Record<string, string | number | boolean | null>>;

/** The identity URL of a user of the mock org; the token reply's `id` and SOAP login name it too. */
export function identityUrl(instanceUrl: string, userId: string): string {
  return `${instanceUrl}/id/${MOCK_ORG_ID}/${userId}`;
}

/** The API endpoints a client may call; `{version}` stays literal unless the request named one, as Salesforce writes them. */
export function identityUrls(instanceUrl: string, userId: string, version = '{version}'): Record<string, string> {
  const data = `${instanceUrl}/services/data/v${version}`;
  return {
    enterprise: `${instanceUrl}/services/Soap/c/${version}/${MOCK_ORG_ID}`,
    metadata: `${instanceUrl}/services/Soap/m/${version}/${MOCK_ORG_ID}`,
    partner: `${instanceUrl}/services/Soap/u/${version}/${MOCK_ORG_ID}`,
    rest: `${data}/`,
    sobjects: `${data}/sobjects/`,
    search: `${data}/search/`,
    query: `${data}/query/`,
    recent: `${data}/recent/`,
    tooling_soap: `${instanceUrl}/services/Soap/T/${version}/${MOCK_ORG_ID}`,
    tooling_rest: `${data}/tooling/`,
    profile: `${instanceUrl}/${userId}`,
    feeds: `${data}/chatter/feeds`,
    groups: `${data}/chatter/groups`,
    users: `${data}/chatter/users`,
    feed_items: `${data}/chatter/feed-items`,
    feed_elements: `${data}/chatter/feed-elements`,
    custom_domain: instanceUrl,
  };
}

const text = (value: unknown): string | null => (typeof value === 'string' ? value : null);

/** `Standard` → `STANDARD`, `PowerPartner` → `POWER_PARTNER`: the identity service's spelling of User.UserType. */
function userTypeOf(values: Values): string {
  return (text(values.UserType) ?? 'Standard').replace(/(?<=[a-z])(?=[A-Z])/g, '_').toUpperCase();
}

/** The zone's offset from UTC in ms now (`utcOffset`); 0 for a zone the runtime does not know. */
function utcOffsetOf(zone: string | null, now: number): number {
  return zone !== null && isKnownTimeZone(zone) ? zoneOffset(now, zone) : 0;
}

interface Person {
  userId: string;
  instanceUrl: string;
  values: Values;
  now: number;
}

function photosOf(instanceUrl: string): { picture: string; thumbnail: string } {
  return { picture: `${instanceUrl}/profilephoto/005/F`, thumbnail: `${instanceUrl}/profilephoto/005/T` };
}

/** What both answers share, under the identity URL's names. */
function common({ userId, instanceUrl, values, now }: Person, version: string | undefined) {
  return {
    user_id: userId,
    organization_id: MOCK_ORG_ID,
    email: text(values.Email),
    email_verified: true,
    photos: photosOf(instanceUrl),
    urls: identityUrls(instanceUrl, userId, version),
    active: values.IsActive === true,
    user_type: userTypeOf(values),
    language: text(values.LanguageLocaleKey),
    locale: text(values.LocaleSidKey),
    utcOffset: utcOffsetOf(text(values.TimeZoneSidKey), now),
  };
}

/** `GET /id/<org>/<user>`; `asserted` when the user is the token's own. */
export function identityBody(person: Person, asserted: boolean, version?: string): Record<string, unknown> {
  const { values } = person;
  const shared = common(person, version);
  return {
    id: identityUrl(person.instanceUrl, person.userId),
    asserted_user: asserted,
    user_id: shared.user_id,
    organization_id: shared.organization_id,
    username: text(values.Username),
    nick_name: text(values.CommunityNickname),
    display_name: text(values.Name),
    email: shared.email,
    email_verified: shared.email_verified,
    first_name: text(values.FirstName),
    last_name: text(values.LastName),
    timezone: text(values.TimeZoneSidKey),
    photos: shared.photos,
    addr_street: null,
    addr_city: null,
    addr_state: null,
    addr_country: null,
    addr_zip: null,
    mobile_phone: null,
    mobile_phone_verified: false,
    is_lightning_login_user: false,
    status: { created_date: null, body: null },
    urls: shared.urls,
    active: shared.active,
    user_type: shared.user_type,
    language: shared.language,
    locale: shared.locale,
    utcOffset: shared.utcOffset,
    last_modified_date: text(values.LastModifiedDate),
    is_app_installed: true,
  };
}

/** `2026-11-05T10:00:00.000+0000` → `2026-11-05T10:00:00Z`, OpenID's `updated_at` form. */
const openIdTime = (stored: string | null): string | null =>
  stored === null ? null : new Date(Date.parse(stored.replace(/\+0000$/, 'Z'))).toISOString().replace(/\.\d{3}Z$/, 'Z');

/** `GET /services/oauth2/userinfo`: the token's own user, under OpenID Connect's claim names. */
export function userInfoBody(person: Person, version?: string): Record<string, unknown> {
  const { values } = person;
  const shared = common(person, version);
  return {
    sub: identityUrl(person.instanceUrl, person.userId),
    user_id: shared.user_id,
    organization_id: shared.organization_id,
    preferred_username: text(values.Username),
    nickname: text(values.CommunityNickname),
    name: text(values.Name),
    email: shared.email,
    email_verified: shared.email_verified,
    given_name: text(values.FirstName),
    family_name: text(values.LastName),
    zoneinfo: text(values.TimeZoneSidKey),
    photos: shared.photos,
    profile: shared.urls.profile,
    picture: shared.photos.picture,
    address: {},
    is_salesforce_integration_user: false,
    urls: shared.urls,
    active: shared.active,
    user_type: shared.user_type,
    language: shared.language,
    locale: shared.locale,
    utcOffset: shared.utcOffset,
    updated_at: openIdTime(text(values.LastModifiedDate)),
    is_app_installed: true,
  };
}
