import type { FastifyInstance } from 'fastify';
import { MockOrg } from '../../../src/mock-org/mock-org';
import { buildMockRestServer, issueTokenFor, requestCountOf } from '../../../src/mock-org/rest/server';
import { mockOrgProcedures, type MockOrgProcedures } from '../../../src/cli/mock-org-procedures';
import { createEmulator } from '../../../src/ipemu';
import { ERROR_CODES, type ErrorCode } from '../../../src/core/errors';
import { packageVersion } from '../../../src/http/openapi';
import { postJson, testPlugin } from '../../http/helpers';
import { FIRST_JOB_ID, restFixtures } from './rest-fixtures';

/**
 * `ipemu mock-org serve`'s services route and capabilities route (issue 14 item 3), in-process
 * through inject(), on the composition the CLI uses (mockOrgProcedures).
 */
const SERVICES = '/services/apexrest/ipemu/v1/services';
const CAPABILITIES = '/services/apexrest/ipemu/v1/capabilities';
const STATUS_KEY = 'InsPolicyService:getPolicyAsyncJobStatus';

describe('mock-org serve: POST /services/apexrest/ipemu/v1/services/<Class:Method>', () => {
  let org: MockOrg;
  let app: FastifyInstance;
  let procedures: MockOrgProcedures;
  let auth: Record<string, string>;

  beforeAll(async () => {
    org = await MockOrg.fromFixtures(restFixtures());
  });
  beforeEach(async () => {
    procedures = mockOrgProcedures(org, (userOrg) => createEmulator({ org: userOrg, plugins: [testPlugin()], procedures: false }));
    app = buildMockRestServer({ org, accessToken: 'admin-token', extensions: [procedures.extension] });
    await app.ready();
    auth = { authorization: 'Bearer admin-token' };
  });
  afterEach(async () => {
    await app.close();
    await procedures.close();
  });

  test('runs the service with { input } and answers its output map with 200', async () => {
    const res = await postJson(app, `${SERVICES}/${STATUS_KEY}`, { input: { jobId: FIRST_JOB_ID } }, auth);
    expect(res.statusCode).toBe(200);
    expect(res.json()).toEqual({ status: 'Success', jobId: FIRST_JOB_ID, errorCode: 'INVOKE-200', error: 'OK' });
  });

  test('reads options as the service does (input, then options) and accepts the trailing slash', async () => {
    const res = await postJson(app, `${SERVICES}/${STATUS_KEY}/`, { input: {}, options: { jobId: FIRST_JOB_ID } }, auth);
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({ jobId: FIRST_JOB_ID, errorCode: 'INVOKE-200' });
  });

  test.each(['INVALID_INPUT', 'FORBIDDEN', 'NOT_FOUND', 'INTERNAL', 'ORG_ERROR', 'NOT_IMPLEMENTED', 'TIMEOUT'] as ErrorCode[])(
    'a service raising %s answers its INVOKE code with the error table’s HTTP status',
    async (code) => {
      const res = await postJson(app, `${SERVICES}/Echo:fail`, { input: { code } }, auth);
      expect(res.statusCode).toBe(ERROR_CODES[code].http);
      expect(res.json()).toMatchObject({ errorCode: ERROR_CODES[code].invoke, error: `raised ${code}` });
    },
  );

  test('an unknown service is INVOKE-404 with 404; a schema failure is INVOKE-400 with 400', async () => {
    const unknown = await postJson(app, `${SERVICES}/Nope:nothing`, { input: {} }, auth);
    expect(unknown.statusCode).toBe(404);
    expect(unknown.json()).toMatchObject({ errorCode: 'INVOKE-404' });
    const bad = await postJson(app, `${SERVICES}/${STATUS_KEY}`, { input: { jobId: 'not-an-id' } }, auth);
    expect(bad.statusCode).toBe(400);
    expect(bad.json()).toMatchObject({ errorCode: 'INVOKE-400' });
  });

  test.each([
    ['a JSON array', '[1]', 'The request body must be a JSON object: { "input": {…}, "options": {…} }.'],
    ['input that is not an object', '{"input":"x"}', '"input" must be a JSON object.'],
    ['options that are not an object', '{"input":{},"options":[1]}', '"options" must be a JSON object.'],
    ['malformed JSON', '{"input":', 'The request body is not valid JSON.'],
  ])('%s is an INVOKE-400 output map with 400', async (_what, payload, error) => {
    const res = await postJson(app, `${SERVICES}/${STATUS_KEY}`, payload, auth);
    expect(res.statusCode).toBe(400);
    expect(res.json()).toEqual({ errorCode: 'INVOKE-400', error });
  });

  test('without a valid token: 401 INVALID_SESSION_ID in the REST API’s shape, not the service’s output map', async () => {
    const res = await postJson(app, `${SERVICES}/Echo:fail`, { input: { code: 'INTERNAL' } }, { authorization: 'Bearer wrong' });
    expect(res.statusCode).toBe(401);
    expect(res.json()).toEqual([{ message: 'Session expired or invalid', errorCode: 'INVALID_SESSION_ID' }]);
  });

  test('runs as the token’s user: agent cannot see AsyncApexJob, so the status service answers INVOKE-403', async () => {
    const token = issueTokenFor(app, 'agent');
    const res = await postJson(app, `${SERVICES}/${STATUS_KEY}`, { input: { jobId: FIRST_JOB_ID } }, { authorization: `Bearer ${token}` });
    expect(res.statusCode).toBe(403);
    expect(res.json()).toMatchObject({ errorCode: 'INVOKE-403' });
  });

  test('each request, success or failure, counts as one API request', async () => {
    const before = requestCountOf(app);
    await postJson(app, `${SERVICES}/${STATUS_KEY}`, { input: { jobId: FIRST_JOB_ID } }, auth);
    await postJson(app, `${SERVICES}/${STATUS_KEY}`, '{"input":', auth);
    await app.inject({ method: 'GET', url: CAPABILITIES, headers: auth });
    expect(requestCountOf(app) - before).toBe(3);
  });

  test('past the daily limit the route answers 403 REQUEST_LIMIT_EXCEEDED', async () => {
    const limited = buildMockRestServer({ org, accessToken: 'admin-token', dailyApiRequests: 1, extensions: [procedures.extension] });
    try {
      expect((await postJson(limited, `${SERVICES}/${STATUS_KEY}`, { input: { jobId: FIRST_JOB_ID } }, auth)).statusCode).toBe(200);
      const refused = await postJson(limited, `${SERVICES}/${STATUS_KEY}`, { input: { jobId: FIRST_JOB_ID } }, auth);
      expect(refused.statusCode).toBe(403);
      expect(refused.json()).toEqual([expect.objectContaining({ errorCode: 'REQUEST_LIMIT_EXCEEDED' })]);
    } finally {
      await limited.close();
    }
  });

  test('GET …/ipemu/v1/capabilities answers { ipemu: <package version>, services: [every registered key] }', async () => {
    const res = await app.inject({ method: 'GET', url: CAPABILITIES, headers: auth });
    expect(res.statusCode).toBe(200);
    const body = res.json<{ ipemu: string; services: string[] }>();
    expect(body.ipemu).toBe(packageVersion());
    expect(body.ipemu).toMatch(/^\d+\.\d+\.\d+/);
    expect(body.services).toEqual(expect.arrayContaining([STATUS_KEY, 'Echo:echo', 'Echo:fail']));
  });

  test('the capabilities route needs a valid token too', async () => {
    const res = await app.inject({ method: 'GET', url: CAPABILITIES });
    expect(res.statusCode).toBe(401);
  });
});
