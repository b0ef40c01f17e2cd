import type { Query } from '@jetstreamapp/soql-parser-js';
import { OrgError } from '../../core/org';
import type { OrgUser } from '../schema/users';
import { malformed } from './errors';
import { pathAccessError, ResolvedPath } from './paths';
import { tokenize } from './soql-tokens';
import { positioned, unexpectedTokenAt } from './syntax-errors';

/**
 * WITH SECURITY_ENFORCED, WITH USER_MODE and WITH SYSTEM_MODE. Salesforce takes them only in
 * Apex; the mock org's in-process queries stand for Apex (they take binds), its REST API for the
 * API. In Apex, as in the mock:
 * - USER_MODE: the running user's object and field permissions on every clause: what the mock
 *   does for any query (a hidden field is "No such column").
 * - SYSTEM_MODE: none of them; the query reads what the platform reads.
 * - SECURITY_ENFORCED: the user's permissions on the SELECT list and FROM only (WHERE and ORDER BY
 *   are not checked); a miss is "Insufficient permissions: secure query included inaccessible field".
 */
export type AccessMode = 'SECURITY_ENFORCED' | 'USER_MODE' | 'SYSTEM_MODE';

const MODE_WORDS = new Set(['SECURITY_ENFORCED', 'USER_MODE', 'SYSTEM_MODE']);

export function accessModeOf(query: Query): AccessMode | undefined {
  if (query.withSecurityEnforced) return 'SECURITY_ENFORCED';
  const level = query.withAccessLevel?.toUpperCase();
  return level === 'USER_MODE' || level === 'SYSTEM_MODE' ? level : undefined;
}

/**
 * A query may name one access mode: the parser takes two WITH clauses, Salesforce's grammar one.
 * (ipemu) The second WITH is the unexpected token.
 */
export function rejectTwoAccessModes(soql: string, query: Query): void {
  if (!(query.withSecurityEnforced && query.withAccessLevel)) return;
  const tokens = tokenize(soql);
  const withs = tokens.filter((t, i) => t.text.toUpperCase() === 'WITH' && MODE_WORDS.has(tokens[i + 1]?.text.toUpperCase() ?? ''));
  throw unexpectedTokenAt(soql, withs[1], tokens);
}

/** Salesforce's answer (Summer '24 release notes) to an access mode outside Apex, at the WITH that names it. */
export function accessModeOutsideApex(soql: string): OrgError {
  const tokens = tokenize(soql);
  const at = tokens.find((t, i) => t.text.toUpperCase() === 'WITH' && MODE_WORDS.has(tokens[i + 1]?.text.toUpperCase() ?? ''));
  const text = 'rule soqlWithIdentifierClause failed predicate: {this.helper.allowApexSyntax() && this.helper.hasApexContext()}?';
  return malformed(at ? positioned(soql, at, text, tokens) : text);
}

/** (ipemu) The code: Apex raises a System.QueryException, which carries none; the REST API's for a permission refusal. */
export function insufficientPermissions(): OrgError {
  return new OrgError('INSUFFICIENT_ACCESS', 'Insufficient permissions: secure query included inaccessible field');
}

/** WITH SECURITY_ENFORCED: the FROM object and the SELECT list's paths only. */
export function securityEnforcedError(root: string, selectPaths: readonly ResolvedPath[], user: OrgUser): OrgError | null {
  if (!user.canSeeObject(root)) return insufficientPermissions();
  return selectPaths.some((path) => pathAccessError(path, user) !== undefined) ? insufficientPermissions() : null;
}
