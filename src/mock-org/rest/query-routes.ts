import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { MockOrg } from '../mock-org';
import { batchSizeOf, CursorStore } from './cursors';
import { queryColumns } from './column-metadata';
import { sendRestError } from './rest-errors';

/** What the data routes need from the server: the token user's view of the org in the request's version. */
export interface DataRouteDeps {
  /** The org as the request's user sees it, answering in the request's API version. */
  orgOf(request: FastifyRequest): MockOrg;
}

export interface QueryRouteDeps extends DataRouteDeps {
  cursors: CursorStore;
}

const MISSING_QUERY = [{ errorCode: 'MALFORMED_QUERY', message: 'A query string has to be specified' }];
const INVALID_LOCATOR = [{ errorCode: 'INVALID_QUERY_LOCATOR', message: 'invalid query locator' }];

interface QueryParams {
  q?: unknown;
  columns?: unknown;
}

/**
 * `/query` and `/queryAll` (deleted records too, IsDeleted true), each with `/<locator>` for the
 * pages past the first. A locator answers on either resource, as Salesforce's do (jsforce reads a
 * queryAll's later pages through `/query/<locator>`). `columns=true` answers the columns instead of
 * the rows; `Sforce-Query-Options: batchSize=N` sets the size of every page of the result.
 */
export async function registerQueryRoutes(api: FastifyInstance, deps: QueryRouteDeps): Promise<void> {
  const resourceUrl = (request: FastifyRequest, resource: string): string => `/services/data/${(request.params as { version: string }).version}/${resource}`;

  for (const resource of ['query', 'queryAll'] as const) {
    const withDeleted = resource === 'queryAll';
    api.get(`/${resource}`, async (request: FastifyRequest, reply: FastifyReply) => {
      const { q, columns } = request.query as QueryParams;
      if (typeof q !== 'string' || q.trim() === '') return reply.code(400).send(MISSING_QUERY);
      try {
        const org = deps.orgOf(request);
        if (columns === 'true') return queryColumns(org, q);
        const selection = await org.select(q, undefined, { withDeleted });
        const pageSize = batchSizeOf(request.headers['sforce-query-options']);
        return deps.cursors.firstPage(selection, request.ipemuUser as string, resourceUrl(request, resource), pageSize);
      } catch (err) {
        return sendRestError(err, request, reply);
      }
    });

    api.get(`/${resource}/:locator`, async (request: FastifyRequest, reply: FastifyReply) => {
      const { locator } = request.params as { locator: string };
      const page = deps.cursors.page(locator, request.ipemuUser as string, resourceUrl(request, resource));
      if (!page) return reply.code(400).send(INVALID_LOCATOR);
      return page;
    });
  }
}
