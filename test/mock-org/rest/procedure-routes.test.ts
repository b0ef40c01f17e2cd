import { Connection } from 'jsforce';
import { MockOrg } from '../../../src/mock-org/mock-org';
import { buildMockRestServer, startMockRestServer, type MockRestServer } from '../../../src/mock-org/rest/server';
import { mockOrgProcedures, type MockOrgProcedures } from '../../../src/cli/mock-org-procedures';
import { procedureEmulator, RecordedRun } from '../../http/fake-procedures';
import { BULK_JOBS, restFixtures } from './rest-fixtures';

/**
 * `ipemu mock-org serve`'s Integration Procedure routes, driven by jsforce over loopback: the
 * composition the CLI uses (mockOrgProcedures), on a mock org, with fake procedures that read it.
 */
/** jsforce's error for a failed call: the body is not Salesforce's error list, so jsforce names the status and keeps the body as text. */
async function failureOf(call: Promise<unknown>): Promise<{ status: string; body: unknown }> {
  try {
    await call;
  } catch (err) {
    const { errorCode, message } = err as { errorCode: string; message: string };
    return { status: errorCode, body: JSON.parse(message) as unknown };
  }
  throw new Error('the call succeeded');
}

describe('mock-org serve: Integration Procedure routes through jsforce', () => {
  let org: MockOrg;
  let server: MockRestServer;
  let procedures: MockOrgProcedures;
  let runs: RecordedRun[];
  let conn: Connection;

  beforeAll(async () => {
    org = await MockOrg.fromFixtures(restFixtures());
  });
  beforeEach(async () => {
    runs = [];
    procedures = mockOrgProcedures(org, (userOrg) => procedureEmulator(runs, userOrg, userOrg.userName));
    server = await startMockRestServer({ org, extensions: [procedures.extension] });
    conn = new Connection({ instanceUrl: server.instanceUrl, accessToken: server.accessToken, version: '64.0', maxRequest: 1 });
  });
  afterEach(async () => {
    await server.close();
    await procedures.close();
  });

  test("conn.apex.post to /vlocity_ins/v1/integrationprocedure/<key>/ answers the IP's response", async () => {
    const body = await conn.apex.post('/vlocity_ins/v1/integrationprocedure/Demo_Echo/', { policy: 'P-1' });
    expect(body).toEqual({ policy: 'P-1' });
    expect(runs).toEqual([{ key: 'Demo_Echo', input: { policy: 'P-1' }, options: {}, user: 'admin' }]);
  });

  test('conn.apex.get passes the query parameters as input', async () => {
    expect(await conn.apex.get('/omnistudio/v1/integrationprocedure/Demo_Echo/?ref=REF-1')).toEqual({ ref: 'REF-1' });
  });

  test('the procedure runs against that mock org: it counts the fixture jobs', async () => {
    expect(await conn.apex.post('/vlocity_ins/v1/integrationprocedure/Demo_Jobs/', {})).toEqual({ jobs: BULK_JOBS });
  });

  test("a procedure runs as the token's user: agent cannot see AsyncApexJob, so the run fails INVOKE-502 with 502", async () => {
    const grant = await fetch(`${server.instanceUrl}/services/oauth2/token`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({ grant_type: 'password', username: 'agent', password: 'x' }).toString(),
    });
    const { access_token: accessToken } = (await grant.json()) as { access_token: string };
    const agent = new Connection({ instanceUrl: server.instanceUrl, accessToken, version: '64.0', maxRequest: 1 });
    const failed = await failureOf(agent.apex.post('/vlocity_ins/v1/integrationprocedure/Demo_Jobs/', {}));
    expect(failed).toMatchObject({ status: 'ERROR_HTTP_502', body: { errorCode: 'INVOKE-502', details: { errorCode: 'INVALID_TYPE' } } });
    expect(runs.at(-1)!.user).toBe('agent');
  });

  test('conn.request to the Connect route answers { error, response, status }', async () => {
    const body = await conn.request({
      method: 'POST',
      url: '/services/data/v64.0/connect/omni-global/integration-procedure/execute/Demo_Echo',
      body: JSON.stringify({ input: { inputs: ['{"n":1}'] }, options: {} }),
      headers: { 'content-type': 'application/json' },
    });
    expect(body).toEqual({ error: null, response: [{ n: 1 }], status: 'Success' });
  });

  test('an unknown key is HTTP 404 with the INVOKE-404 failure map as the body', async () => {
    const failed = await failureOf(conn.apex.post('/vlocity_ins/v1/integrationprocedure/Nope_Missing/', {}));
    expect(failed).toMatchObject({ status: 'ERROR_HTTP_404', body: { errorCode: 'INVOKE-404' } });
  });

  test('a wrong bearer token is 401 INVALID_SESSION_ID, as on every route of the fake API', async () => {
    const res = await fetch(`${server.instanceUrl}/services/apexrest/vlocity_ins/v1/integrationprocedure/Demo_Echo/`, {
      method: 'POST',
      headers: { authorization: 'Bearer wrong', 'content-type': 'application/json' },
      body: '{}',
    });
    expect(res.status).toBe(401);
    expect(await res.json()).toEqual([{ message: 'Session expired or invalid', errorCode: 'INVALID_SESSION_ID' }]);
    expect(runs).toHaveLength(0);
  });

  test('malformed JSON gets the fake API own JSON_PARSER_ERROR (its one error handler)', async () => {
    const res = await fetch(`${server.instanceUrl}/services/apexrest/vlocity_ins/v1/integrationprocedure/Demo_Echo/`, {
      method: 'POST',
      headers: { authorization: `Bearer ${server.accessToken}`, 'content-type': 'application/json' },
      body: '{"policy":',
    });
    expect(res.status).toBe(400);
    expect(((await res.json()) as { errorCode: string }[])[0]!.errorCode).toBe('JSON_PARSER_ERROR');
  });

  test('Apex REST and Connect requests count against the daily API limit, as other REST requests do', async () => {
    const before = server.requestCount();
    await conn.apex.post('/vlocity_ins/v1/integrationprocedure/Demo_Echo/', {});
    await conn.request({
      method: 'POST',
      url: '/services/data/v64.0/connect/omni-global/integration-procedure/execute/Demo_Echo',
      body: '{}',
      headers: { 'content-type': 'application/json' },
    });
    expect(server.requestCount()).toBe(before + 2);
  });

  test('the Connect route is not served below v64.0, nor on a version the fake API does not know (404 NOT_FOUND)', async () => {
    for (const version of ['v63.0', 'v99.0']) {
      const res = await fetch(`${server.instanceUrl}/services/data/${version}/connect/omni-global/integration-procedure/execute/Demo_Echo`, {
        method: 'POST',
        headers: { authorization: `Bearer ${server.accessToken}`, 'content-type': 'application/json' },
        body: '{}',
      });
      expect(res.status).toBe(404);
      expect(((await res.json()) as { errorCode: string }[])[0]!.errorCode).toBe('NOT_FOUND');
    }
  });
});

describe('the fake REST API without extensions', () => {
  test('has no /services/apexrest or Connect route: 404 NOT_FOUND as for any unknown resource', async () => {
    const app = buildMockRestServer({ org: await MockOrg.fromFixtures(restFixtures()), accessToken: 'plain-server-token' });
    try {
      const headers = { authorization: 'Bearer plain-server-token', 'content-type': 'application/json' };
      for (const url of [
        '/services/apexrest/vlocity_ins/v1/integrationprocedure/Demo_Echo/',
        '/services/data/v64.0/connect/omni-global/integration-procedure/execute/Demo_Echo',
      ]) {
        const res = await app.inject({ method: 'POST', url, headers, payload: '{}' });
        expect(res.statusCode).toBe(404);
        expect(res.json()).toEqual([{ errorCode: 'NOT_FOUND', message: 'The requested resource does not exist' }]);
      }
    } finally {
      await app.close();
    }
  });
});
