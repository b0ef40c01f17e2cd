import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { createEmulator } from '../../src/ipemu';
import { defineService, definePlugin } from '../../src/core/define-service';
import { connectOrg } from '../../src/orgs/jsforce/connect';
import { MockOrg } from '../../src/mock-org/mock-org';
import type { Org, SObjectRecord } from '../../src/core/org';
import { fixtureOf, jobId, smallOrg, SMALL_JOB, SMALL_POLICY } from './generated-org';

/**
 * Issue 7 item 3, the faults test/org/faults.test.ts does not cover: a token refresh that fails,
 * and an org that returns records missing fields. Each ends in a clear INVOKE code and message,
 * and the next call on the same emulator still works.
 */

const KEY = 'InsPolicyService:getPolicyAsyncJobStatus';
const QUERY = '/services/data/v64.0/query';
const TOKEN = '00D5w000000RELY!AQ-access-token-3c9';
const NEW_TOKEN = '00D5w000000RELY!AQ-new-token-8d2';
const REFRESH = 'refresh-token-secret-a1b2c3';
const CLIENT_SECRET = 'client-secret-0xABAD1DEA';
const SECRETS = [TOKEN, NEW_TOKEN, REFRESH, CLIENT_SECRET];
const SESSION_INVALID = [{ message: 'Session expired or invalid', errorCode: 'INVALID_SESSION_ID' }];

const probe = definePlugin({
  name: 'probe',
  services: [
    defineService('Probe', {
      read: {
        description: 'One AsyncApexJob query through the org.',
        input: { type: 'object' },
        handler: async (_input, ctx) => ({ rows: (await ctx.org.query('SELECT Id FROM AsyncApexJob', {}, { signal: ctx.signal })).records.length }),
      },
    }),
  ],
});

function expectNoSecrets(out: unknown): void {
  for (const secret of SECRETS) expect(JSON.stringify(out)).not.toContain(secret);
}

/**
 * A loopback org and login server answering from a script: these faults go over real sockets
 * (test/orgs/jsforce/faults.test.ts covers the same ground under nock).
 */
interface Scripted {
  url: string;
  /** Replies still queued per "METHOD path". */
  queue: Map<string, { status: number; body: unknown }[]>;
  hits: string[];
  close(): Promise<void>;
}

async function scriptedServer(): Promise<Scripted> {
  const queue = new Map<string, { status: number; body: unknown }[]>();
  const hits: string[] = [];
  const server = createServer((req, res) => {
    const key = `${req.method} ${(req.url ?? '').split('?')[0]}`;
    hits.push(key);
    req.resume();
    req.on('end', () => {
      const next = queue.get(key)?.shift() ?? { status: 418, body: [{ errorCode: 'UNSCRIPTED', message: key }] };
      res.writeHead(next.status, { 'content-type': 'application/json' }).end(JSON.stringify(next.body));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    queue,
    hits,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

const script = (s: Scripted, key: string, ...replies: { status: number; body: unknown }[]) => s.queue.set(key, [...(s.queue.get(key) ?? []), ...replies]);
const TOKEN_PATH = 'POST /services/oauth2/token';
const QUERY_PATH = `GET ${QUERY}`;

describe('a token refresh that fails', () => {
  let api: Scripted;
  beforeEach(async () => {
    api = await scriptedServer();
  });
  afterEach(() => api.close());

  async function emulator(loginUrl?: string) {
    const org = await connectOrg({
      instanceUrl: api.url,
      accessToken: TOKEN,
      refreshToken: REFRESH,
      clientId: 'cid',
      clientSecret: CLIENT_SECRET,
      loginUrl: loginUrl ?? api.url,
      maxRetries: 0,
    });
    return createEmulator({ org, plugins: [probe] });
  }

  it('the login server refuses the refresh token (invalid_grant) → INVOKE-502 INVALID_SESSION_ID saying why', async () => {
    const emu = await emulator();
    script(api, QUERY_PATH, { status: 401, body: SESSION_INVALID });
    script(api, TOKEN_PATH, { status: 400, body: { error: 'invalid_grant', error_description: 'expired access/refresh token' } });
    const out = await emu.invoke('Probe:read', {});
    expect(out).toMatchObject({ errorCode: 'INVOKE-502', details: { errorCode: 'INVALID_SESSION_ID' } });
    expect(out.error).toContain('expired access/refresh token');
    expect(api.hits).toEqual([QUERY_PATH, TOKEN_PATH]);
    expectNoSecrets(out);
  });

  it('the login server is unreachable during the refresh (a closed loopback port) → INVOKE-502, not a hang', async () => {
    const emu = await emulator('http://127.0.0.1:9');
    script(api, QUERY_PATH, { status: 401, body: SESSION_INVALID });
    const out = await emu.invoke('Probe:read', {}, { timeout: 20_000 });
    expect(out.errorCode).toBe('INVOKE-502');
    expect(out.error).toMatch(/refresh/i);
    expectNoSecrets(out);
  });

  it('after a refresh failed (login server 503), the next call refreshes again and succeeds', async () => {
    const emu = await emulator();
    script(api, QUERY_PATH, { status: 401, body: SESSION_INVALID });
    script(api, TOKEN_PATH, { status: 503, body: { error: 'temporarily_unavailable', error_description: 'try again' } });
    expect((await emu.invoke('Probe:read', {})).errorCode).toBe('INVOKE-502');

    script(
      api,
      QUERY_PATH,
      { status: 401, body: SESSION_INVALID },
      { status: 200, body: { totalSize: 1, done: true, records: [{ attributes: { type: 'AsyncApexJob', url: '/x' }, Id: SMALL_JOB }] } },
    );
    script(api, TOKEN_PATH, { status: 200, body: { access_token: NEW_TOKEN, instance_url: api.url, id: `${api.url}/id/00D/005` } });
    const out = await emu.invoke('Probe:read', {});
    expect(api.hits.filter((h) => h === TOKEN_PATH)).toHaveLength(2);
    expect(out).toEqual({ rows: 1, errorCode: 'INVOKE-200', error: 'OK' });
  });
});

describe('an org returning records missing fields', () => {
  const second = jobId(2);
  const base = smallOrg();
  base.jobs.push({ Id: second, Status: 'Queued', NumberOfErrors: null, ExtendedStatus: null, CreatedDate: '2026-11-02T10:00:00.000+0000' });
  base.links.push({ policyId: SMALL_POLICY, jobId: second });
  const mock = MockOrg.fromFixturesSync(fixtureOf(base));

  /** Drops one field from the records of one object, while `strip` is set. */
  let strip: { object: string; field: string } | undefined;
  const org: Org = {
    cacheKey: 'stripping',
    describe: (sobject, options) => mock.describe(sobject, options),
    query: async <R = SObjectRecord>(soql: string, binds?: Parameters<Org['query']>[1], options?: Parameters<Org['query']>[2]) => {
      const result = await mock.query<SObjectRecord>(soql, binds, options);
      const records = result.records.map((record) => {
        if (!strip || record.attributes.type !== strip.object) return record;
        const copy: SObjectRecord = { ...record };
        delete copy[strip.field];
        return copy;
      });
      return { ...result, records } as unknown as Awaited<ReturnType<Org['query']>> & { records: R[] };
    },
  };
  const emu = createEmulator({ org });

  it.each([
    ['AsyncApexJob', 'Status', { jobId: SMALL_JOB }],
    ['AsyncApexJob', 'Status', { policyId: SMALL_POLICY }],
    ['AsyncApexJob', 'Id', { jobId: SMALL_JOB }],
    ['AsyncApexJob', 'Id', { policyId: SMALL_POLICY }],
    ['AsyncApexJob', 'CreatedDate', { policyId: SMALL_POLICY }],
  ])('%s without %s, input %j → INVOKE-502 naming the field; the next call works', async (object, field, input) => {
    strip = { object, field };
    const out = await emu.invoke(KEY, input);
    strip = undefined;
    expect(out.errorCode).toBe('INVOKE-502');
    expect(out.error).toContain(`${object}`);
    expect(out.error).toContain(field);
    await expect(emu.invoke(KEY, input)).resolves.toMatchObject({ errorCode: 'INVOKE-200' });
  });
});
