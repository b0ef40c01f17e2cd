import type { OrgError } from '../../core/org';
import type { ObjectSchema } from '../schema/schema';
import type { OrgUser } from '../schema/users';
import { pathAccessError, ResolvedPath } from './paths';

/**
 * A field-level-security rule of a query beyond its own object and field paths: a subquery's
 * object and fields. Run once per plan and user (compile.ts caches the answer).
 */
export type AccessCheck = (user: OrgUser) => OrgError | undefined;

/** The subquery's object (`denied` when the user cannot see it), then its paths in query order. */
export function subqueryAccess(object: ObjectSchema, denied: () => OrgError, paths: readonly ResolvedPath[]): AccessCheck {
  return (user) => {
    if (!user.canSeeObject(object.name)) return denied();
    for (const path of paths) {
      const error = pathAccessError(path, user);
      if (error) return error;
    }
    return undefined;
  };
}
