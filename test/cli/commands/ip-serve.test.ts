import { Connection } from 'jsforce';
import { join } from 'node:path';
import { runCli } from '../run-cli';
import { startCli } from '../spawn-server';
import { COND_BLOCK, COND_BLOCK_INPUT, COND_BLOCK_OUTPUT, DEMO_JOB, editedCopy, replaceIn, VLOCITY_IPS } from './ip-fixtures';

const TOKEN = 'ip-serve-token-of-some-length';

describe('ipemu serve --procedures', () => {
  test('serves POST /procedures/<key> (the envelope), the Apex REST route (the response) and the procedures in /openapi.json', async () => {
    const server = await startCli(['serve', '--port', '0', '--log-level', 'silent', '--token', TOKEN, '--procedures', VLOCITY_IPS]);
    try {
      const { url } = JSON.parse(server.firstLine) as { url: string };
      const headers = { 'content-type': 'application/json', authorization: `Bearer ${TOKEN}` };
      const envelope = await fetch(`${url}/procedures/${COND_BLOCK}`, { method: 'POST', headers, body: JSON.stringify({ input: COND_BLOCK_INPUT }) });
      expect(envelope.status).toBe(200);
      expect(await envelope.json()).toEqual({ IPResult: COND_BLOCK_OUTPUT, errorCode: 'INVOKE-200', error: 'OK' });
      const apex = await fetch(`${url}/services/apexrest/vlocity_ins/v1/integrationprocedure/DataPackTest_IPCondBlock1/`, {
        method: 'POST',
        headers,
        body: JSON.stringify(COND_BLOCK_INPUT),
      });
      expect(apex.status).toBe(200);
      expect(await apex.json()).toEqual(COND_BLOCK_OUTPUT);
      const doc = (await (await fetch(`${url}/openapi.json`, { headers })).json()) as { paths: Record<string, unknown> };
      expect(Object.keys(doc.paths)).toEqual(expect.arrayContaining([`/procedures/${COND_BLOCK}`, '/procedures/DataPackTest_IPTest1']));
      const denied = await fetch(`${url}/procedures/${COND_BLOCK}`, { method: 'POST' });
      expect(denied.status).toBe(401);
    } finally {
      server.child.kill('SIGTERM');
      expect(await server.exited).toBe(0);
    }
  });
});

describe('ipemu mock-org serve --procedures', () => {
  test('jsforce runs vlocity_build IPCondBlock1 over Apex REST and the Connect API', async () => {
    const server = await startCli(['mock-org', 'serve', '--port', '0', '--procedures', VLOCITY_IPS]);
    try {
      const { instanceUrl, accessToken } = JSON.parse(server.firstLine) as { instanceUrl: string; accessToken: string };
      const conn = new Connection({ instanceUrl, accessToken, version: '64.0', maxRequest: 1 });
      expect(await conn.apex.post(`/vlocity_ins/v1/integrationprocedure/${COND_BLOCK}/`, COND_BLOCK_INPUT)).toEqual(COND_BLOCK_OUTPUT);
      const connect = await conn.request<{ error: unknown; response: unknown[]; status: string }>({
        method: 'POST',
        url: '/services/data/v64.0/connect/omni-global/integration-procedure/execute/DataPackTest_IPCondBlock1',
        body: JSON.stringify({ input: { inputs: [JSON.stringify(COND_BLOCK_INPUT)] }, options: {} }),
        headers: { 'content-type': 'application/json' },
      });
      expect(connect).toEqual({ error: null, response: [COND_BLOCK_OUTPUT], status: 'Success' });
    } finally {
      server.child.kill('SIGTERM');
      expect(await server.exited).toBe(0);
    }
  });

  test("the demo's Data Mapper Extract runs as the token's user: admin finds the policy, agent (ReferencePolicyNumber hidden) gets 502 INVALID_FIELD", async () => {
    const server = await startCli(['mock-org', 'serve', '--port', '0']);
    try {
      const { instanceUrl, accessToken } = JSON.parse(server.firstLine) as { instanceUrl: string; accessToken: string };
      const path = '/vlocity_ins/v1/integrationprocedure/InsPolicy_StatusByReference/';
      const input = { referencePolicyNumber: 'AUTO-2026-000123' };
      const admin = new Connection({ instanceUrl, accessToken, version: '64.0', maxRequest: 1 });
      expect(await admin.apex.post(path, input)).toMatchObject({ found: true, policies: [{ jobId: DEMO_JOB, status: 'Success' }] });
      const grant = await fetch(`${instanceUrl}/services/oauth2/token`, {
        method: 'POST',
        headers: { 'content-type': 'application/x-www-form-urlencoded' },
        body: new URLSearchParams({ grant_type: 'password', username: 'agent', password: 'x' }).toString(),
      });
      const agent = new Connection({
        instanceUrl,
        accessToken: ((await grant.json()) as { access_token: string }).access_token,
        version: '64.0',
        maxRequest: 1,
      });
      const refused = await agent.apex.post(path, input).then(
        () => undefined,
        (err: { errorCode: string; message: string }) => ({ status: err.errorCode, body: JSON.parse(err.message) as unknown }),
      );
      expect(refused).toMatchObject({
        status: 'ERROR_HTTP_502',
        body: { errorCode: 'INVOKE-502', details: { errorCode: 'INVALID_FIELD', element: 'GetPolicies' } },
      });
    } finally {
      server.child.kill('SIGTERM');
      expect(await server.exited).toBe(0);
    }
  });

  test('a broken definition folder stops it before it listens: exit 2, the problem on stderr, no first line', async () => {
    const dir = editedCopy('ipemu-mock-serve-broken-', (d) =>
      replaceIn(
        join(d, 'DataPackTest_IPCondBlock1', 'DataPackTest_IPCondBlock1_Element_CalculateTax.json'),
        '"=(%SalesTax% * 100)"',
        '"=(%SalesTax% * * 100)"',
      ),
    );
    const r = await runCli(['mock-org', 'serve', '--port', '0', '--procedures', dir], { killAfterMs: 20_000 });
    expect(r.killed).toBe(false);
    expect(r.code).toBe(2);
    expect(r.stdout).toBe('');
    expect(r.stderr).toMatch(/CalculateTax: property elementValueMap/);
  });
});
