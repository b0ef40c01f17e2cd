import nock from 'nock';
import { MockOrg } from '../../../src/mock-org/mock-org';
import { startMockRestServer, type MockRestServer } from '../../../src/mock-org/rest/server';
import { connectOrg } from '../../../src/orgs/jsforce/connect';
import type { JsforceOrg } from '../../../src/orgs/jsforce/jsforce-org';
import { MAX_QUERIES_PER_COMPOSITE } from '../../../src/orgs/jsforce/query-batch';
import type { FixtureDocument } from '../../../src/mock-org/fixtures/types';
import type { QueryResult } from '../../../src/core/org';
import { makeId } from '../../../src/salesforce/ids';

/**
 * JsforceOrg.queryBatch with jsforce 3.10.16 for real: against `mock-org serve` (startMockRestServer),
 * and against nock for what that server cannot produce (a second page, a 5xx, a held answer).
 */
const JOBS = Array.from({ length: 12 }, (_, i) => makeId('707', 100 + i));
const BY_IDS = 'SELECT Id, Status FROM AsyncApexJob WHERE Id IN :ids';

const doc: FixtureDocument = {
  users: { admin: { default: true } },
  records: {
    AsyncApexJob: JOBS.map((Id, i) => ({ Id, Status: i % 2 === 0 ? 'Queued' : 'Completed', JobType: 'Queueable', NumberOfErrors: 0 })),
  },
};

const idsOf = (result: QueryResult): unknown[] => result.records.map((r) => r.Id);

function fulfilled<T>(outcome: PromiseSettledResult<T> | undefined): T {
  if (outcome?.status !== 'fulfilled') throw new Error(`expected an answer, got ${JSON.stringify(outcome)}`);
  return outcome.value;
}

function rejected<T>(outcome: PromiseSettledResult<T> | undefined): unknown {
  if (outcome?.status !== 'rejected') throw new Error(`expected a refusal, got ${JSON.stringify(outcome)}`);
  return outcome.reason;
}

describe('JsforceOrg.queryBatch against mock-org serve', () => {
  let server: MockRestServer;
  let org: JsforceOrg;

  beforeAll(async () => {
    server = await startMockRestServer({ org: await MockOrg.fromFixtures(doc) });
    org = await connectOrg({ instanceUrl: server.instanceUrl, accessToken: server.accessToken, apiVersion: '64.0', maxRetries: 0 });
  });
  afterAll(async () => {
    await org.close();
    await server.close();
  });

  test('seven queries cost two requests (at most 5 a composite), each answered with its own rows, in order', async () => {
    const queries = JOBS.slice(0, 7).map((id) => ({ soql: BY_IDS, binds: { ids: [id] } }));
    const before = server.requestCount();
    const outcomes = await org.queryBatch(queries);
    expect(server.requestCount() - before).toBe(2);
    expect(MAX_QUERIES_PER_COMPOSITE).toBe(5);
    expect(outcomes.map((o) => idsOf(fulfilled(o)))).toEqual(JOBS.slice(0, 7).map((id) => [id]));
  });

  test('each answer is what query gives for the same query alone', async () => {
    const binds = [{ ids: JOBS.slice(0, 4) }, { ids: JOBS.slice(4, 12) }, { ids: [makeId('707', 999)] }];
    const outcomes = await org.queryBatch(binds.map((b) => ({ soql: BY_IDS, binds: b })));
    for (let i = 0; i < binds.length; i++) {
      const alone = await org.query(BY_IDS, binds[i]);
      expect(fulfilled(outcomes[i])).toEqual({ totalSize: alone.totalSize, done: true, records: alone.records });
    }
    expect(fulfilled(outcomes[1]).records).toHaveLength(8);
  });

  test('a refused subrequest fails alone, with the OrgError the same query gives alone', async () => {
    const bad = 'SELECT Id, NoSuchField__c FROM AsyncApexJob WHERE Id IN :ids';
    const outcomes = await org.queryBatch([
      { soql: BY_IDS, binds: { ids: [JOBS[0]!] } },
      { soql: bad, binds: { ids: [JOBS[1]!] } },
      { soql: BY_IDS, binds: { ids: [JOBS[2]!] } },
    ]);
    const alone = await org.query(bad, { ids: [JOBS[1]!] }).catch((err: unknown) => err);
    const reason = rejected(outcomes[1]);
    expect(reason).toMatchObject({ name: 'OrgError', errorCode: 'INVALID_FIELD' });
    expect(reason).toEqual(alone);
    expect((reason as { status: number }).status).toBe((alone as { status: number }).status);
    expect([idsOf(fulfilled(outcomes[0])), idsOf(fulfilled(outcomes[2]))]).toEqual([[JOBS[0]], [JOBS[2]]]);
  });

  test('a bind that cannot be rendered is refused for that query alone, as query refuses it', async () => {
    const outcomes = await org.queryBatch([
      { soql: BY_IDS, binds: { ids: [JOBS[0]!] } },
      { soql: BY_IDS, binds: {} },
    ]);
    const alone = await org.query(BY_IDS, {}).catch((err: unknown) => err);
    expect(rejected(outcomes[1])).toEqual(alone);
    expect(idsOf(fulfilled(outcomes[0]))).toEqual([JOBS[0]]);
  });
});

describe('JsforceOrg.queryBatch: what a server of ours cannot produce (nock)', () => {
  const INSTANCE = 'https://ipemu-batch.my.salesforce.com';
  const TOKEN = '00D5w000000BATCH!AQ-secret-access-token';
  const COMPOSITE = '/services/data/v64.0/composite';
  const row = (id: string) => ({ attributes: { type: 'AsyncApexJob', url: `/services/data/v64.0/sobjects/AsyncApexJob/${id}` }, Id: id, Status: 'Queued' });
  const connect = (): Promise<JsforceOrg> => connectOrg({ instanceUrl: INSTANCE, accessToken: TOKEN, apiVersion: '64.0' });

  afterEach(() => {
    nock.abortPendingRequests();
    nock.cleanAll();
  });

  test('sends GET query subrequests with allOrNone false, and follows a nextRecordsUrl with a GET', async () => {
    let sent: unknown;
    const next = '/services/data/v64.0/query/01gD0000002HU6KIAW-2000';
    const scope = nock(INSTANCE)
      .post(COMPOSITE, (body: unknown) => {
        sent = body;
        return true;
      })
      .reply(200, {
        compositeResponse: [
          // Answered out of order: matched back by referenceId.
          { body: { totalSize: 1, done: true, records: [row(JOBS[2]!)] }, httpHeaders: {}, httpStatusCode: 200, referenceId: 'q1' },
          { body: { totalSize: 3, done: false, nextRecordsUrl: next, records: [row(JOBS[0]!)] }, httpHeaders: {}, httpStatusCode: 200, referenceId: 'q0' },
        ],
      })
      .get(next)
      .reply(200, { totalSize: 3, done: true, records: [row(JOBS[1]!), row(JOBS[3]!)] });
    const org = await connect();
    const outcomes = await org.queryBatch([
      { soql: BY_IDS, binds: { ids: JOBS.slice(0, 2) } },
      { soql: BY_IDS, binds: { ids: [JOBS[2]!] } },
    ]);
    expect(scope.isDone()).toBe(true);
    expect(sent).toEqual({
      allOrNone: false,
      compositeRequest: [
        {
          method: 'GET',
          url: `/services/data/v64.0/query?q=${encodeURIComponent(`SELECT Id, Status FROM AsyncApexJob WHERE Id IN ('${JOBS[0]}','${JOBS[1]}')`)}`,
          referenceId: 'q0',
        },
        {
          method: 'GET',
          url: `/services/data/v64.0/query?q=${encodeURIComponent(`SELECT Id, Status FROM AsyncApexJob WHERE Id IN ('${JOBS[2]}')`)}`,
          referenceId: 'q1',
        },
      ],
    });
    expect(fulfilled(outcomes[0])).toEqual({ totalSize: 3, done: true, records: [row(JOBS[0]!), row(JOBS[1]!), row(JOBS[3]!)] });
    expect(idsOf(fulfilled(outcomes[1]))).toEqual([JOBS[2]]);
  });

  test('an org without the composite resource (404 NOT_FOUND) is asked query by query, and not offered a composite again', async () => {
    const QUERY = '/services/data/v64.0/query';
    const answered = (id: string) => ({ totalSize: 1, done: true, records: [row(id)] });
    const scope = nock(INSTANCE)
      .post(COMPOSITE)
      .reply(404, [{ errorCode: 'NOT_FOUND', message: 'The requested resource does not exist' }])
      .get(QUERY)
      .query((q) => String(q.q).includes(JOBS[0]!))
      .times(2)
      .reply(200, answered(JOBS[0]!))
      .get(QUERY)
      .query((q) => String(q.q).includes(JOBS[1]!))
      .times(2)
      .reply(200, answered(JOBS[1]!));
    const org = await connect();
    const queries = [
      { soql: BY_IDS, binds: { ids: [JOBS[0]!] } },
      { soql: BY_IDS, binds: { ids: [JOBS[1]!] } },
    ];
    for (let round = 0; round < 2; round++) {
      const outcomes = await org.queryBatch(queries);
      expect(outcomes.map((o) => idsOf(fulfilled(o)))).toEqual([[JOBS[0]], [JOBS[1]]]);
    }
    expect(scope.isDone()).toBe(true);
  });

  test('a composite POST answered 503 is not resent: every query in it fails with SERVER_ERROR', async () => {
    const scope = nock(INSTANCE).post(COMPOSITE).reply(503, 'down').post(COMPOSITE).reply(200, { compositeResponse: [] });
    const org = await connect(); // jsforce's default retries apply to GETs; this POST must not be one of them
    const outcomes = await org.queryBatch([
      { soql: BY_IDS, binds: { ids: [JOBS[0]!] } },
      { soql: BY_IDS, binds: { ids: [JOBS[1]!] } },
    ]);
    expect(outcomes.map((o) => rejected(o))).toEqual([
      expect.objectContaining({ errorCode: 'SERVER_ERROR', status: 503 }),
      expect.objectContaining({ errorCode: 'SERVER_ERROR', status: 503 }),
    ]);
    expect(scope.pendingMocks()).toHaveLength(1);
  });

  test('a subrequest error that echoes the token is scrubbed', async () => {
    nock(INSTANCE)
      .post(COMPOSITE)
      .reply(200, {
        compositeResponse: [
          { body: [{ message: `Bad token ${TOKEN}`, errorCode: 'INVALID_HEADER_TYPE' }], httpHeaders: {}, httpStatusCode: 400, referenceId: 'q0' },
        ],
      });
    const org = await connect();
    const [outcome] = await org.queryBatch([{ soql: BY_IDS, binds: { ids: [JOBS[0]!] } }]);
    const reason = rejected(outcome) as Error;
    expect(reason).toMatchObject({ errorCode: 'INVALID_HEADER_TYPE', status: 400 });
    expect(reason.message).toContain('[redacted]');
    expect(reason.message).not.toContain(TOKEN);
  });

  test('a body that is not a composite response fails every query with INVALID_RESPONSE', async () => {
    nock(INSTANCE)
      .post(COMPOSITE)
      .reply(200, { compositeResponse: [{ body: {}, httpHeaders: {}, httpStatusCode: 200, referenceId: 'q0' }] });
    const org = await connect();
    const outcomes = await org.queryBatch([
      { soql: BY_IDS, binds: { ids: [JOBS[0]!] } },
      { soql: BY_IDS, binds: { ids: [JOBS[1]!] } },
    ]);
    expect(outcomes.map((o) => (rejected(o) as { errorCode: string }).errorCode)).toEqual(['INVALID_RESPONSE', 'INVALID_RESPONSE']);
  });

  test('an abort ends the held request before it answers: every query fails with the AbortError, as query does', async () => {
    let release: () => void = () => undefined;
    const held = new Promise<void>((resolve) => (release = resolve));
    const scope = nock(INSTANCE)
      .post(COMPOSITE)
      .reply(async () => {
        await held;
        return [200, { compositeResponse: [] }];
      });
    const org = await connect();
    const controller = new AbortController();
    const pending = org.queryBatch(
      [
        { soql: BY_IDS, binds: { ids: [JOBS[0]!] } },
        { soql: BY_IDS, binds: { ids: [JOBS[1]!] } },
      ],
      { signal: controller.signal },
    );
    await new Promise((resolve) => setTimeout(resolve, 20));
    controller.abort();
    const outcomes = await pending;
    expect(outcomes.map((o) => (rejected(o) as Error).name)).toEqual(['AbortError', 'AbortError']);
    const replied = new Promise((resolve) => scope.once('replied', resolve));
    release();
    await replied;
  });
});
