import nock from 'nock';
import { createEmulator } from '../../../src/ipemu';
import { defineService, definePlugin } from '../../../src/core/define-service';
import { connectOrg, type ConnectOptions } from '../../../src/orgs/jsforce/connect';
import type { OutputMap } from '../../../src/core/envelope';
import type { Logger } from '../../../src/core/logger';

const INSTANCE = 'https://ipemu-faults.my.salesforce.com';
const LOGIN = 'https://login.ipemu-faults.example';
const TOKEN = '00D5w000000FAULT!AQ-old-access-token';
const NEW_TOKEN = '00D5w000000FAULT!AQ-new-access-token';
const REFRESH = 'refresh-token-secret-5Aep861';
const CLIENT_SECRET = 'client-secret-0xDEADBEEF';
const SECRETS = [TOKEN, NEW_TOKEN, REFRESH, CLIENT_SECRET];
const JOB_ID = '7075j00004uK6GjAAK';
const QUERY = '/services/data/v64.0/query';
const SESSION_INVALID = [{ message: 'Session expired or invalid', errorCode: 'INVALID_SESSION_ID' }];

/** A probe service: one query through ctx.org, so each fault maps to exactly one REST exchange. */
const probe = definePlugin({
  name: 'probe',
  services: [
    defineService('Probe', {
      read: {
        description: 'Reads AsyncApexJob rows through the org.',
        input: { type: 'object' },
        handler: async (_input, ctx) => {
          const result = await ctx.org.query('SELECT Id, Status FROM AsyncApexJob WHERE Id = :id', { id: JOB_ID }, { signal: ctx.signal });
          return { rows: result.records.length, totalSize: result.totalSize };
        },
      },
    }),
  ],
});

const logLines: string[] = [];
const capture = (level: string) => (obj: object, msg?: string) => logLines.push(`${level} ${JSON.stringify(obj)} ${msg ?? ''}`);
const logger: Logger = { debug: capture('debug'), info: capture('info'), warn: capture('warn'), error: capture('error') };

function rows(n: number, from = 0): Record<string, unknown>[] {
  return Array.from({ length: n }, (_, i) => ({ attributes: { type: 'AsyncApexJob', url: `/x/${from + i}` }, Id: `${from + i}`, Status: 'Completed' }));
}

async function invokeProbe(extra: Partial<ConnectOptions> = {}, timeout?: number): Promise<OutputMap> {
  const org = await connectOrg({ instanceUrl: INSTANCE, accessToken: TOKEN, maxRetries: 0, logger, ...extra });
  const emu = createEmulator({ org, plugins: [probe], logger });
  return emu.invoke('Probe:read', {}, timeout ? { timeout } : undefined);
}

function expectNoSecrets(out: unknown): void {
  const text = JSON.stringify(out) + logLines.join('\n');
  for (const secret of SECRETS) expect(text).not.toContain(secret);
}

afterEach(() => {
  nock.abortPendingRequests();
  nock.cleanAll();
});
beforeEach(() => {
  logLines.length = 0;
});

describe('org faults through createEmulator().invoke', () => {
  it('401 with a refresh token: one refresh, then the request succeeds with the new token', async () => {
    const api = nock(INSTANCE)
      .get(QUERY)
      .query(true)
      .matchHeader('authorization', `Bearer ${TOKEN}`)
      .reply(401, SESSION_INVALID)
      .get(QUERY)
      .query(true)
      .matchHeader('authorization', `Bearer ${NEW_TOKEN}`)
      .reply(200, { totalSize: 1, done: true, records: rows(1) });
    const login = nock(LOGIN)
      .post('/services/oauth2/token', (body: Record<string, string>) => body.grant_type === 'refresh_token' && body.refresh_token === REFRESH)
      .once()
      .reply(200, { access_token: NEW_TOKEN, instance_url: INSTANCE, id: `${LOGIN}/id/00D/005`, token_type: 'Bearer' });
    const out = await invokeProbe({ refreshToken: REFRESH, clientId: 'cid', clientSecret: CLIENT_SECRET, loginUrl: LOGIN });
    expect(out).toEqual({ rows: 1, totalSize: 1, errorCode: 'INVOKE-200', error: 'OK' });
    expect(api.isDone()).toBe(true);
    expect(login.isDone()).toBe(true);
    expectNoSecrets(out);
  });

  it('401 again after the refresh: refreshes once only, then INVOKE-502 INVALID_SESSION_ID', async () => {
    nock(INSTANCE).get(QUERY).query(true).times(3).reply(401, SESSION_INVALID);
    let refreshes = 0;
    nock(LOGIN)
      .post('/services/oauth2/token')
      .times(3)
      .reply(200, () => {
        refreshes++;
        return { access_token: NEW_TOKEN, instance_url: INSTANCE, id: `${LOGIN}/id/00D/005` };
      });
    const out = await invokeProbe({ refreshToken: REFRESH, clientId: 'cid', clientSecret: CLIENT_SECRET, loginUrl: LOGIN });
    expect(out.errorCode).toBe('INVOKE-502');
    expect(out.details).toMatchObject({ errorCode: 'INVALID_SESSION_ID', status: 401 });
    expect(refreshes).toBe(1);
    expectNoSecrets(out);
  });

  it('401 without a way to refresh → INVOKE-502 with INVALID_SESSION_ID', async () => {
    nock(INSTANCE).get(QUERY).query(true).reply(401, SESSION_INVALID);
    const out = await invokeProbe();
    expect(out).toMatchObject({ errorCode: 'INVOKE-502', details: { errorCode: 'INVALID_SESSION_ID', status: 401 } });
    expect(out.error).toContain('Session expired or invalid');
    expectNoSecrets(out);
  });

  it('403 REQUEST_LIMIT_EXCEEDED → INVOKE-502 keeping the errorCode', async () => {
    nock(INSTANCE)
      .get(QUERY)
      .query(true)
      .reply(403, [{ message: 'TotalRequests Limit exceeded.', errorCode: 'REQUEST_LIMIT_EXCEEDED' }]);
    const out = await invokeProbe();
    expect(out).toMatchObject({ errorCode: 'INVOKE-502', details: { errorCode: 'REQUEST_LIMIT_EXCEEDED', status: 403 } });
  });

  it('503 with retries off → INVOKE-502 SERVER_ERROR after one request', async () => {
    const api = nock(INSTANCE).get(QUERY).query(true).reply(503, '<html>down</html>', { 'content-type': 'text/html' });
    const out = await invokeProbe({ maxRetries: 0 });
    expect(out).toMatchObject({ errorCode: 'INVOKE-502', details: { errorCode: 'SERVER_ERROR', status: 503 } });
    expect(api.isDone()).toBe(true);
  });

  it('500 then 200 with one retry allowed → jsforce retries and the call succeeds', async () => {
    const api = nock(INSTANCE)
      .get(QUERY)
      .query(true)
      .reply(500, [{ message: 'boom', errorCode: 'UNKNOWN_EXCEPTION' }])
      .get(QUERY)
      .query(true)
      .reply(200, { totalSize: 1, done: true, records: rows(1) });
    const out = await invokeProbe({ maxRetries: 1 });
    expect(out.errorCode).toBe('INVOKE-200');
    expect(api.isDone()).toBe(true);
  });

  it('500 with a Salesforce error body and no retries → INVOKE-502 with its errorCode', async () => {
    nock(INSTANCE)
      .get(QUERY)
      .query(true)
      .reply(500, [{ message: 'An unexpected error occurred.', errorCode: 'UNKNOWN_EXCEPTION' }]);
    const out = await invokeProbe();
    expect(out).toMatchObject({ errorCode: 'INVOKE-502', details: { errorCode: 'UNKNOWN_EXCEPTION', status: 500 } });
  });

  it('connection reset → INVOKE-502 UNREACHABLE, no URL or token in the message', async () => {
    nock(INSTANCE)
      .get(QUERY)
      .query(true)
      .replyWithError(Object.assign(new Error('socket hang up'), { code: 'ECONNRESET' }));
    const out = await invokeProbe();
    expect(out).toMatchObject({ errorCode: 'INVOKE-502', details: { errorCode: 'UNREACHABLE' } });
    expect(out.error).toContain('ECONNRESET');
    expect(out.error).not.toContain(INSTANCE);
    expectNoSecrets(out);
  });

  it('a malformed JSON body → INVOKE-502 INVALID_RESPONSE', async () => {
    nock(INSTANCE).get(QUERY).query(true).reply(200, '{"totalSize": 1, "records": [', { 'content-type': 'application/json' });
    const out = await invokeProbe();
    expect(out).toMatchObject({ errorCode: 'INVOKE-502', details: { errorCode: 'INVALID_RESPONSE' } });
  });

  it('a query whose second page fails → INVOKE-502, no partial result', async () => {
    nock(INSTANCE)
      .get(QUERY)
      .query(true)
      .reply(200, { totalSize: 2001, done: false, nextRecordsUrl: `${QUERY}/01gLOCATOR-2000`, records: rows(2000) })
      .get(`${QUERY}/01gLOCATOR-2000`)
      .reply(400, [{ message: 'invalid query locator', errorCode: 'INVALID_QUERY_LOCATOR' }]);
    const out = await invokeProbe();
    expect(out).toMatchObject({ errorCode: 'INVOKE-502', details: { errorCode: 'INVALID_QUERY_LOCATOR' } });
    expect(out.rows).toBeUndefined();
  });

  it('reads every page with autoFetch', async () => {
    nock(INSTANCE)
      .get(QUERY)
      .query(true)
      .reply(200, { totalSize: 2500, done: false, nextRecordsUrl: `${QUERY}/01gLOCATOR-2000`, records: rows(2000) })
      .get(`${QUERY}/01gLOCATOR-2000`)
      .reply(200, { totalSize: 2500, done: true, records: rows(500, 2000) });
    const out = await invokeProbe();
    expect(out).toMatchObject({ rows: 2500, totalSize: 2500, errorCode: 'INVOKE-200' });
  });

  it('a response slower than options.timeout → INVOKE-504', async () => {
    // The org holds its answer until the test releases it, so only the 100 ms timeout can end the call.
    let reached = false;
    let release: () => void = () => undefined;
    const held = new Promise<void>((resolve) => (release = resolve));
    const scope = nock(INSTANCE)
      .get(QUERY)
      .query(true)
      .reply(async () => {
        reached = true;
        await held;
        return [200, { totalSize: 0, done: true, records: [] }];
      });
    const out = await invokeProbe({}, 100);
    expect(out).toMatchObject({ errorCode: 'INVOKE-504' });
    expect(reached).toBe(true);
    // jsforce cannot cancel the request it sent: answer it, or it stays open (and holds jsforce's
    // 30-minute request timer) after the test.
    const replied = new Promise((resolve) => scope.once('replied', resolve));
    release();
    await replied;
  });

  it('never lets a token echoed by the org reach the output map or the logs', async () => {
    nock(INSTANCE)
      .get(QUERY)
      .query(true)
      .reply(400, [{ message: `Bad header Authorization: Bearer ${TOKEN} (refresh ${REFRESH})`, errorCode: 'INVALID_HEADER_TYPE' }]);
    const out = await invokeProbe({ refreshToken: REFRESH, clientId: 'cid', clientSecret: CLIENT_SECRET, loginUrl: LOGIN });
    expect(out).toMatchObject({ errorCode: 'INVOKE-502', details: { errorCode: 'INVALID_HEADER_TYPE' } });
    expect(out.error).toContain('[redacted]');
    expectNoSecrets(out);
    expect(logLines.some((l) => l.includes('INVALID_HEADER_TYPE'))).toBe(true);
  });

  it('the real service: describe refused with 401 → INVOKE-502', async () => {
    nock(INSTANCE)
      .get(/\/services\/data\/v64\.0\/sobjects\/\w+\/describe/)
      .reply(401, SESSION_INVALID);
    const org = await connectOrg({ instanceUrl: INSTANCE, accessToken: TOKEN, maxRetries: 0 });
    const out = await createEmulator({ org }).invoke('InsPolicyService:getPolicyAsyncJobStatus', { jobId: JOB_ID });
    expect(out).toMatchObject({ errorCode: 'INVOKE-502', details: { errorCode: 'INVALID_SESSION_ID' } });
    expectNoSecrets(out);
  });
});
