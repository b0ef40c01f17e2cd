import Fastify, { type FastifyInstance } from 'fastify';
import { DEMO_FIXTURES, MockOrg } from '../../../src/mock-org/mock-org';
import { startMockRestServer, type MockRestServer } from '../../../src/mock-org/rest/server';
import { mockOrgProcedures, type MockOrgProcedures } from '../../../src/cli/mock-org-procedures';
import { createEmulator } from '../../../src/ipemu';
import type { Emulator } from '../../../src/core/emulator';
import { connectOrg } from '../../../src/orgs/jsforce/connect';
import type { FixtureDocument } from '../../../src/mock-org/fixtures/types';
import { makeId } from '../../../src/salesforce/ids';
import { MAX_VALUES_PER_CHUNK } from '../../../src/orgs/coalescing/coalescing-org';

/**
 * Issue 14 items 3 and 5 end to end, with jsforce 3.10.16 for real: ipemu on a JsforceOrg starts a
 * job on `mock-org serve` (which runs the starter as the token's user) and polls it to Success on
 * the mock org's injected clock; polling finished jobs costs the org no request.
 */
const STATUS = 'InsPolicyService:getPolicyAsyncJobStatus';
const START = 'InsPolicyService:createMultiRootPolicy';
const QUOTE = '0Q05w0000000001CAA'; // demo: two root products

interface Served {
  server: MockRestServer;
  procedures: MockOrgProcedures;
  emu: Emulator;
}

async function serve(org: MockOrg): Promise<Served> {
  const procedures = mockOrgProcedures(org, (userOrg) => createEmulator({ org: userOrg, procedures: false }));
  const server = await startMockRestServer({ org, extensions: [procedures.extension], dailyApiRequests: 1_000_000 });
  const remote = await connectOrg({ instanceUrl: server.instanceUrl, accessToken: server.accessToken, maxRetries: 0 });
  return { server, procedures, emu: createEmulator({ org: remote, procedures: false }) };
}

async function stop({ server, procedures, emu }: Served): Promise<void> {
  await emu.close();
  await server.close();
  await procedures.close();
}

describe('a job started and polled through jsforce against mock-org serve', () => {
  let now: number;
  let served: Served;

  beforeEach(async () => {
    now = Date.UTC(2026, 11, 1, 9, 0, 0);
    served = await serve(await MockOrg.fromFixtures(DEMO_FIXTURES, { clock: () => now }));
  });
  afterEach(async () => {
    await stop(served);
  });

  test('createMultiRootPolicy answers { jobId } and the job moves WaitingToProcess → InProgress → Success with the clock', async () => {
    const { emu } = served;
    const started = await emu.invoke(START, { quoteId: QUOTE, effectiveDate: '2026-12-01' });
    expect(started).toEqual({ jobId: expect.stringMatching(/^707[0-9A-Za-z]{15}$/) as unknown, errorCode: 'INVOKE-200', error: 'OK' });
    const jobId = started.jobId as string;
    expect(await emu.invoke(STATUS, { jobId })).toEqual({ status: 'WaitingToProcess', jobId, errorCode: 'INVOKE-200', error: 'OK' });
    now += 1_500;
    expect(await emu.invoke(STATUS, { jobId })).toMatchObject({ status: 'InProgress', jobId });
    now += 2_000;
    expect(await emu.invoke(STATUS, { jobId })).toMatchObject({ status: 'Success', jobId });
  });

  test('the quote’s options may come as options (read input, then options), as a Remote Action sends them', async () => {
    const started = await served.emu.invoke(START, {}, { quoteId: QUOTE, effectiveDate: '2026-12-01' });
    expect(started).toMatchObject({ errorCode: 'INVOKE-200', jobId: expect.stringMatching(/^707/) as unknown });
  });

  test('an unknown quote is INVOKE-404 from the mock’s package, carried back through jsforce', async () => {
    const out = await served.emu.invoke(START, { quoteId: makeId('0Q0', 999), effectiveDate: '2026-12-01' });
    expect(out).toMatchObject({ errorCode: 'INVOKE-404' });
  });

  test('once the job is final, polling it costs the org no request; while it runs, each poll costs one', async () => {
    const { emu, server } = served;
    const jobId = (await emu.invoke(START, { quoteId: QUOTE, effectiveDate: '2026-12-01' })).jobId as string;
    await emu.invoke(STATUS, { jobId }); // describes, once per object
    let before = server.requestCount();
    await emu.invoke(STATUS, { jobId });
    expect(server.requestCount() - before).toBe(1);
    now += 5_000;
    expect(await emu.invoke(STATUS, { jobId })).toMatchObject({ status: 'Success' });
    before = server.requestCount();
    for (let i = 0; i < 5; i++) expect(await emu.invoke(STATUS, { jobId })).toMatchObject({ status: 'Success', jobId });
    expect(server.requestCount() - before).toBe(0);
  });
});

describe('polling 1,000 jobs concurrently through jsforce until all are done', () => {
  const JOBS = 1_000;
  let now: number;
  let served: Served;
  const ids = Array.from({ length: JOBS }, (_, i) => makeId('707', 5_000 + i));

  beforeAll(async () => {
    now = Date.UTC(2026, 11, 1, 9, 0, 0);
    // Job i completes after 1 + i % 4 seconds: a quarter of them finish each second.
    const doc: FixtureDocument = {
      users: { admin: { default: true } },
      records: {
        AsyncApexJob: ids.map((Id, i) => ({
          Id,
          Status: 'Queued',
          JobType: 'Queueable',
          NumberOfErrors: 0,
          CreatedDate: '2026-12-01T09:00:00.000Z',
          $timeline: [{ after: `${1 + (i % 4)}s`, Status: 'Completed' }],
        })),
      },
    };
    served = await serve(await MockOrg.fromFixtures(doc, { clock: () => now }));
  });
  afterAll(async () => {
    await stop(served);
  });

  test('each round costs exactly one request while jobs run (their chunks in one /composite), and none once all are done', async () => {
    const { emu, server } = served;
    await emu.invoke(STATUS, { jobId: ids[0] }); // describes, once per object
    const rounds: { pending: number; requests: number }[] = [];
    for (let round = 0; round < 6; round++) {
      const before = server.requestCount();
      const outs = await Promise.all(ids.map((jobId) => emu.invoke(STATUS, { jobId })));
      const requests = server.requestCount() - before;
      const pending = outs.filter((out) => out.status !== 'Success').length;
      expect(outs.every((out) => out.errorCode === 'INVOKE-200' && out.jobId !== undefined)).toBe(true);
      rounds.push({ pending, requests });
      now += 1_000;
    }
    expect(rounds.map((r) => r.pending)).toEqual([1000, 750, 500, 250, 0, 0]);
    // Round k asks for the jobs not final before it (1,000, 1,000, 750, 500, 250, then none): up to
    // 5 chunks of MAX_VALUES_PER_CHUNK go in one composite request, a single chunk in one GET.
    expect(5 * MAX_VALUES_PER_CHUNK).toBeGreaterThanOrEqual(JOBS);
    expect(rounds.map((r) => r.requests)).toEqual([1, 1, 1, 1, 1, 0]);
  });
});

describe('polling 1,500 running jobs concurrently through jsforce', () => {
  let served: Served;
  const ids = Array.from({ length: 5 * MAX_VALUES_PER_CHUNK }, (_, i) => makeId('707', 9_000 + i));

  beforeAll(async () => {
    const doc: FixtureDocument = {
      users: { admin: { default: true } },
      records: { AsyncApexJob: ids.map((Id) => ({ Id, Status: 'Processing', JobType: 'Queueable', NumberOfErrors: 0 })) },
    };
    served = await serve(await MockOrg.fromFixtures(doc));
  });
  afterAll(async () => {
    await stop(served);
  });

  test('five full chunks fit one composite request: one request a round, every job answered', async () => {
    const { emu, server } = served;
    await emu.invoke(STATUS, { jobId: ids[0] }); // describes, once per object
    for (let round = 0; round < 2; round++) {
      const before = server.requestCount();
      const outs = await Promise.all(ids.map((jobId) => emu.invoke(STATUS, { jobId })));
      expect(server.requestCount() - before).toBe(1);
      expect(outs.map((out) => [out.errorCode, out.jobId, out.status])).toEqual(ids.map((jobId) => ['INVOKE-200', jobId, 'InProgress']));
    }
  });
});

describe('a job starter on a real org through jsforce', () => {
  let app: FastifyInstance;
  let instanceUrl: string;

  beforeAll(async () => {
    app = Fastify();
    // Salesforce's answer for an Apex REST URL that no class maps.
    app.setNotFoundHandler((request, reply) =>
      reply.code(404).send([{ errorCode: 'NOT_FOUND', message: `Could not find a match for URL ${request.url.replace('/services/apexrest', '')}` }]),
    );
    instanceUrl = await app.listen({ host: '127.0.0.1', port: 0 });
  });
  afterAll(async () => {
    await app.close();
  });

  test('answers INVOKE-501 naming the service and the org, after validating the input', async () => {
    const emu = createEmulator({ org: await connectOrg({ instanceUrl, accessToken: 'token-of-a-real-org', maxRetries: 0 }), procedures: false });
    try {
      expect(await emu.invoke(START, { effectiveDate: '2026-12-01' })).toMatchObject({ errorCode: 'INVOKE-400' });
      expect(await emu.invoke(START, { quoteId: QUOTE, effectiveDate: '2026-12-01' })).toEqual({
        errorCode: 'INVOKE-501',
        error: `${START} runs only on an ipemu mock org; ${instanceUrl} is a real org.`,
        details: { service: START },
      });
    } finally {
      await emu.close();
    }
  });
});
