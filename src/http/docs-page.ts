import type { FastifyPluginAsync } from 'fastify';
import type { StaticDocumentSpec } from '@fastify/swagger';
import type { Emulator } from '../core/emulator';
import { buildOpenApi } from './openapi';
import { swaggerUiOptions } from './docs-options';

export interface DocsPageOptions {
  emulator: Emulator;
  /** The server has a token: the document declares the bearer scheme, so the page shows Authorize. */
  bearerAuth: boolean;
}

/**
 * The interactive API page (Swagger UI) at `GET /docs`, its assets under `/docs/static/` and its
 * document at `/docs/json`: the one `GET /openapi.json` serves, with its default relative server
 * (`/`), so "Try it out" calls whatever origin the page was opened from. The plugins are required
 * when the server boots, never before: `ipemu invoke` and `docs: false` never load them.
 */
export function docsPage(options: DocsPageOptions): FastifyPluginAsync {
  return async (scope) => {
    const [{ default: swagger }, { default: swaggerUi }] = await Promise.all([import('@fastify/swagger'), import('@fastify/swagger-ui')]);
    const document = buildOpenApi(options.emulator, { bearerAuth: options.bearerAuth });
    // Static mode: the page shows ipemu's own document, not one derived from the fastify routes.
    await scope.register(swagger, { mode: 'static', specification: { document: document as unknown as StaticDocumentSpec['document'] } });
    await scope.register(swaggerUi, swaggerUiOptions());
  };
}
