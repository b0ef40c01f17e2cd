import type { DescribeResult } from '../core/org';
import type { FixtureUser } from '../mock-org/fixtures/types';
import { catalogObject } from './catalog-objects';
import { isUserReadOnly } from './user-access';

/**
 * The running user's access as a fixture user (`default: true`), from the describes the recording
 * made as that user: a built-in object the user cannot describe ('hidden': NOT_FOUND or
 * INVALID_TYPE) is a hidden object; a catalog field missing from the user's describe is a hidden
 * field; a catalog field the user may only read is a read-only field (user-access.ts). A custom
 * object the user cannot see is simply not recorded, and its fields are the schema's alone.
 */
export function fixtureUserFromDescribes(described: ReadonlyMap<string, DescribeResult | 'hidden'>): FixtureUser {
  const hiddenObjects: string[] = [];
  const hiddenFields: string[] = [];
  const readOnlyFields: string[] = [];
  for (const [name, describe] of described) {
    const object = catalogObject(name);
    if (object === undefined) continue;
    if (describe === 'hidden') {
      hiddenObjects.push(object.name);
      continue;
    }
    const seen = new Map(describe.fields.map((field) => [field.name.toLowerCase(), field]));
    for (const field of object.fields) {
      const own = seen.get(field.name.toLowerCase());
      if (own === undefined) hiddenFields.push(`${object.name}.${field.name}`);
      else if (isUserReadOnly(own, field)) readOnlyFields.push(`${object.name}.${field.name}`);
    }
  }
  const user: FixtureUser = { default: true };
  if (hiddenObjects.length > 0) user.hiddenObjects = unique(hiddenObjects);
  if (hiddenFields.length > 0) user.hiddenFields = unique(hiddenFields);
  if (readOnlyFields.length > 0) user.readOnlyFields = unique(readOnlyFields);
  return user;
}

/** Names in first-seen order, once each (a map may name one object in two cases). */
const unique = (names: readonly string[]): string[] => [...new Set(names)];
