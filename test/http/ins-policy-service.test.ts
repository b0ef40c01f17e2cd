// The real service on a mock org, driven over HTTP the way an orchestration flow drives it.
import type { FastifyInstance } from 'fastify';
import { buildServer, startServer } from '../../src/http/server';
import { createEmulator } from '../../src/ipemu';
import { MockOrg } from '../../src/mock-org/mock-org';
import type { FixtureDocument } from '../../src/mock-org/fixtures/types';
import { makeId } from '../../src/salesforce/ids';
import { captureLogs } from './helpers';

const KEY = 'InsPolicyService:getPolicyAsyncJobStatus';
const DONE_JOB = '7075j00004uK6GjAAK';
const RUNNING_JOB = makeId('707', 2, '5j0');
const MISSING_JOB = makeId('707', 99, '5j0');
const POLICY = '0YT5w000000Y8MNGA0';
const ITEM = makeId('0rg', 1, '5j0');

const fixtures: FixtureDocument = {
  users: { admin: { default: true }, agent: { hiddenObjects: ['AsyncApexJob'] } },
  records: {
    AsyncApexJob: [
      { Id: DONE_JOB, Status: 'Completed', JobType: 'Queueable', NumberOfErrors: 0, ExtendedStatus: null, CreatedDate: '2026-11-01T10:00:00.000+0000' },
      { Id: RUNNING_JOB, Status: 'Processing', JobType: 'Queueable', NumberOfErrors: 0, ExtendedStatus: null, CreatedDate: '2026-11-02T10:00:00.000+0000' },
    ],
    InsurancePolicy: [{ Id: POLICY, Name: 'P-0001', ReferencePolicyNumber: 'REF-0001', ParentPolicyId: null }],
    InsuranceAsyncBulkRequestItem: [{ Id: ITEM, BatchJobId: RUNNING_JOB }],
    InsuranceAsyncBulkRecordDetail: [{ InsuranceAsyncBulkRequestItemId: ITEM, ReferenceRecordId: POLICY }],
  },
};

describe(`${KEY} over HTTP`, () => {
  let app: FastifyInstance;
  beforeAll(async () => {
    const org = await MockOrg.fromFixtures(fixtures);
    app = buildServer({ emulator: createEmulator({ org }), logStream: captureLogs().stream });
  });
  afterAll(() => app.close());

  const call = (input: unknown, key = KEY) =>
    app.inject({ method: 'POST', url: `/invoke/${key}`, headers: { 'content-type': 'application/json' }, payload: JSON.stringify({ input }) });

  test('a jobId answers 200 with the documented success map', async () => {
    const res = await call({ jobId: DONE_JOB });
    expect(res.statusCode).toBe(200);
    expect(res.body).toBe(JSON.stringify({ status: 'Success', jobId: DONE_JOB, errorCode: 'INVOKE-200', error: 'OK' }));
  });

  test('the URL-encoded key reaches the same service, and a 15-character Id comes back as 18', async () => {
    const res = await call({ jobId: DONE_JOB.slice(0, 15) }, 'InsPolicyService%3AgetPolicyAsyncJobStatus');
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({ jobId: DONE_JOB });
  });

  test('a policyId answers with its linked job', async () => {
    const res = await call({ policyId: POLICY });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({ status: 'InProgress', jobId: RUNNING_JOB, errorCode: 'INVOKE-200' });
  });

  test('no key, a bad Id and an unknown job map to 400, 400 and 404', async () => {
    const none = await call({});
    expect(none.statusCode).toBe(400);
    expect(none.json()).toMatchObject({ errorCode: 'INVOKE-400' });
    const bad = await call({ jobId: POLICY });
    expect(bad.statusCode).toBe(400);
    expect(bad.json()).toMatchObject({ errorCode: 'INVOKE-400', error: expect.stringContaining('jobId') });
    const missing = await call({ jobId: MISSING_JOB });
    expect(missing.statusCode).toBe(404);
    expect(missing.json()).toMatchObject({ errorCode: 'INVOKE-404' });
  });

  test('a user without access to AsyncApexJob gets 403', async () => {
    const agent = buildServer({ emulator: createEmulator({ org: await MockOrg.fromFixtures(fixtures, { user: 'agent' }) }), logStream: captureLogs().stream });
    const res = await agent.inject({
      method: 'POST',
      url: `/invoke/${KEY}`,
      headers: { 'content-type': 'application/json' },
      payload: JSON.stringify({ input: { jobId: DONE_JOB } }),
    });
    await agent.close();
    expect(res.statusCode).toBe(403);
    expect(res.json()).toMatchObject({ errorCode: 'INVOKE-403' });
  });

  test('the built-in service is in /services and the OpenAPI document', async () => {
    const services = (await app.inject({ method: 'GET', url: '/services' })).json<{ key: string }[]>();
    expect(services.map((s) => s.key)).toContain(KEY);
    const doc = (await app.inject({ method: 'GET', url: '/openapi.json' })).json<{ paths: Record<string, unknown> }>();
    expect(doc.paths[`/invoke/${KEY}`]).toBeDefined();
  });

  test('500 concurrent status polls over a socket are all answered correctly', async () => {
    const server = await startServer({ emulator: createEmulator({ org: await MockOrg.fromFixtures(fixtures) }), port: 0, logStream: captureLogs().stream });
    try {
      const results = await Promise.all(
        Array.from({ length: 500 }, async (_, i) => {
          const input = i % 2 === 0 ? { jobId: DONE_JOB } : { policyId: POLICY };
          const res = await fetch(`${server.url}/invoke/${KEY}`, {
            method: 'POST',
            headers: { 'content-type': 'application/json' },
            body: JSON.stringify({ input }),
          });
          return { i, status: res.status, body: (await res.json()) as { jobId: string; status: string } };
        }),
      );
      for (const r of results) {
        expect(r.status).toBe(200);
        expect(r.body).toMatchObject(r.i % 2 === 0 ? { jobId: DONE_JOB, status: 'Success' } : { jobId: RUNNING_JOB, status: 'InProgress' });
      }
    } finally {
      await server.close();
    }
  });
});
