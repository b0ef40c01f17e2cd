import { bulkFixtures, runJob, startBulkServer, VERSION, type BulkServer } from './bulk-fixtures';

/* Bulk API 2.0 query jobs over HTTP on `startMockRestServer`: create, the state machine, list, abort, delete, limits and refusals. */

let bulk: BulkServer;
let steps: (() => void)[];
/** Runs the scheduled steps one at a time (each may schedule the next), then lets a running query finish. */
const step = async (): Promise<void> => {
  const next = steps.shift();
  if (!next) throw new Error('no step scheduled');
  next();
  for (let i = 0; i < 20; i++) await new Promise((resolve) => setImmediate(resolve));
};

beforeEach(async () => {
  steps = [];
  bulk = await startBulkServer({ processingDelayMs: 5000, schedule: (s) => void steps.push(s), now: () => Date.UTC(2026, 11, 1, 9, 30, 0) });
});
afterEach(async () => {
  await bulk.server.close();
});

const create = (json: unknown, version = VERSION): Promise<Response> => bulk.call(bulk.jobsUrl('', version), { method: 'POST', json });
const info = async (id: string): Promise<Record<string, unknown>> => (await (await bulk.call(bulk.jobsUrl(`/${id}`))).json()) as Record<string, unknown>;

describe('POST /jobs/query', () => {
  it('answers 200 with the job info: a 750 Id, the object, the creator, UploadComplete, Parallel, CSV, apiVersion 64.0 written as a decimal, LF and COMMA by default', async () => {
    const res = await create({ operation: 'query', query: 'SELECT Id, Status FROM AsyncApexJob' });
    expect(res.status).toBe(200);
    const text = await res.text();
    expect(text).toContain('"apiVersion":64.0,');
    const body = JSON.parse(text) as Record<string, unknown>;
    expect(body).toEqual({
      id: expect.stringMatching(/^750[A-Za-z0-9]{15}$/),
      operation: 'query',
      object: 'AsyncApexJob',
      createdById: bulk.org.userId,
      createdDate: '2026-12-01T09:30:00.000+0000',
      systemModstamp: '2026-12-01T09:30:00.000+0000',
      state: 'UploadComplete',
      concurrencyMode: 'Parallel',
      contentType: 'CSV',
      apiVersion: 64,
      lineEnding: 'LF',
      columnDelimiter: 'COMMA',
    });
  });

  it('keeps the requested operation, delimiter and line ending', async () => {
    const body = (await (
      await create({ operation: 'queryAll', query: 'SELECT Id FROM InsurancePolicy', columnDelimiter: 'PIPE', lineEnding: 'CRLF', contentType: 'CSV' })
    ).json()) as Record<string, unknown>;
    expect([body.operation, body.object, body.columnDelimiter, body.lineEnding]).toEqual(['queryAll', 'InsurancePolicy', 'PIPE', 'CRLF']);
  });

  it.each([
    ['GROUP BY', 'SELECT Status, COUNT(Id) FROM AsyncApexJob GROUP BY Status', 'GROUP BY'],
    ['COUNT()', 'SELECT COUNT() FROM AsyncApexJob', 'Aggregate functions'],
    ['an aggregate function', 'SELECT MAX(NumberOfErrors) FROM AsyncApexJob', 'Aggregate functions'],
    ['OFFSET', 'SELECT Id FROM AsyncApexJob LIMIT 10 OFFSET 5', 'OFFSET'],
    ['a child subquery', 'SELECT Id, (SELECT Id FROM InsuranceAsyncBulkRequestItems) FROM InsurancePolicy', 'Aggregate Relationships'],
  ])('refuses %s with 400 API_ERROR naming it, and creates no job', async (_what, query, feature) => {
    const res = await create({ operation: 'query', query });
    expect(res.status).toBe(400);
    const body = (await res.json()) as { errorCode: string; message: string }[];
    expect(body).toEqual([{ errorCode: 'API_ERROR', message: `${feature} not supported in Bulk V2 Query with CSV content type` }]);
    const list = (await (await bulk.call(bulk.jobsUrl())).json()) as { records: unknown[] };
    expect(list.records).toEqual([]);
  });

  it.each([
    ['malformed SOQL', 'SELECT FROM AsyncApexJob', 'MALFORMED_QUERY'],
    ['an unknown object', 'SELECT Id FROM NoSuchThing__c', 'INVALID_TYPE'],
    ['an unknown field', 'SELECT Id, Nope FROM AsyncApexJob', 'INVALID_FIELD'],
  ])('refuses %s with 400 and the code /query answers', async (_what, query, code) => {
    const res = await create({ operation: 'query', query });
    expect(res.status).toBe(400);
    const [error] = (await res.json()) as { errorCode: string }[];
    expect(error!.errorCode).toBe(code);
    const rest = await bulk.call(`/services/data/${VERSION}/query?q=${encodeURIComponent(query)}`);
    expect(((await rest.json()) as { errorCode: string }[])[0]!.errorCode).toBe(code);
  });

  it('refuses a field the user may not see (field-level security) as /query does: 400 INVALID_FIELD', async () => {
    const token = await issueTokenForServer('agent');
    const res = await bulk.call(bulk.jobsUrl(), {
      method: 'POST',
      json: { operation: 'query', query: 'SELECT Id, ReferencePolicyNumber FROM InsurancePolicy' },
      token,
    });
    expect(res.status).toBe(400);
    const [error] = (await res.json()) as { errorCode: string; message: string }[];
    expect(error!.errorCode).toBe('INVALID_FIELD');
    expect(error!.message).toContain('ReferencePolicyNumber');
  });

  it('refuses an object the user may not see as /query does: 400 INVALID_TYPE', async () => {
    const token = await issueTokenForServer('agent');
    const soql = 'SELECT Id FROM AsyncApexJob';
    const res = await bulk.call(bulk.jobsUrl(), { method: 'POST', json: { operation: 'query', query: soql }, token });
    expect(res.status).toBe(400);
    const body = (await res.json()) as { errorCode: string }[];
    expect(body[0]!.errorCode).toBe('INVALID_TYPE');
    const rest = await bulk.call(`/services/data/${VERSION}/query?q=${encodeURIComponent(soql)}`, { token });
    expect(body).toEqual(await rest.json());
    expect(rest.status).toBe(400);
  });

  it.each([
    ['an unknown operation', 'JSON_PARSER_ERROR', { operation: 'delete', query: 'SELECT Id FROM AsyncApexJob' }, 'OperationEnum'],
    ['a bad delimiter', 'JSON_PARSER_ERROR', { operation: 'query', query: 'SELECT Id FROM AsyncApexJob', columnDelimiter: 'COLON' }, 'ColumnDelimiterEnum'],
    ['a bad line ending', 'JSON_PARSER_ERROR', { operation: 'query', query: 'SELECT Id FROM AsyncApexJob', lineEnding: 'CR' }, 'LineEndingEnum'],
    [
      'a content type other than CSV',
      'JSON_PARSER_ERROR',
      { operation: 'query', query: 'SELECT Id FROM AsyncApexJob', contentType: 'JSON' },
      'ContentTypeEnum',
    ],
    ['no operation', 'INVALIDJOB', { query: 'SELECT Id FROM AsyncApexJob' }, 'operation'],
    ['no query', 'INVALIDJOB', { operation: 'query' }, 'query'],
    ['a query that is not a string', 'INVALIDJOB', { operation: 'query', query: 42 }, 'query'],
    ['a body that is not an object', 'INVALIDJOB', ['SELECT Id FROM AsyncApexJob'], 'JSON object'],
  ])('refuses %s with 400 %s', async (_what, code, json, words) => {
    const res = await create(json);
    expect(res.status).toBe(400);
    const [error] = (await res.json()) as { errorCode: string; message: string }[];
    expect(error!.errorCode).toBe(code);
    expect(error!.message).toContain(words);
  });

  it('refuses malformed JSON with 400 JSON_PARSER_ERROR and a body that is not JSON with 415', async () => {
    const bad = await bulk.call(bulk.jobsUrl(), { method: 'POST', body: '{"operation":', headers: { 'content-type': 'application/json' } });
    expect(bad.status).toBe(400);
    expect(((await bad.json()) as { errorCode: string }[])[0]!.errorCode).toBe('JSON_PARSER_ERROR');
    const csv = await bulk.call(bulk.jobsUrl(), { method: 'POST', body: 'operation,query', headers: { 'content-type': 'text/csv' } });
    expect(csv.status).toBe(415);
    expect(((await csv.json()) as { errorCode: string }[])[0]!.errorCode).toBe('UNSUPPORTED_MEDIA_TYPE');
  });

  it('answers 401 INVALID_SESSION_ID without a valid token, and 404 below API version 47.0', async () => {
    const res = await bulk.call(bulk.jobsUrl(), { method: 'POST', json: { operation: 'query', query: 'SELECT Id FROM AsyncApexJob' }, token: 'nope' });
    expect(res.status).toBe(401);
    expect(((await res.json()) as { errorCode: string }[])[0]!.errorCode).toBe('INVALID_SESSION_ID');
    const old = await create({ operation: 'query', query: 'SELECT Id FROM AsyncApexJob' }, 'v46.0');
    expect(old.status).toBe(404);
    expect(((await old.json()) as { errorCode: string }[])[0]!.errorCode).toBe('NOT_FOUND');
  });
});

/** A token for another fixture user, by the OAuth password grant (the fixture sets no passwords). */
async function issueTokenForServer(user: string): Promise<string> {
  const res = await fetch(`${bulk.server.instanceUrl}/services/oauth2/token`, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({ grant_type: 'password', username: user, password: 'x', client_id: 'c', client_secret: 's' }).toString(),
  });
  const body = (await res.json()) as { access_token?: string };
  if (!body.access_token) throw new Error(`no token for ${user}: ${JSON.stringify(body)}`);
  return body.access_token;
}

describe('GET /jobs/query/<id>: the state machine', () => {
  it('moves UploadComplete → InProgress → JobComplete as the steps run, with numberRecordsProcessed, retries and totalProcessingTime', async () => {
    const { id } = (await (await create({ operation: 'query', query: "SELECT Id FROM AsyncApexJob WHERE Status = 'Queued'" })).json()) as { id: string };
    expect(await info(id)).toMatchObject({ id, state: 'UploadComplete', numberRecordsProcessed: 0, jobType: 'V2Query' });
    await step();
    expect(await info(id)).toMatchObject({ state: 'InProgress', numberRecordsProcessed: 0 });
    const early = await bulk.call(bulk.jobsUrl(`/${id}/results`));
    expect(early.status).toBe(412);
    expect(await early.json()).toEqual([
      {
        errorCode: 'JOB_NOT_COMPLETE',
        message: 'can only download query results of successfully completed bulk job with status: JOB_COMPLETE. Current status: IN_PROGRESS',
      },
    ]);
    await step();
    expect(await info(id)).toMatchObject({
      state: 'JobComplete',
      numberRecordsProcessed: 2250,
      retries: 0,
      totalProcessingTime: 0,
      concurrencyMode: 'Parallel',
      isPkChunkingSupported: false,
    });
  });

  it('answers 404 NOT_FOUND for an unknown id and for another user’s job', async () => {
    const unknown = await bulk.call(bulk.jobsUrl('/750000000000000AAA'));
    expect(unknown.status).toBe(404);
    expect(await unknown.json()).toEqual([{ errorCode: 'NOT_FOUND', message: 'The requested resource does not exist' }]);
    const { id } = (await (await create({ operation: 'query', query: 'SELECT Id FROM InsurancePolicy' })).json()) as { id: string };
    const other = await bulk.call(bulk.jobsUrl(`/${id}`), { token: await issueTokenForServer('agent') });
    expect(other.status).toBe(404);
  });
});

describe('PATCH /jobs/query/<id> (abort) and DELETE', () => {
  it('aborts an InProgress job: state Aborted, it never runs, its results are 412 ABORTED', async () => {
    const { id } = (await (await create({ operation: 'query', query: 'SELECT Id FROM AsyncApexJob' })).json()) as { id: string };
    await step();
    const res = await bulk.call(bulk.jobsUrl(`/${id}`), { method: 'PATCH', json: { state: 'Aborted' } });
    expect(res.status).toBe(200);
    expect(await res.json()).toMatchObject({ id, state: 'Aborted' });
    await step();
    expect(await info(id)).toMatchObject({ state: 'Aborted', numberRecordsProcessed: 0 });
    const results = await bulk.call(bulk.jobsUrl(`/${id}/results`));
    expect(results.status).toBe(412);
    expect(((await results.json()) as { message: string }[])[0]!.message).toMatch(/Current status: ABORTED$/);
  });

  it('refuses a state other than Aborted, and aborting a finished job, with 400 INVALIDJOBSTATE', async () => {
    const { id } = (await (await create({ operation: 'query', query: 'SELECT Id FROM InsurancePolicy' })).json()) as { id: string };
    const wrong = await bulk.call(bulk.jobsUrl(`/${id}`), { method: 'PATCH', json: { state: 'JobComplete' } });
    expect(wrong.status).toBe(400);
    expect(((await wrong.json()) as { errorCode: string }[])[0]!.errorCode).toBe('INVALIDJOBSTATE');
    await step();
    await step();
    const late = await bulk.call(bulk.jobsUrl(`/${id}`), { method: 'PATCH', json: { state: 'Aborted' } });
    expect(late.status).toBe(400);
    expect(((await late.json()) as { errorCode: string }[])[0]!.errorCode).toBe('INVALIDJOBSTATE');
    expect(await info(id)).toMatchObject({ state: 'JobComplete' });
  });

  it('refuses to delete a job still in progress (400 API_ERROR, the guide’s words), deletes a finished one (204), then answers 404', async () => {
    const { id } = (await (await create({ operation: 'query', query: 'SELECT Id FROM InsurancePolicy' })).json()) as { id: string };
    const early = await bulk.call(bulk.jobsUrl(`/${id}`), { method: 'DELETE' });
    expect(early.status).toBe(400);
    expect(await early.json()).toEqual([{ errorCode: 'API_ERROR', message: 'Error encountered when deleting the job because the job is not terminated' }]);
    await step();
    await step();
    const deleted = await bulk.call(bulk.jobsUrl(`/${id}`), { method: 'DELETE' });
    expect(deleted.status).toBe(204);
    expect(await deleted.text()).toBe('');
    expect((await bulk.call(bulk.jobsUrl(`/${id}`))).status).toBe(404);
    expect((await bulk.call(bulk.jobsUrl(`/${id}/results`))).status).toBe(404);
  });
});

describe('methods', () => {
  it.each([
    ['PUT', '/<id>', 'GET,HEAD,PATCH,DELETE'],
    ['POST', '/<id>/results', 'GET,HEAD'],
    ['DELETE', '', 'GET,HEAD,POST'],
  ])('answers %s on /jobs/query%s with 405 METHOD_NOT_ALLOWED naming %s', async (method, path, allowed) => {
    const { id } = (await (await create({ operation: 'query', query: 'SELECT Id FROM InsurancePolicy' })).json()) as { id: string };
    const res = await bulk.call(bulk.jobsUrl(path.replace('<id>', id)), { method, json: {} });
    expect(res.status).toBe(405);
    expect(res.headers.get('allow')).toBe(allowed.split(',').join(', '));
    expect(await res.json()).toEqual([{ errorCode: 'METHOD_NOT_ALLOWED', message: `HTTP Method '${method}' not allowed. Allowed are ${allowed}` }]);
  });
});

describe('GET /jobs/query (list)', () => {
  it('lists the user’s jobs oldest first as { done, records, nextRecordsUrl }, filters by jobType, and leaves out other users’ jobs', async () => {
    const first = (await (await create({ operation: 'query', query: 'SELECT Id FROM InsurancePolicy' })).json()) as { id: string };
    const second = (await (await create({ operation: 'queryAll', query: 'SELECT Id FROM AsyncApexJob' })).json()) as { id: string };
    const list = (await (await bulk.call(bulk.jobsUrl())).json()) as {
      done: boolean;
      nextRecordsUrl: unknown;
      records: { id: string; jobType: string; state: string }[];
    };
    expect(list.done).toBe(true);
    expect(list.nextRecordsUrl).toBeNull();
    expect(list.records.map((r) => [r.id, r.jobType, r.state])).toEqual([
      [first.id, 'V2Query', 'UploadComplete'],
      [second.id, 'V2Query', 'UploadComplete'],
    ]);
    const ingest = (await (await bulk.call(bulk.jobsUrl('?jobType=V2Ingest'))).json()) as { records: unknown[] };
    expect(ingest.records).toEqual([]);
    const theirs = (await (await bulk.call(bulk.jobsUrl(), { token: await issueTokenForServer('agent') })).json()) as { records: unknown[] };
    expect(theirs.records).toEqual([]);
  });
});

describe('/limits', () => {
  it('reports DailyBulkV2QueryJobs (10,000, one fewer per job created) and DailyBulkV2QueryFileStorageMB (976,562)', async () => {
    const limits = async (): Promise<Record<string, { Max: number; Remaining: number }>> =>
      (await (await bulk.call(`/services/data/${VERSION}/limits`)).json()) as Record<string, { Max: number; Remaining: number }>;
    expect((await limits()).DailyBulkV2QueryJobs).toEqual({ Max: 10000, Remaining: 10000 });
    await create({ operation: 'query', query: 'SELECT Id FROM InsurancePolicy' });
    await create({ operation: 'query', query: 'SELECT Id FROM AsyncApexJob' });
    await create({ operation: 'query', query: 'SELECT Nope FROM AsyncApexJob' }); // refused: not a job
    const after = await limits();
    expect(after.DailyBulkV2QueryJobs).toEqual({ Max: 10000, Remaining: 9998 });
    expect(after.DailyBulkV2QueryFileStorageMB).toEqual({ Max: 976562, Remaining: 976562 });
  });

  it('counts every Bulk request against DailyApiRequests', async () => {
    const before = bulk.server.requestCount();
    const { id } = (await (await create({ operation: 'query', query: 'SELECT Id FROM InsurancePolicy' })).json()) as { id: string };
    await info(id);
    await bulk.call(bulk.jobsUrl());
    expect(bulk.server.requestCount() - before).toBe(3);
  });
});

describe('a job run to the end with no delay', () => {
  it('runJob polls a zero-delay job to JobComplete on a server with the default scheduler', async () => {
    const fast = await startBulkServer({ processingDelayMs: 0 }, bulkFixtures());
    try {
      const { info: done } = await runJob(fast, { operation: 'query', query: 'SELECT Id FROM InsurancePolicy' });
      expect(done).toMatchObject({ state: 'JobComplete', numberRecordsProcessed: 5 });
    } finally {
      await fast.server.close();
    }
  });
});
