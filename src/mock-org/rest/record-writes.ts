import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { OrgError } from '../../core/org';
import type { MockOrg } from '../mock-org';
import { runComposite } from './composite';
import { collectionAnswer, runCollection } from './collections';
import { retrieveMany } from './collection-reads';
import { sendRestError } from './rest-errors';
import { createAnswer, deleteAnswer, objectMethodRefusal, rowMethodRefusal, updateAnswer, type RestAnswer } from './sobject-writes';

/** The user's view of the org the server runs (the token's user). */
export type OrgForUser = (user: string) => MockOrg;

export function sendAnswer(reply: FastifyReply, answer: RestAnswer): FastifyReply {
  void reply.code(answer.status);
  if (answer.headers) void reply.headers(answer.headers);
  return answer.status === 204 ? reply.send() : reply.send(answer.body);
}

const isJson = (contentType: string | undefined): boolean => /^application\/json\s*(;|$)/i.test(contentType ?? '');

const unsupportedMediaType = (contentType: string | undefined): OrgError =>
  new OrgError('UNSUPPORTED_MEDIA_TYPE', `Content-Type header specified in HTTP request is not supported: ${contentType ?? ''}`, 415);

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
 * does, as Salesforce does), `/composite` and `/composite/sobjects` (and its retrieve by Ids,
 * `/composite/sobjects/X`, which jsforce's retrieve of an array sends).
 */
export async function registerRecordWrites(api: FastifyInstance, orgFor: OrgForUser): Promise<void> {
  // The server also parses forms (the token endpoint); a record is JSON only, as in Salesforce.
  api.addHook('preHandler', async (request, reply) => {
    if (request.body === undefined || isJson(request.headers['content-type'])) return undefined;
    return sendRestError(unsupportedMediaType(request.headers['content-type']), request, reply);
  });
  // Clients that send `Content-Type: application/json` on every request (simple-salesforce,
  // Postman) send it on a DELETE without a body, which Salesforce takes and fastify would refuse.
  const parseJson = api.getDefaultJsonParser('error', 'error');
  api.removeContentTypeParser('application/json');
  api.addContentTypeParser('application/json', { parseAs: 'string' }, (request, body, done) => {
    if (request.method === 'DELETE' && body === '') {
      done(null, undefined);
      return;
    }
    void parseJson(request, body as string, done);
  });
  registerSingleWrites(api, orgFor);
  api.post(
    '/composite',
    answering(orgFor, (org, request) => ({ status: 200, body: runComposite(org, request.body) })),
  );
  const sobjectOf = (request: FastifyRequest): string => (request.params as { sobject: string }).sobject;
  api.post(
    '/composite/sobjects/:sobject',
    answering(orgFor, (org, request) => ({ status: 200, body: retrieveMany(org, sobjectOf(request), request.body) })),
  );
  api.get(
    '/composite/sobjects/:sobject',
    answering(orgFor, (org, request) => ({ status: 200, body: retrieveMany(org, sobjectOf(request), request.query) })),
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
