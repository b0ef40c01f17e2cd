import type { FastifyInstance } from 'fastify';

/**
 * A path with and without its trailing slash, for routes Salesforce documents one way and clients
 * call both ways. Under a router that ignores trailing slashes (the fake REST API's), the path
 * alone already answers both, and declaring the other too would be a duplicate route.
 */
export function withAndWithoutSlash(scope: FastifyInstance, path: string): string[] {
  return scope.initialConfig.routerOptions?.ignoreTrailingSlash === true ? [path] : [path, `${path}/`];
}
