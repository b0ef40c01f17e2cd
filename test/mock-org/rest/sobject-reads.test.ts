import type { FastifyInstance } from 'fastify';
import { Connection } from 'jsforce';
import { MockOrg } from '../../../src/mock-org/mock-org';
import { buildMockRestServer, issueTokenFor, startMockRestServer } from '../../../src/mock-org/rest/server';
import { makeId } from '../../../src/salesforce/ids';

/* The version root, `/sobjects/<SObject>` (basic info) and `/sobjects/<SObject>/<idLookupField>/<value>`. */

const TOKEN = 'reads-token';
const V = '/services/data/v64.0';
const NOT_FOUND = [{ errorCode: 'NOT_FOUND', message: 'The requested resource does not exist' }];
const SESSION_INVALID = [{ message: 'Session expired or invalid', errorCode: 'INVALID_SESSION_ID' }];
const FIRST = makeId('0YT', 1);
const SECOND = makeId('0YT', 2);
const THIRD = makeId('0YT', 3);

let org: MockOrg;
let app: FastifyInstance;

beforeAll(async () => {
  org = await MockOrg.fromFixtures({
    users: { admin: { default: true }, agent: { hiddenFields: ['InsurancePolicy.ReferencePolicyNumber'], hiddenObjects: ['AsyncApexJob'] } },
    records: {
      InsurancePolicy: [
        { Id: FIRST, Name: 'Alpha', ReferencePolicyNumber: 'REF-1' },
        { Id: SECOND, Name: 'Twin', ReferencePolicyNumber: 'REF-2' },
        { Id: THIRD, Name: 'twin', ReferencePolicyNumber: 'REF-3' },
      ],
    },
  });
  app = buildMockRestServer({ org, accessToken: TOKEN });
  await app.ready();
});
afterAll(async () => {
  await app.close();
});

/** A GET with the token, or with no Authorization header when the token is null. */
const get = (url: string, token: string | null = TOKEN) =>
  app.inject({ method: 'GET', url, headers: token === null ? {} : { authorization: `Bearer ${token}` } });

describe('GET /services/data/vXX.X (the version root)', () => {
  it('lists the resources of that version with that version’s paths', async () => {
    for (const version of ['v64.0', 'v58.0']) {
      const res = await get(`/services/data/${version}`);
      expect(res.statusCode).toBe(200);
      expect(res.json()).toEqual({
        composite: `/services/data/${version}/composite`,
        limits: `/services/data/${version}/limits`,
        query: `/services/data/${version}/query`,
        queryAll: `/services/data/${version}/queryAll`,
        sobjects: `/services/data/${version}/sobjects`,
        // The caller's identity URL (test/mock-org/rest/identity.test.ts pins it).
        identity: expect.stringMatching(/\/id\/00D\w{15}\/005\w{15}$/),
      });
    }
    expect((await get(`${V}/`)).json()).toEqual((await get(V)).json());
  });

  it('needs a valid token (401 INVALID_SESSION_ID), unlike GET /services/data; an unknown version is NOT_FOUND', async () => {
    for (const token of [null, 'wrong']) {
      const res = await get(V, token);
      expect({ status: res.statusCode, body: res.json() }).toEqual({ status: 401, body: SESSION_INVALID });
    }
    expect((await get('/services/data', null)).statusCode).toBe(200);
    const unknown = await get('/services/data/v99.0');
    expect({ status: unknown.statusCode, body: unknown.json() }).toEqual({ status: 404, body: NOT_FOUND });
  });
});

describe('GET /sobjects/<SObject> (basic information)', () => {
  it('answers the object’s describeGlobal entry as objectDescribe, and recentItems (ipemu: always empty)', async () => {
    const res = await get(`${V}/sobjects/insurancepolicy`);
    expect(res.statusCode).toBe(200);
    const global = (await get(`${V}/sobjects`)).json().sobjects.find((o: { name: string }) => o.name === 'InsurancePolicy');
    expect(res.json()).toEqual({ objectDescribe: global, recentItems: [] });
    expect(res.json().objectDescribe.urls.sobject).toBe(`${V}/sobjects/InsurancePolicy`);
  });

  it('an unknown object, or one hidden from the user, is NOT_FOUND', async () => {
    for (const [url, token] of [
      [`${V}/sobjects/Bogus`, TOKEN],
      [`${V}/sobjects/AsyncApexJob`, issueTokenFor(app, 'agent')],
    ] as const) {
      const res = await get(url, token);
      expect({ status: res.statusCode, body: res.json() }).toEqual({ status: 404, body: NOT_FOUND });
    }
  });
});

describe('GET /sobjects/<SObject>/<idLookupField>/<value>', () => {
  it('answers the one record whose idLookup field has the value (text case-insensitively), with ?fields= honoured', async () => {
    const byRef = await get(`${V}/sobjects/InsurancePolicy/ReferencePolicyNumber/ref-1`);
    expect(byRef.statusCode).toBe(200);
    expect(byRef.json()).toMatchObject({ attributes: { type: 'InsurancePolicy', url: `${V}/sobjects/InsurancePolicy/${FIRST}` }, Id: FIRST, Name: 'Alpha' });
    expect((await get(`${V}/sobjects/InsurancePolicy/Name/Alpha?fields=Name`)).json()).toEqual({
      attributes: { type: 'InsurancePolicy', url: `${V}/sobjects/InsurancePolicy/${FIRST}` },
      Name: 'Alpha',
    });
    expect((await get(`${V}/sobjects/InsurancePolicy/Id/${FIRST.slice(0, 15)}`)).json().Id).toBe(FIRST);
  });

  it('several records with the value: 300 Multiple Choices listing their URLs', async () => {
    const res = await get(`${V}/sobjects/InsurancePolicy/Name/TWIN`);
    expect(res.statusCode).toBe(300);
    expect(res.json()).toEqual([`${V}/sobjects/InsurancePolicy/${SECOND}`, `${V}/sobjects/InsurancePolicy/${THIRD}`]);
  });

  it('no record with the value is NOT_FOUND; a field that is not idLookup, unknown or hidden is NOT_FOUND naming it', async () => {
    const none = await get(`${V}/sobjects/InsurancePolicy/Name/Nobody`);
    expect({ status: none.statusCode, body: none.json() }).toEqual({ status: 404, body: NOT_FOUND });
    const agent = issueTokenFor(app, 'agent');
    for (const [field, token] of [
      ['Status', TOKEN],
      ['Bogus', TOKEN],
      ['ReferencePolicyNumber', agent],
    ] as const) {
      const res = await get(`${V}/sobjects/InsurancePolicy/${field}/REF-1`, token);
      expect({ status: res.statusCode, body: res.json() }).toEqual({
        status: 404,
        body: [{ errorCode: 'NOT_FOUND', message: `Provided external ID field does not exist or is not accessible: ${field}` }],
      });
    }
  });
});

describe('attributes.url in the version asked', () => {
  it('query records, parent records, retrieve, idLookup, describe and describeGlobal urls all name the request’s version', async () => {
    const V58 = '/services/data/v58.0';
    const query = await get(`${V58}/query?q=${encodeURIComponent('SELECT Id, ParentPolicy.Name FROM InsurancePolicy ORDER BY Name LIMIT 1')}`);
    expect(query.json().records[0].attributes.url).toBe(`${V58}/sobjects/InsurancePolicy/${FIRST}`);
    expect((await get(`${V58}/sobjects/InsurancePolicy/${FIRST}`)).json().attributes.url).toBe(`${V58}/sobjects/InsurancePolicy/${FIRST}`);
    expect((await get(`${V58}/sobjects/InsurancePolicy/Name/Alpha`)).json().attributes.url).toBe(`${V58}/sobjects/InsurancePolicy/${FIRST}`);
    expect((await get(`${V58}/sobjects/InsurancePolicy/describe`)).json().urls.describe).toBe(`${V58}/sobjects/InsurancePolicy/describe`);
    expect((await get(`${V58}/sobjects`)).json().sobjects[0].urls.sobject).toMatch(/^\/services\/data\/v58\.0\/sobjects\//);
    // The same query text at the org's own version still answers v64.0: plans are shared, urls are not.
    const again = await get(`${V}/query?q=${encodeURIComponent('SELECT Id, ParentPolicy.Name FROM InsurancePolicy ORDER BY Name LIMIT 1')}`);
    expect(again.json().records[0].attributes.url).toBe(`${V}/sobjects/InsurancePolicy/${FIRST}`);
  });

  it('a /composite subrequest answers in its own URL’s version', async () => {
    const res = await app.inject({
      method: 'POST',
      url: `${V}/composite`,
      headers: { authorization: `Bearer ${TOKEN}`, 'content-type': 'application/json' },
      payload: {
        compositeRequest: [
          { method: 'GET', url: `/services/data/v58.0/sobjects/InsurancePolicy/${FIRST}?fields=Name`, referenceId: 'one' },
          {
            method: 'GET',
            url: `/services/data/v60.0/query?q=${encodeURIComponent(`SELECT Id FROM InsurancePolicy WHERE Id = '${FIRST}'`)}`,
            referenceId: 'two',
          },
        ],
      },
    });
    const [one, two] = res.json().compositeResponse;
    expect(one.body.attributes.url).toBe(`/services/data/v58.0/sobjects/InsurancePolicy/${FIRST}`);
    expect(two.body.records[0].attributes.url).toBe(`/services/data/v60.0/sobjects/InsurancePolicy/${FIRST}`);
  });

  it('a parent record read through a relationship carries the version too', async () => {
    const child = makeId('0YT', 9);
    const withParent = await MockOrg.fromFixtures({
      users: { admin: { default: true } },
      records: {
        InsurancePolicy: [
          { Id: FIRST, Name: 'Parent' },
          { Id: child, Name: 'Child', ParentPolicyId: FIRST },
        ],
      },
    });
    const server = await startMockRestServer({ org: withParent });
    try {
      const conn = new Connection({ instanceUrl: server.instanceUrl, accessToken: server.accessToken, version: '58.0' });
      const { records } = await conn.query<{ ParentPolicy: { attributes: { url: string } } }>(
        `SELECT ParentPolicy.Name FROM InsurancePolicy WHERE Id = '${child}'`,
      );
      expect(records[0]!.ParentPolicy.attributes.url).toBe(`/services/data/v58.0/sobjects/InsurancePolicy/${FIRST}`);
      const retrieved = await conn.sobject('InsurancePolicy').retrieve(child, { fields: ['Name'] });
      expect(retrieved).toEqual({ attributes: { type: 'InsurancePolicy', url: `/services/data/v58.0/sobjects/InsurancePolicy/${child}` }, Name: 'Child' });
    } finally {
      await server.close();
    }
  });
});
