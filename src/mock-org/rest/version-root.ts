import type { FastifyInstance, FastifyRequest } from 'fastify';

/**
 * `GET /services/data/vXX.X`: the resources of that version by name, each with its path in that
 * version, as Salesforce lists them (authenticated, like every resource under a version; the
 * `sf` CLI calls it to tell whether an org is connected). (ipemu) Only the resources this fake
 * REST API serves are listed.
 */
const RESOURCES = ['composite', 'limits', 'query', 'queryAll', 'sobjects'] as const;

export function versionResources(version: string): Record<string, string> {
  return Object.fromEntries(RESOURCES.map((name) => [name, `/services/data/${version}/${name}`]));
}

/** `identityOf`: the caller's identity URL (absolute, as Salesforce lists it), which jsforce's identity() reads here. */
export async function registerVersionRoot(api: FastifyInstance, identityOf: (request: FastifyRequest) => string): Promise<void> {
  api.get('/', async (request: FastifyRequest) => ({ ...versionResources((request.params as { version: string }).version), identity: identityOf(request) }));
}
