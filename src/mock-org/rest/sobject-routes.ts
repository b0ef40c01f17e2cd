import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { OrgError, type SObjectRecord } from '../../core/org';
import { isApiName } from '../../salesforce/api-names';
import type { MockOrg } from '../mock-org';
import { urlBaseOf } from '../soql/engine';
import { fieldsParam } from './record-fields';
import { NOT_FOUND_BODY, sendRestError } from './rest-errors';
import type { DataRouteDeps } from './query-routes';

/**
 * The sObject read resources: describeGlobal (`/sobjects`), basic information (`/sobjects/X`),
 * describe, a record by Id (`?fields=` to choose its fields) and by an idLookup field's value
 * (`/sobjects/X/<field>/<value>`). Writes are in record-writes.ts.
 */

/** Salesforce's word for a lookup by a field that is not an idLookup field the user can read (the upsert resource's too). */
const noLookupField = (field: string): OrgError => new OrgError('NOT_FOUND', `Provided external ID field does not exist or is not accessible: ${field}`, 404);

interface ObjectParams {
  sobject: string;
}

/** Runs a read as the request's user in the request's version; whatever it throws is answered in the REST error shape. */
function reading(deps: DataRouteDeps, read: (org: MockOrg, request: FastifyRequest, reply: FastifyReply) => unknown) {
  return async (request: FastifyRequest, reply: FastifyReply): Promise<unknown> => {
    const { sobject } = request.params as Partial<ObjectParams>;
    if (sobject !== undefined && !isApiName(sobject)) return reply.code(404).send(NOT_FOUND_BODY);
    try {
      return read(deps.orgOf(request), request, reply);
    } catch (err) {
      return sendRestError(err, request, reply);
    }
  };
}

/** One record found by an idLookup field's value; several found: 300 with their URLs, as Salesforce answers an ambiguous external Id. */
function recordByLookup(org: MockOrg, params: { sobject: string; field: string; value: string }, query: unknown, reply: FastifyReply): unknown {
  const field = org.idLookupField(params.sobject, params.field);
  if (field === undefined) throw noLookupField(params.field);
  const ids = org.idsByLookup(params.sobject, field, params.value);
  if (ids.length === 0) return reply.code(404).send(NOT_FOUND_BODY);
  const name = org.describeSummary(params.sobject).name;
  if (ids.length > 1) return reply.code(300).send(ids.map((id) => `${urlBaseOf(org.apiVersion)}${name}/${id}`));
  return org.retrieve(name, ids[0]!, fieldsParam(query));
}

export async function registerSObjectRoutes(api: FastifyInstance, deps: DataRouteDeps): Promise<void> {
  api.get(
    '/sobjects',
    reading(deps, (org) => org.describeGlobal()),
  );
  // (ipemu) recentItems is always empty: the mock org keeps no record views.
  api.get(
    '/sobjects/:sobject',
    reading(deps, (org, request) => ({ objectDescribe: org.describeSummary((request.params as ObjectParams).sobject), recentItems: [] })),
  );
  api.get(
    '/sobjects/:sobject/describe',
    reading(deps, (org, request) => org.describeSync((request.params as ObjectParams).sobject)),
  );
  api.get(
    '/sobjects/:sobject/:id',
    reading(deps, (org, request): SObjectRecord => {
      const { sobject, id } = request.params as ObjectParams & { id: string };
      return org.retrieve(sobject, id, fieldsParam(request.query));
    }),
  );
  api.get(
    '/sobjects/:sobject/:field/:value',
    reading(deps, (org, request, reply) => recordByLookup(org, request.params as { sobject: string; field: string; value: string }, request.query, reply)),
  );
}
