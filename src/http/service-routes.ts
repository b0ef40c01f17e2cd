/**
 * The routes through which an ipemu mock org acts as an org with the Insurance managed package
 * installed (DESIGN.md §6), mounted by `ipemu mock-org serve` under `/services/apexrest` (its
 * tokens, version check and API limits apply): `POST …/ipemu/v1/services/<Class:Method>` runs any
 * registered service as the token's user, and `GET …/ipemu/v1/capabilities` tells a client that
 * the org is an ipemu mock *(ipemu)*. JsforceOrg.callPackage is their client.
 */
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { Emulator } from '../core/emulator';
import { httpStatusOf } from '../core/errors';
import { handleError } from './error-replies';
import { readInvokeBody } from './invoke-body';
import { packageVersion } from './openapi';
import { withAndWithoutSlash } from './slash-variants';

/** What the routes need of an emulator. */
export type ServiceRunner = Pick<Emulator, 'invoke' | 'services'>;

export interface ServiceRouteOptions {
  /** The emulator a request runs on (the mock org picks the one of the token's user). */
  runnerOf(request: FastifyRequest): ServiceRunner;
  /** What the capabilities route names as `ipemu`; default the package's version. */
  version?: string;
}

/** `GET` answer of the capabilities route. */
export interface CapabilitiesBody {
  ipemu: string;
  services: string[];
}

interface KeyParams {
  key: string;
}

/** Register under `/services/apexrest`. */
export function serviceRoutes(opts: ServiceRouteOptions) {
  const version = opts.version ?? packageVersion();
  return async (scope: FastifyInstance): Promise<void> => {
    for (const url of withAndWithoutSlash(scope, '/ipemu/v1/capabilities')) {
      scope.get(url, async (request): Promise<CapabilitiesBody> => ({
        ipemu: version,
        services: opts
          .runnerOf(request)
          .services()
          .map((s) => s.key),
      }));
    }
    const handler = async (request: FastifyRequest<{ Params: KeyParams }>, reply: FastifyReply): Promise<FastifyReply> => {
      const body = readInvokeBody(request, reply);
      if ('sent' in body) return body.sent;
      const out = await opts.runnerOf(request).invoke(request.params.key, body.input, body.options);
      return reply.code(httpStatusOf(out.errorCode)).send(out);
    };
    for (const url of withAndWithoutSlash(scope, '/ipemu/v1/services/:key')) {
      // ipemu's own route answers in ipemu's shape: a body that is not JSON is an INVOKE-400 output
      // map here, not the REST API's error list the rest of the server answers with.
      scope.route({
        method: 'POST',
        url,
        errorHandler: (error, request, reply) => {
          handleError(error, request, reply);
        },
        handler,
      });
    }
  };
}
