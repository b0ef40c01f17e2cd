import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Writable } from 'node:stream';
import { createEmulator } from '../../src/ipemu';
import type { Logger } from '../../src/core/logger';
import { buildServer } from '../../src/http/server';
import { connectOrg } from '../../src/orgs/jsforce/connect';
import { DEMO_FIXTURES, MockOrg } from '../../src/mock-org/mock-org';
import { startMockRestServer, MockRestServer } from '../../src/mock-org/rest/server';
import { runCli, CliResult } from '../cli/run-cli';
import { startCli } from '../cli/spawn-server';
import { leaksIn } from './leaks';

/**
 * Issue 7 item 5: every command and server path runs with known secrets, and stdout, stderr,
 * output maps and logs are scanned for them. A secret is looked for as is, URL-encoded and
 * JSON-escaped.
 */

const ORG_TOKEN = '00D5w000000SECR!AQ-org-token-7f3a9c1e';
const WRONG_ORG_TOKEN = '00D5w000000SECR!AQ-wrong-token-51b2d8';
const SERVE_TOKEN = 'serve-token-c0ffee-4242';
const WRONG_SERVE_TOKEN = 'wrong-serve-token-badcafe-77';
const PASSWORD = 'p4ssw0rd-SECRET-9e1';
const CLIENT_SECRET = 'client-secret-0xFEEDFACE';
const SECRETS = { ORG_TOKEN, WRONG_ORG_TOKEN, SERVE_TOKEN, WRONG_SERVE_TOKEN, PASSWORD, CLIENT_SECRET };

const KEY = 'InsPolicyService:getPolicyAsyncJobStatus';
const JOB = '7075j00004uK6GjAAK';
const INPUT = JSON.stringify({ jobId: JOB });

let org: MockRestServer;
let tmp: string;
/** Unreachable: jsforce retries a refused connection for ~16 s, so this run starts first and runs alongside. */
let unreachable: Promise<CliResult>;

beforeAll(async () => {
  unreachable = runCli(['invoke', KEY, '--input', INPUT, '--instance-url', 'http://127.0.0.1:9', '--access-token', ORG_TOKEN]);
  org = await startMockRestServer({ org: await MockOrg.fromFixtures(DEMO_FIXTURES), accessToken: ORG_TOKEN });
  tmp = mkdtempSync(join(tmpdir(), 'ipemu-secrets-'));
});

afterAll(async () => {
  await unreachable;
  await org.close();
});

function expectNoLeak(...texts: string[]): void {
  expect(leaksIn(texts.join('\n'), SECRETS)).toEqual([]);
}

it('the scan can fail: it finds a secret as is, URL-encoded and JSON-escaped', () => {
  expect(leaksIn(`q=${encodeURIComponent(ORG_TOKEN)}`, SECRETS)).toEqual(['ORG_TOKEN']);
  expect(leaksIn(JSON.stringify({ t: `x${PASSWORD}` }), SECRETS)).toEqual(['PASSWORD']);
});

const realOrg = (): string[] => ['--instance-url', org.instanceUrl];

describe('CLI paths', () => {
  it('invoke --access-token against the fake REST API: INVOKE-200, no token in stdout or stderr', async () => {
    const r = await runCli(['invoke', KEY, '--input', INPUT, ...realOrg(), '--access-token', ORG_TOKEN]);
    expect(r.code).toBe(0);
    expect(JSON.parse(r.stdout)).toMatchObject({ errorCode: 'INVOKE-200', jobId: JOB });
    expectNoLeak(r.stdout, r.stderr);
  });

  it('invoke --json and env SF_ACCESS_TOKEN: no token', async () => {
    const r = await runCli(['invoke', KEY, '--input', INPUT, '--json'], { env: { SF_INSTANCE_URL: org.instanceUrl, SF_ACCESS_TOKEN: ORG_TOKEN } });
    expect(r.code).toBe(0);
    expect(JSON.parse(r.stdout)).toMatchObject({ status: 0, result: { errorCode: 'INVOKE-200' } });
    expectNoLeak(r.stdout, r.stderr);
  });

  it('invoke with a wrong token: exit 5 INVALID_SESSION_ID, neither token shown', async () => {
    const r = await runCli(['invoke', KEY, '--input', INPUT, ...realOrg(), '--access-token', WRONG_ORG_TOKEN]);
    expect(r.code).toBe(5);
    expect(JSON.parse(r.stdout)).toMatchObject({ errorCode: 'INVOKE-502', details: { errorCode: 'INVALID_SESSION_ID' } });
    expectNoLeak(r.stdout, r.stderr);
  });

  it('usage errors next to a token (no instance URL, a bad URL): exit 2, no token', async () => {
    const noUrl = await runCli(['invoke', KEY, '--input', INPUT, '--access-token', ORG_TOKEN]);
    const badUrl = await runCli(['invoke', KEY, '--input', INPUT, '--instance-url', `not a url ${ORG_TOKEN}`.slice(0, 10), '--access-token', ORG_TOKEN]);
    expect(noUrl.code).toBe(2);
    expect(badUrl.code).toBe(2);
    expectNoLeak(noUrl.stdout, noUrl.stderr, badUrl.stdout, badUrl.stderr);
  });

  it('batch --access-token: every line answered, no token', async () => {
    const file = join(tmp, 'batch.jsonl');
    writeFileSync(file, `${INPUT}\n{"jobId":"bad"}\n${INPUT}\n`);
    const ok = await runCli(['batch', KEY, '--input-file', file, ...realOrg(), '--access-token', ORG_TOKEN]);
    const denied = await runCli(['batch', KEY, '--input-file', file, ...realOrg(), '--access-token', WRONG_ORG_TOKEN]);
    expect(
      ok.stdout
        .trim()
        .split('\n')
        .map((l) => JSON.parse(l).errorCode),
    ).toEqual(['INVOKE-200', 'INVOKE-400', 'INVOKE-200']);
    expect(denied.code).not.toBe(0);
    expectNoLeak(ok.stdout, ok.stderr, denied.stdout, denied.stderr);
  });

  it('serve --token on a real org, debug logs: right, wrong and missing tokens; no secret in logs or replies', async () => {
    const server = await startCli(['serve', '--port', '0', '--token', SERVE_TOKEN, '--log-level', 'trace', ...realOrg(), '--access-token', ORG_TOKEN]);
    const { url } = JSON.parse(server.firstLine) as { url: string };
    const post = (token?: string, body = { input: { jobId: JOB } }) =>
      fetch(`${url}/invoke/${KEY}`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
        body: JSON.stringify(body),
      });
    const replies: string[] = [];
    const right = await post(SERVE_TOKEN);
    replies.push(await right.text());
    expect(right.status).toBe(200);
    for (const res of [await post(WRONG_SERVE_TOKEN), await post(), await post(ORG_TOKEN)]) {
      expect(res.status).toBe(401);
      replies.push(await res.text());
    }
    for (const path of ['/services', '/openapi.json', '/healthz', '/nope']) {
      replies.push(await (await fetch(`${url}${path}`, { headers: { authorization: `Bearer ${WRONG_SERVE_TOKEN}` } })).text());
    }
    server.child.kill('SIGTERM');
    expect(await server.exited).toBe(0);
    expect(server.stderr()).toContain('"status":401');
    expectNoLeak(server.stdout(), server.stderr(), ...replies);
  });

  it('serve with a wrong org token behind a right serve token: 502 with no org token', async () => {
    const server = await startCli(['serve', '--port', '0', '--log-level', 'debug', ...realOrg(), '--access-token', WRONG_ORG_TOKEN], {
      IPEMU_TOKEN: SERVE_TOKEN,
    });
    const { url } = JSON.parse(server.firstLine) as { url: string };
    const res = await fetch(`${url}/invoke/${KEY}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${SERVE_TOKEN}` },
      body: JSON.stringify({ input: { jobId: JOB } }),
    });
    expect(res.status).toBe(502);
    const reply = await res.text();
    server.child.kill('SIGTERM');
    expect(await server.exited).toBe(0);
    expectNoLeak(server.stdout(), server.stderr(), reply);
  });

  it('mock-org serve: its token is printed once on the first line and nowhere else', async () => {
    const server = await startCli(['mock-org', 'serve', '--port', '0']);
    const { instanceUrl, accessToken } = JSON.parse(server.firstLine) as { instanceUrl: string; accessToken: string };
    const ok = await runCli(['invoke', KEY, '--input', INPUT, '--instance-url', instanceUrl, '--access-token', accessToken]);
    const denied = await runCli(['invoke', KEY, '--input', INPUT, '--instance-url', instanceUrl, '--access-token', WRONG_ORG_TOKEN]);
    expect([ok.code, denied.code]).toEqual([0, 5]);
    server.child.kill('SIGTERM');
    expect(await server.exited).toBe(0);
    const secrets = { MOCK_TOKEN: accessToken, WRONG_ORG_TOKEN };
    expect(
      leaksIn([server.stdout().slice(server.firstLine.length), server.stderr(), ok.stdout, ok.stderr, denied.stdout, denied.stderr].join('\n'), secrets),
    ).toEqual([]);
  });

  it('invoke with an unreachable instance URL: exit 5 UNREACHABLE, no token', async () => {
    const r = await unreachable;
    expect(r.code).toBe(5);
    expect(JSON.parse(r.stdout)).toMatchObject({ errorCode: 'INVOKE-502', details: { errorCode: 'UNREACHABLE' } });
    expectNoLeak(r.stdout, r.stderr);
  });
});

describe('in-process paths', () => {
  const lines: string[] = [];
  const capture = (level: string) => (obj: object, msg?: string) => lines.push(`${level} ${JSON.stringify(obj)} ${msg ?? ''}`);
  const logger: Logger = { debug: capture('debug'), info: capture('info'), warn: capture('warn'), error: capture('error') };
  beforeEach(() => (lines.length = 0));

  it('HTTP server (inject, trace logs captured): right and wrong tokens leave no secret in logs or replies', async () => {
    const stream = new Writable({ write: (chunk: Buffer, _enc, done) => (lines.push(chunk.toString('utf8')), done()) });
    const emulator = createEmulator({ org: await connectOrg({ instanceUrl: org.instanceUrl, accessToken: ORG_TOKEN, maxRetries: 0, logger }), logger });
    const app = buildServer({ emulator, token: SERVE_TOKEN, logLevel: 'trace', logStream: stream });
    const replies: string[] = [];
    for (const token of [SERVE_TOKEN, WRONG_SERVE_TOKEN, ORG_TOKEN, `${SERVE_TOKEN}x`]) {
      const res = await app.inject({
        method: 'POST',
        url: `/invoke/${KEY}`,
        headers: { authorization: `Bearer ${token}` },
        payload: { input: { jobId: JOB } },
      });
      expect(res.statusCode).toBe(token === SERVE_TOKEN ? 200 : 401);
      replies.push(res.body);
    }
    await app.close();
    expect(lines.length).toBeGreaterThan(3);
    expectNoLeak(...lines, ...replies);
  });

  it('JsforceOrg errors (wrong token, bad query, failed password login) carry no secret', async () => {
    const wrong = await connectOrg({ instanceUrl: org.instanceUrl, accessToken: WRONG_ORG_TOKEN, maxRetries: 0, logger });
    const errors: unknown[] = [];
    await wrong.query('SELECT Id FROM AsyncApexJob').catch((e: unknown) => errors.push(e));
    const right = await connectOrg({ instanceUrl: org.instanceUrl, accessToken: ORG_TOKEN, maxRetries: 0, logger });
    await right.query('SELECT Nope FROM AsyncApexJob WHERE Id = :id', { id: ORG_TOKEN }).catch((e: unknown) => errors.push(e));
    await connectOrg({
      loginUrl: org.instanceUrl,
      username: 'nobody',
      password: PASSWORD,
      clientId: 'cid',
      clientSecret: CLIENT_SECRET,
      maxRetries: 0,
      logger,
    }).catch((e: unknown) => errors.push(e));
    expect(errors).toHaveLength(3);
    const out = await createEmulator({ org: wrong, logger }).invoke(KEY, { jobId: JOB });
    expect(out.errorCode).toBe('INVOKE-502');
    const texts = errors.map((e) => {
      const err = e as Error & Record<string, unknown>;
      return `${err.message}\n${err.stack}\n${JSON.stringify(err)}\n${JSON.stringify(err.details ?? null)}`;
    });
    // The bind value of the bad query is the org token itself: a SOQL error echoing the query would leak it.
    expectNoLeak(...texts, JSON.stringify(out), ...lines);
  });
});
