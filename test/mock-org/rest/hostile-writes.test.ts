import type { FastifyInstance } from 'fastify';
import { MockOrg } from '../../../src/mock-org/mock-org';
import { buildMockRestServer, issueTokenFor } from '../../../src/mock-org/rest/server';
import { restFixtures, POLICY_ID } from './rest-fixtures';

/*
 * Bodies no client should send, to every write resource: each gets a 4xx in Salesforce's error
 * array, the server keeps answering, and the org is unchanged.
 */

let org: MockOrg;
let app: FastifyInstance;
let token: string;

beforeAll(async () => {
  org = await MockOrg.fromFixtures(restFixtures());
  app = buildMockRestServer({ org });
  await app.ready();
  token = issueTokenFor(app, 'admin');
});
afterAll(async () => {
  await app.close();
});

const V = '/services/data/v64.0';
const WRITE_URLS: readonly { method: 'POST' | 'PATCH'; url: string }[] = [
  { method: 'POST', url: `${V}/sobjects/InsurancePolicy` },
  { method: 'PATCH', url: `${V}/sobjects/InsurancePolicy/${POLICY_ID}` },
  { method: 'POST', url: `${V}/composite` },
  { method: 'POST', url: `${V}/composite/sobjects` },
  { method: 'PATCH', url: `${V}/composite/sobjects` },
];

function send(method: string, url: string, payload: string | Buffer, contentType = 'application/json') {
  return app.inject({ method: method as 'POST', url, headers: { authorization: `Bearer ${token}`, 'content-type': contentType }, payload });
}

const snapshot = (): string => JSON.stringify(org.querySync('SELECT Id, Name, ReferencePolicyNumber, ParentPolicyId FROM InsurancePolicy ORDER BY Id').records);

describe('hostile write bodies', () => {
  const before = (): string => snapshot();

  it('answers text that is not JSON 400 JSON_PARSER_ERROR on every write resource', async () => {
    const start = before();
    for (const { method, url } of WRITE_URLS) {
      const res = await send(method, url, '{"Name": "x",');
      expect(res.statusCode).toBe(400);
      expect(res.json()).toEqual([{ message: expect.any(String), errorCode: 'JSON_PARSER_ERROR' }]);
    }
    expect(snapshot()).toBe(start);
  });

  it('answers an array, a string or null where a record goes 400 JSON_PARSER_ERROR in Jackson’s words', async () => {
    const start = before();
    for (const [payload, token_] of [
      ['[{"Name":"x"}]', 'START_ARRAY'],
      ['"Name"', 'VALUE_STRING'],
      ['null', 'VALUE_NULL'],
      ['12', 'VALUE_NUMBER_INT'],
    ] as const) {
      const res = await send('POST', `${V}/sobjects/InsurancePolicy`, payload);
      expect(res.statusCode).toBe(400);
      expect(res.json()).toEqual([{ message: `Can not deserialize SObject out of ${token_} token at [line:1, column:1]`, errorCode: 'JSON_PARSER_ERROR' }]);
    }
    const records = await send('POST', `${V}/composite/sobjects`, JSON.stringify({ records: [['x']] }));
    expect(records.statusCode).toBe(400);
    expect(records.json()).toMatchObject([{ errorCode: 'JSON_PARSER_ERROR' }]);
    expect(snapshot()).toBe(start);
  });

  it('answers a body over the size limit (50 MB) 413 REQUEST_ENTITY_TOO_LARGE without reading it into the org', async () => {
    const start = before();
    const big = Buffer.alloc(50 * 1024 * 1024, 0x20);
    big.write('{"Name":"');
    big.write('"}', big.length - 2);
    const res = await send('POST', `${V}/sobjects/InsurancePolicy`, big);
    expect(res.statusCode).toBe(413);
    expect(res.json()).toEqual([{ message: 'The request body is too large.', errorCode: 'REQUEST_ENTITY_TOO_LARGE' }]);
    expect(snapshot()).toBe(start);
  });

  it('answers a deeply nested body 400 JSON_PARSER_ERROR on every write resource, and keeps serving', async () => {
    const start = before();
    const deep = `{"Name":${'['.repeat(100_000)}${']'.repeat(100_000)}}`;
    for (const { method, url } of WRITE_URLS) {
      const res = await send(method, url, deep);
      expect(res.statusCode).toBe(400);
      expect(res.json()).toMatchObject([{ errorCode: 'JSON_PARSER_ERROR' }]);
    }
    const nestedInComposite = JSON.stringify({
      compositeRequest: [
        { method: 'POST', url: `${V}/sobjects/InsurancePolicy`, referenceId: 'a', body: { Name: JSON.parse('['.repeat(70) + ']'.repeat(70)) as unknown } },
      ],
    });
    expect((await send('POST', `${V}/composite`, nestedInComposite)).statusCode).toBe(400);
    expect(snapshot()).toBe(start);
    expect((await app.inject({ method: 'GET', url: `${V}/limits`, headers: { authorization: `Bearer ${token}` } })).statusCode).toBe(200);
  });

  it('answers a __proto__ or constructor key 400 and never touches Object.prototype or the org', async () => {
    const start = before();
    for (const payload of [
      '{"Name":"x","__proto__":{"polluted":true}}',
      '{"Name":"x","constructor":{"prototype":{"polluted":true}}}',
      `{"compositeRequest":[{"method":"POST","url":"${V}/sobjects/InsurancePolicy","referenceId":"a","body":{"Name":"x","__proto__":{"polluted":true}}}]}`,
    ]) {
      const url = payload.includes('compositeRequest') ? `${V}/composite` : `${V}/sobjects/InsurancePolicy`;
      const res = await send('POST', url, payload);
      expect(res.statusCode).toBe(400);
      expect(res.json()).toMatchObject([{ errorCode: expect.stringMatching(/^(JSON_PARSER_ERROR|INVALID_FIELD)$/) }]);
    }
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    expect(snapshot()).toBe(start);
  });

  it('answers a form-encoded write 415 UNSUPPORTED_MEDIA_TYPE', async () => {
    const res = await send('POST', `${V}/sobjects/InsurancePolicy`, 'Name=x', 'application/x-www-form-urlencoded');
    expect(res.statusCode).toBe(415);
    expect(res.json()).toMatchObject([{ errorCode: 'UNSUPPORTED_MEDIA_TYPE' }]);
  });

  it('takes a DELETE that says application/json but has no body, as Salesforce does (simple-salesforce sends one)', async () => {
    const other = await MockOrg.fromFixtures(restFixtures());
    const otherApp = buildMockRestServer({ org: other });
    try {
      const headers = { authorization: `Bearer ${issueTokenFor(otherApp, 'admin')}`, 'content-type': 'application/json' };
      const res = await otherApp.inject({ method: 'DELETE', url: `${V}/sobjects/InsurancePolicy/${POLICY_ID}`, headers, payload: '' });
      expect(res.statusCode).toBe(204);
      expect(other.querySync('SELECT Id FROM InsurancePolicy').totalSize).toBe(0);
      const post = await otherApp.inject({ method: 'POST', url: `${V}/sobjects/InsurancePolicy`, headers, payload: '' });
      expect(post.statusCode).toBe(400);
      expect(post.json()).toMatchObject([{ errorCode: 'JSON_PARSER_ERROR' }]);
    } finally {
      await otherApp.close();
    }
  });

  it('answers a write without a valid token 401 INVALID_SESSION_ID before reading its body', async () => {
    const res = await app.inject({
      method: 'POST',
      url: `${V}/sobjects/InsurancePolicy`,
      headers: { 'content-type': 'application/json' },
      payload: '{"Name":"x"}',
    });
    expect(res.statusCode).toBe(401);
    expect(res.json()).toEqual([{ message: 'Session expired or invalid', errorCode: 'INVALID_SESSION_ID' }]);
  });

  it('answers a reference with an odd path PROCESSING_HALTED rather than reading outside the answer', async () => {
    const res = await send(
      'POST',
      `${V}/composite`,
      JSON.stringify({
        compositeRequest: [
          { method: 'GET', url: `${V}/sobjects/InsurancePolicy/${POLICY_ID}`, referenceId: 'p' },
          {
            method: 'POST',
            url: `${V}/sobjects/InsurancePolicy`,
            referenceId: 'q',
            body: { Name: '@{p.constructor}', ReferencePolicyNumber: '@{p.attributes}' },
          },
        ],
      }),
    );
    expect(res.statusCode).toBe(200);
    const second = res.json<{ compositeResponse: { body: unknown }[] }>().compositeResponse[1]!;
    expect(second.body).toMatchObject([{ errorCode: 'PROCESSING_HALTED' }]);
  });
});
