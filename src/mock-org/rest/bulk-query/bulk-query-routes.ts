import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { isPlainObject } from '../../../core/plain-object';
import { majorOf } from '../../../salesforce/api-versions';
import type { DataRouteDeps } from '../query-routes';
import { NOT_FOUND_BODY, sendRestError } from '../rest-errors';
import { invalidJobState, JOB_NOT_TERMINATED, jobNotComplete, versionMismatch } from './bulk-errors';
import { bulkQueryPlan } from './bulk-query-check';
import { csvColumns } from './csv-columns';
import { readJobRequest } from './job-request';
import { createdJobOf, infoOf, jobJson } from './job-bodies';
import type { Job, JobStore } from './job-store';
import { listPage } from './job-list';
import { pageRequestOf, resultPage } from './result-pages';

export interface BulkQueryRouteDeps extends DataRouteDeps {
  jobs: JobStore;
}

/** Bulk API 2.0 query jobs exist from API version 47.0 ("Query jobs in Bulk API 2.0 are available in API version 47.0 and later", queries.htm). */
const FIRST_VERSION = 47;

/** A job body, sent as JSON with its apiVersion a decimal. */
const sendJob = (reply: FastifyReply, body: unknown): FastifyReply => reply.type('application/json; charset=utf-8').send(jobJson(body));

const versionOf = (request: FastifyRequest): string => (request.params as { version: string }).version;

/**
 * Bulk API 2.0 query (queries.htm): `POST /jobs/query` creates a job, `GET /jobs/query` lists
 * them, `GET|PATCH|DELETE /jobs/query/<id>` reads, aborts and deletes one, and
 * `GET /jobs/query/<id>/results` pages its CSV with `Sforce-Locator`. Mounted in the version
 * scope: authenticated, version-checked and counted like every API request.
 */
export async function registerBulkQueryRoutes(api: FastifyInstance, deps: BulkQueryRouteDeps): Promise<void> {
  api.addHook('onRequest', async (request, reply) => {
    if ((majorOf(versionOf(request).slice(1)) ?? 0) < FIRST_VERSION) return reply.code(404).send(NOT_FOUND_BODY);
    return undefined;
  });

  /** The request's job, or a 404 sent. */
  const jobOf = (request: FastifyRequest, reply: FastifyReply): Job | undefined => {
    const job = deps.jobs.get((request.params as { jobId: string }).jobId, request.ipemuUser as string);
    if (!job) void reply.code(404).send(NOT_FOUND_BODY);
    return job;
  };

  api.post('/jobs/query', async (request, reply) => {
    try {
      const jobRequest = readJobRequest(request.body);
      const org = deps.orgOf(request);
      const plan = bulkQueryPlan(org, jobRequest.query);
      const job = deps.jobs.create({
        user: request.ipemuUser as string,
        version: versionOf(request),
        request: jobRequest,
        object: plan.root.name,
        columns: csvColumns(plan.root, plan.columns),
        org,
      });
      return sendJob(reply, createdJobOf(job));
    } catch (err) {
      return sendRestError(err, request, reply);
    }
  });

  api.get('/jobs/query', async (request) =>
    listPage(deps.jobs.list(request.ipemuUser as string), request.query, `/services/data/${versionOf(request)}/jobs/query`),
  );

  api.get('/jobs/query/:jobId', async (request, reply) => {
    const job = jobOf(request, reply);
    return job ? sendJob(reply, infoOf(job)) : reply;
  });

  api.patch('/jobs/query/:jobId', async (request, reply) => {
    const job = jobOf(request, reply);
    if (!job) return reply;
    const body = request.body;
    const state = isPlainObject(body) ? body.state : undefined;
    if (state !== 'Aborted')
      return sendRestError(invalidJobState(`A query job can only be set to Aborted, not ${JSON.stringify(state ?? null)}.`), request, reply);
    if (job.state !== 'UploadComplete' && job.state !== 'InProgress') {
      return sendRestError(invalidJobState(`Job ${job.id} is ${job.state}: only an UploadComplete or InProgress job can be aborted.`), request, reply);
    }
    deps.jobs.abort(job);
    return sendJob(reply, createdJobOf(job));
  });

  api.delete('/jobs/query/:jobId', async (request, reply) => {
    const job = jobOf(request, reply);
    if (!job) return reply;
    if (job.state !== 'JobComplete' && job.state !== 'Aborted' && job.state !== 'Failed') return sendRestError(JOB_NOT_TERMINATED(), request, reply);
    deps.jobs.delete(job);
    return reply.code(204).send();
  });

  api.get('/jobs/query/:jobId/results', async (request, reply) => {
    const job = jobOf(request, reply);
    if (!job) return reply;
    try {
      if (versionOf(request) !== job.version) throw versionMismatch(job.version.slice(1));
      const result = job.result;
      if (job.state !== 'JobComplete' || !result) throw jobNotComplete(job.state);
      const { locator, maxRecords } = request.query as { locator?: unknown; maxRecords?: unknown };
      const page = resultPage(result, job.columns, job.request, pageRequestOf(locator, maxRecords, result.rows.length, deps.jobs.defaultMaxRecords));
      return reply
        .header('content-type', 'text/csv; charset=UTF-8')
        .header('sforce-locator', page.nextLocator)
        .header('sforce-numberofrecords', String(page.numberOfRecords))
        .send(page.body);
    } catch (err) {
      return sendRestError(err, request, reply);
    }
  });
}
