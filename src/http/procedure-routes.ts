/**
 * The Integration Procedure routes an org serves, as fastify registrations both servers mount:
 * `ipemu serve` under its own prefixes, `ipemu mock-org serve` inside the fake REST API's scopes
 * (so its bearer tokens, version check and API limits apply). Each server keeps its one error
 * handler: a body that is not JSON or is too large never reaches these handlers.
 */
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { Emulator } from '../core/emulator';
import type { OutputMap } from '../core/envelope';
import type { ProcedureRunOptions } from '../core/procedure-port';
import { majorOf } from '../salesforce/api-versions';
import {
  APEX_REST_NAMESPACES,
  apexRestInput,
  apexRestReply,
  CONNECT_API_MIN_MAJOR,
  connectRefusal,
  connectReply,
  ProcedureReply,
  readConnectRequest,
} from './procedure-replies';
import { withAndWithoutSlash } from './slash-variants';

/** What the routes need of an emulator. */
export type ProcedureRunner = Pick<Emulator, 'runProcedure'>;

export interface ProcedureRouteOptions {
  /** The emulator a request runs on (the mock org picks the one of the token's user). */
  runnerOf(request: FastifyRequest): ProcedureRunner;
  /** Called before each answer is sent, with the run's INVOKE code (the server's request log, its closing header). */
  onAnswer?(request: FastifyRequest, reply: FastifyReply, errorCode: string): void;
}

interface ProcedureParams {
  key: string;
  ns?: string;
  version?: string;
}

function send(reply: FastifyReply, answer: ProcedureReply): FastifyReply {
  return reply.code(answer.status).headers(answer.headers).send(answer.body);
}

function noteOutcome(opts: ProcedureRouteOptions, request: FastifyRequest, reply: FastifyReply, out: OutputMap): void {
  opts.onAnswer?.(request, reply, out.errorCode);
}

/** No such resource: the server's own 404 (each server words it its way). */
function notFound(reply: FastifyReply): FastifyReply {
  reply.callNotFound();
  return reply;
}

/**
 * `GET|POST <prefix>/<ns>/v1/integrationprocedure/<Type_SubType>/` and the same without `<ns>`,
 * for `<ns>` in APEX_REST_NAMESPACES; another namespace is no route (404). Register under
 * `/services/apexrest`.
 */
export function apexRestRoutes(opts: ProcedureRouteOptions) {
  return async (scope: FastifyInstance): Promise<void> => {
    const handler = async (request: FastifyRequest<{ Params: ProcedureParams }>, reply: FastifyReply): Promise<FastifyReply> => {
      const { ns, key } = request.params;
      if (ns !== undefined && !APEX_REST_NAMESPACES.includes(ns)) return notFound(reply);
      const out = await opts.runnerOf(request).runProcedure(key, apexRestInput(request.method, request.body, request.query));
      noteOutcome(opts, request, reply, out);
      return send(reply, apexRestReply(out));
    };
    for (const url of [...withAndWithoutSlash(scope, '/:ns/v1/integrationprocedure/:key'), ...withAndWithoutSlash(scope, '/v1/integrationprocedure/:key')]) {
      scope.route({ method: ['GET', 'POST'], url, handler });
    }
  };
}

/**
 * `POST <prefix>/connect/omni-global/integration-procedure/execute/<Type_SubType>`: register
 * under `/services/data/:version`. Versions before v64.0 have no such resource (404).
 */
export function connectRoutes(opts: ProcedureRouteOptions) {
  return async (scope: FastifyInstance): Promise<void> => {
    scope.post(
      '/connect/omni-global/integration-procedure/execute/:key',
      async (request: FastifyRequest<{ Params: ProcedureParams }>, reply: FastifyReply): Promise<FastifyReply> => {
        const { key, version = '' } = request.params;
        const major = version.startsWith('v') ? majorOf(version.slice(1)) : undefined;
        if (major === undefined || major < CONNECT_API_MIN_MAJOR) return notFound(reply);
        const read = readConnectRequest(request.body);
        if ('refused' in read) {
          noteOutcome(opts, request, reply, read.refused);
          return send(reply, connectRefusal(read.refused));
        }
        // The emulator reads and checks the options; they only pass through here.
        const runner = opts.runnerOf(request);
        const outs: OutputMap[] = [];
        // In order, one at a time, stopping at the first failure: what one Apex transaction would do.
        for (const input of read.inputs) {
          const out = await runner.runProcedure(key, input, read.options as ProcedureRunOptions | undefined);
          outs.push(out);
          if (out.errorCode !== 'INVOKE-200') break;
        }
        noteOutcome(opts, request, reply, outs[outs.length - 1]!);
        return send(reply, connectReply(outs));
      },
    );
  };
}
