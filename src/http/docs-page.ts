import type { FastifyPluginAsync } from 'fastify';
import type { StaticDocumentSpec } from '@fastify/swagger';
import { swaggerUiOptions } from './docs-options';

export interface DocsPageOptions {
  /** The OpenAPI document the page shows: the one `GET /openapi.json` serves. */
  document: () => Record<string, unknown>;
}

/**
 * The interactive API page (Swagger UI) at `GET /docs`, its assets under `/docs/static/` and its
 * document at `/docs/json`. The plugins are required when the server boots, never before, so
 * that `ipemu invoke` and a server started with `docs: false` never load them.
 */
export function docsPage(options: DocsPageOptions): FastifyPluginAsync {
  return async (scope) => {
    const [{ default: swagger }, { default: swaggerUi }] = await Promise.all([import('@fastify/swagger'), import('@fastify/swagger-ui')]);
    // Static mode: the page shows ipemu's own document, not one derived from the fastify routes.
    await scope.register(swagger, { mode: 'static', specification: { document: options.document() as unknown as StaticDocumentSpec['document'] } });
    await scope.register(swaggerUi, swaggerUiOptions());
  };
}
