import type { FastifyReply, FastifyRequest } from 'fastify';
import type { Emulator } from '../core/emulator';
import { buildOpenApi, OpenApiOptions } from './openapi';

/**
 * `GET /openapi.json`. `servers` names the URL the client reached the server by (scheme from the
 * socket, host and port from `Host`), so an imported document (Postman, openapi-typescript) calls
 * the server it came from; a server that is not listening (inject) has only the relative `/`. The
 * registry cannot change once the emulator exists, so the text is built once per server URL.
 */
export function openApiRoute(emulator: Emulator, options: Omit<OpenApiOptions, 'serverUrl'>) {
  let last: { url: string | undefined; text: string } | undefined;
  return async (request: FastifyRequest, reply: FastifyReply): Promise<FastifyReply> => {
    const host = request.server.server.listening ? request.host : '';
    const url = host ? `${request.protocol}://${host}` : undefined;
    if (last === undefined || last.url !== url) {
      last = { url, text: JSON.stringify(buildOpenApi(emulator, { ...options, ...(url === undefined ? {} : { serverUrl: url }) })) };
    }
    return reply.type('application/json; charset=utf-8').send(last.text);
  };
}
