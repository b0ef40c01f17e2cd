import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { MockOrg } from '../mock-org';
import { runComposite } from './composite';
import { collectionAnswer, runCollection } from './collections';
import { sendRestError } from './rest-errors';
import { createAnswer, deleteAnswer, objectMethodRefusal, rowMethodRefusal, updateAnswer, type RestAnswer } from './sobject-writes';

/** The user's view of the org the server runs (the token's user). */
export type OrgForUser = (user: string) => MockOrg;

export function sendAnswer(reply: FastifyReply, answer: RestAnswer): FastifyReply {
  void reply.code(answer.status);
  if (answer.headers) void reply.headers(answer.headers);
  return answer.status === 204 ? reply.send() : reply.send(answer.body);
}

interface RowParams {
  version: string;
  sobject: string;
  id: string;
}

/** Runs one answer builder for the token's user; whatever it throws is answered in the REST error shape. */
function answering(orgFor: OrgForUser, build: (org: MockOrg, request: FastifyRequest) => RestAnswer) {
  return async (request: FastifyRequest, reply: FastifyReply): Promise<FastifyReply> => {
    try {
      return sendAnswer(reply, build(orgFor(request.ipemuUser as string), request));
    } catch (err) {
      return sendRestError(err, request, reply);
    }
  };
}

/**
 * The write resources in the version scope, as the token's user: `POST /sobjects/X`, `PATCH` and
 * `DELETE /sobjects/X/<Id>` (the methods a resource never takes answer 405 naming the ones it
 * does, as Salesforce does), `/composite` and `/composite/sobjects`.
 */
export async function registerRecordWrites(api: FastifyInstance, orgFor: OrgForUser): Promise<void> {
  registerSingleWrites(api, orgFor);
  api.post(
    '/composite',
    answering(orgFor, (org, request) => ({ status: 200, body: runComposite(org, request.body) })),
  );
  for (const method of ['POST', 'PATCH', 'DELETE'] as const) {
    api.route({
      method,
      url: '/composite/sobjects',
      handler: answering(orgFor, (org, request) => collectionAnswer(runCollection(org, method, { body: request.body, query: request.query }))),
    });
  }
}

function registerSingleWrites(api: FastifyInstance, orgFor: OrgForUser): void {
  const params = (request: FastifyRequest): RowParams => request.params as RowParams;

  api.post(
    '/sobjects/:sobject',
    answering(orgFor, (org, request) => createAnswer(org, params(request).sobject, request.body, params(request).version)),
  );
  api.patch(
    '/sobjects/:sobject/:id',
    answering(orgFor, (org, request) => updateAnswer(org, params(request).sobject, params(request).id, request.body)),
  );
  api.delete(
    '/sobjects/:sobject/:id',
    answering(orgFor, (org, request) => deleteAnswer(org, params(request).sobject, params(request).id)),
  );

  for (const method of ['POST', 'PUT'] as const) {
    api.route({
      method,
      url: '/sobjects/:sobject/:id',
      handler: answering(orgFor, (org, request) => {
        throw rowMethodRefusal(org, params(request).sobject, method);
      }),
    });
  }
  for (const method of ['PATCH', 'PUT', 'DELETE'] as const) {
    api.route({
      method,
      url: '/sobjects/:sobject',
      handler: answering(orgFor, (org, request) => {
        throw objectMethodRefusal(org, params(request).sobject, method);
      }),
    });
  }
}
