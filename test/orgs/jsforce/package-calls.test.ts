import Fastify, { type FastifyInstance } from 'fastify';
import { MockOrg } from '../../../src/mock-org/mock-org';
import { startMockRestServer, type MockRestServer } from '../../../src/mock-org/rest/server';
import { mockOrgProcedures, type MockOrgProcedures } from '../../../src/cli/mock-org-procedures';
import { createEmulator } from '../../../src/ipemu';
import { connectOrg } from '../../../src/orgs/jsforce/connect';
import { IpemuError } from '../../../src/core/errors';
import { OrgError } from '../../../src/core/org';
import { testPlugin } from '../../http/helpers';
import { restFixtures } from '../../mock-org/rest/rest-fixtures';

/**
 * JsforceOrg.callPackage (issue 14 item 3): jsforce 3.10.16 for real against `mock-org serve`'s
 * services route, and against servers that are not ipemu mocks.
 */
async function rejection(call: Promise<unknown>): Promise<unknown> {
  try {
    await call;
  } catch (err) {
    return err;
  }
  throw new Error('the call succeeded');
}

describe('JsforceOrg.callPackage against an ipemu mock org (mock-org serve)', () => {
  let server: MockRestServer;
  let procedures: MockOrgProcedures;

  beforeAll(async () => {
    const org = await MockOrg.fromFixtures(restFixtures());
    procedures = mockOrgProcedures(org, (userOrg) => createEmulator({ org: userOrg, plugins: [testPlugin()], procedures: false }));
    server = await startMockRestServer({ org, extensions: [procedures.extension] });
  });
  afterAll(async () => {
    await server.close();
    await procedures.close();
  });

  const connect = () => connectOrg({ instanceUrl: server.instanceUrl, accessToken: server.accessToken, maxRetries: 0 });

  test('POSTs the params as the service’s input and answers the output map’s payload, without errorCode and error', async () => {
    const org = await connect();
    const answer = await org.callPackage('Echo:echo', { n: 7, name: 'x' });
    expect(answer).toEqual({ n: 7, echoed: { n: 7, name: 'x' } });
  });

  test('probes the capabilities once per connection: the first call costs two requests, later ones one', async () => {
    const org = await connect();
    let before = server.requestCount();
    await org.callPackage('Echo:echo', { n: 1 });
    expect(server.requestCount() - before).toBe(2);
    before = server.requestCount();
    await Promise.all([org.callPackage('Echo:echo', { n: 2 }), org.callPackage('Echo:echo', { n: 3 })]);
    expect(server.requestCount() - before).toBe(2);
  });

  test('concurrent first calls share one probe', async () => {
    const org = await connect();
    const before = server.requestCount();
    await Promise.all([org.callPackage('Echo:echo', { n: 1 }), org.callPackage('Echo:echo', { n: 2 }), org.callPackage('Echo:echo', { n: 3 })]);
    expect(server.requestCount() - before).toBe(4);
  });

  test.each([
    ['INVALID_INPUT', 'INVOKE-400'],
    ['NOT_FOUND', 'INVOKE-404'],
    ['FORBIDDEN', 'INVOKE-403'],
    ['ORG_ERROR', 'INVOKE-502'],
    ['NOT_IMPLEMENTED', 'INVOKE-501'],
    ['TIMEOUT', 'INVOKE-504'],
    ['INTERNAL', 'INVOKE-500'],
  ])('a %s answer (%s) becomes an IpemuError of the same code with the mock’s message', async (code) => {
    const org = await connect();
    const err = await rejection(org.callPackage('Echo:fail', { code }));
    expect(err).toBeInstanceOf(IpemuError);
    expect(err).toMatchObject({ code, message: `raised ${code}` });
  });

  test('a schema failure on the mock keeps its details', async () => {
    const org = await connect();
    const err = await rejection(org.callPackage('Echo:echo', { n: 'not a number' }));
    expect(err).toMatchObject({ code: 'INVALID_INPUT', details: [expect.objectContaining({ path: expect.stringContaining('n') as unknown })] });
  });

  test('a service the mock does not list is NOT_IMPLEMENTED naming it, without a POST', async () => {
    const org = await connect();
    await org.callPackage('Echo:echo', {});
    const before = server.requestCount();
    const err = await rejection(org.callPackage('Nope:nothing', {}));
    expect(err).toMatchObject({
      code: 'NOT_IMPLEMENTED',
      message: expect.stringMatching(/^Nope:nothing is not run by the ipemu mock org at http:\/\/127\.0\.0\.1:\d+ \(ipemu /) as unknown,
    });
    expect(server.requestCount() - before).toBe(0);
  });
});

describe('JsforceOrg.callPackage against orgs that are not ipemu mocks', () => {
  let app: FastifyInstance;
  let instanceUrl: string;
  const hits: string[] = [];
  let capabilities: (reply: import('fastify').FastifyReply) => unknown;
  let service: (reply: import('fastify').FastifyReply) => unknown;

  beforeAll(async () => {
    app = Fastify();
    app.get('/services/apexrest/ipemu/v1/capabilities', async (_request, reply) => {
      hits.push('GET capabilities');
      return capabilities(reply);
    });
    app.post('/services/apexrest/ipemu/v1/services/:key', async (_request, reply) => {
      hits.push('POST service');
      return service(reply);
    });
    instanceUrl = await app.listen({ host: '127.0.0.1', port: 0 });
  });
  afterAll(async () => {
    await app.close();
  });
  beforeEach(() => {
    hits.length = 0;
  });

  const REAL_ORG_404 = [{ errorCode: 'NOT_FOUND', message: 'Could not find a match for URL /ipemu/v1/capabilities' }];
  const connect = (maxRetries?: number) => connectOrg({ instanceUrl, accessToken: 'real-org-token-1234', ...(maxRetries === undefined ? {} : { maxRetries }) });

  test('a real org (its 404 NOT_FOUND for an Apex REST URL no class maps) answers NOT_IMPLEMENTED naming the service and the org', async () => {
    capabilities = (reply) => reply.code(404).send(REAL_ORG_404);
    const org = await connect(0);
    const err = await rejection(org.callPackage('InsPolicyService:createMultiRootPolicy', { quoteId: 'x' }));
    expect(err).toBeInstanceOf(IpemuError);
    expect(err).toMatchObject({
      code: 'NOT_IMPLEMENTED',
      message: `InsPolicyService:createMultiRootPolicy runs only on an ipemu mock org; ${instanceUrl} is a real org.`,
    });
    expect(hits).toEqual(['GET capabilities']);
  });

  test('the verdict is remembered per connection: a second call asks nothing', async () => {
    capabilities = (reply) => reply.code(404).send(REAL_ORG_404);
    const org = await connect(0);
    await rejection(org.callPackage('InsPolicyService:renewPoliciesInBatch', {}));
    await rejection(org.callPackage('InsPolicyService:renewPoliciesInBatch', {}));
    expect(hits).toEqual(['GET capabilities']);
  });

  test('a 404 whose body is not Salesforce’s (a proxy, a plain server) is not an ipemu mock either', async () => {
    capabilities = (reply) => reply.code(404).send({ message: 'Route not found', error: 'Not Found', statusCode: 404 });
    const org = await connect(0);
    expect(await rejection(org.callPackage('InsPolicyService:createMultiRootPolicy', {}))).toMatchObject({ code: 'NOT_IMPLEMENTED' });
  });

  test('a 200 that is not ipemu’s capabilities is not an ipemu mock', async () => {
    capabilities = () => ({ hello: 'world' });
    const org = await connect(0);
    expect(await rejection(org.callPackage('InsPolicyService:createMultiRootPolicy', {}))).toMatchObject({ code: 'NOT_IMPLEMENTED' });
    expect(hits).toEqual(['GET capabilities']);
  });

  test('a probe that fails (limit reached) is an OrgError, not remembered: the next call asks again', async () => {
    capabilities = (reply) => reply.code(403).send([{ errorCode: 'REQUEST_LIMIT_EXCEEDED', message: 'TotalRequests Limit exceeded.' }]);
    const org = await connect(0);
    const err = await rejection(org.callPackage('Echo:echo', {}));
    expect(err).toBeInstanceOf(OrgError);
    expect(err).toMatchObject({ errorCode: 'REQUEST_LIMIT_EXCEEDED' });
    capabilities = () => ({ ipemu: '9.9.9', services: ['Echo:echo'] });
    service = () => ({ n: 1, errorCode: 'INVOKE-200', error: 'OK' });
    expect(await org.callPackage('Echo:echo', {})).toEqual({ n: 1 });
    expect(hits).toEqual(['GET capabilities', 'GET capabilities', 'POST service']);
  });

  test('a POST is never retried, even on a status jsforce retries GETs on (503)', async () => {
    capabilities = () => ({ ipemu: '9.9.9', services: ['Echo:echo'] });
    service = (reply) => reply.code(503).send('busy');
    const org = await connect(); // jsforce's default retries (5) for GETs
    const err = await rejection(org.callPackage('Echo:echo', {}));
    expect(err).toMatchObject({ errorCode: 'SERVER_ERROR', status: 503 });
    expect(hits).toEqual(['GET capabilities', 'POST service']);
  });

  test('the access token never appears in an error built from the answer', async () => {
    capabilities = () => ({ ipemu: '9.9.9', services: ['Echo:echo'] });
    service = (reply) => reply.code(400).send({ errorCode: 'INVOKE-400', error: 'bad token real-org-token-1234 in input' });
    const org = await connect(0);
    const err = await rejection(org.callPackage('Echo:echo', {}));
    expect(err).toMatchObject({ code: 'INVALID_INPUT', message: 'bad token [redacted] in input' });
  });

  test('a 200 body that is not an output map is INVALID_RESPONSE (502)', async () => {
    capabilities = () => ({ ipemu: '9.9.9', services: ['Echo:echo'] });
    service = () => ['not', 'a', 'map'];
    const org = await connect(0);
    expect(await rejection(org.callPackage('Echo:echo', {}))).toMatchObject({ errorCode: 'INVALID_RESPONSE', status: 502 });
  });

  test('an aborted caller stops waiting at once', async () => {
    capabilities = () => ({ ipemu: '9.9.9', services: ['Echo:echo'] });
    service = () => ({ errorCode: 'INVOKE-200', error: 'OK' });
    const org = await connect(0);
    const controller = new AbortController();
    controller.abort(new IpemuError('TIMEOUT', 'gave up'));
    expect(await rejection(org.callPackage('Echo:echo', {}, { signal: controller.signal }))).toMatchObject({ code: 'TIMEOUT', message: 'gave up' });
  });
});
