import type { FastifySwaggerUiOptions } from '@fastify/swagger-ui';
import { DOCS_PREFIX } from './docs-session';

/**
 * The page may reach nothing but this server: no CDN, no font or image host, no validator badge.
 * Swagger UI sets styles on elements and the initializer's logo is a data: URL, hence those two.
 */
export const DOCS_CSP = [
  "default-src 'none'",
  "script-src 'self'",
  "style-src 'self' 'unsafe-inline'",
  "img-src 'self' data:",
  "font-src 'self'",
  "connect-src 'self'",
  "base-uri 'none'",
  "form-action 'self'",
  "frame-ancestors 'none'",
].join('; ');

/** @fastify/swagger-ui's options: assets from the package, nothing fetched from elsewhere. */
export function swaggerUiOptions(): FastifySwaggerUiOptions {
  return {
    routePrefix: DOCS_PREFIX,
    staticCSP: DOCS_CSP,
    // Swagger UI would otherwise send the whole document to validator.swagger.io for its badge.
    validatorUrl: false,
    theme: { title: 'ipemu API' },
    uiConfig: {
      // Without the top bar there is no "Explore" box that loads documents from other sites.
      layout: 'BaseLayout',
      deepLinking: true,
      displayOperationId: true,
      displayRequestDuration: true,
      // The token a user gives Authorize stays in the page's memory, not in localStorage.
      persistAuthorization: false,
      defaultModelsExpandDepth: 0,
    },
  };
}
