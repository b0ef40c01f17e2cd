import type { FastifyRequest } from 'fastify';
import type { MockOrg } from '../mock-org';

/**
 * The org as a request's user sees it in the request's API version (`/services/data/v58.0/…`
 * answers with v58.0 urls). Views are kept per user and version (both few: the fixture's users,
 * the versions the server checked), so a request builds none.
 */
export function orgViews(orgFor: (user: string) => MockOrg): (request: FastifyRequest) => MockOrg {
  const views = new Map<string, MockOrg>();
  return (request) => {
    const user = request.ipemuUser as string;
    const version = (request.params as { version: string }).version;
    const key = `${version} ${user}`;
    let org = views.get(key);
    if (!org) {
      org = orgFor(user).atApiVersion(version.slice(1)).overRestApi();
      views.set(key, org);
    }
    return org;
  };
}
