import { Connection } from 'jsforce';
import { XMLParser } from 'fast-xml-parser';
import { MockOrg } from '../../../src/mock-org/mock-org';
import { startMockRestServer, type MockRestServer } from '../../../src/mock-org/rest/server';
import { MOCK_ORG_ID, mockUserId } from '../../../src/mock-org/schema/users';
import { MAX_SOAP_BODY_BYTES } from '../../../src/mock-org/rest/soap-login';
import type { FixtureDocument } from '../../../src/mock-org/fixtures/types';

/* Issue 15 "SOAP login": POST /services/Soap/u/<version>, driven with jsforce 3.10.16's login() and raw envelopes. */

const ADMIN = mockUserId(0);
const INVALID_LOGIN = 'INVALID_LOGIN: Invalid username, password, security token; or user locked out.';

function fixtures(extra: Partial<FixtureDocument> = {}): FixtureDocument {
  return { users: { admin: { default: true, password: 'a&b<c>"\'d' }, agent: { password: 'agent-pass' } }, ...extra };
}

let server: MockRestServer;
const start = async (doc: FixtureDocument = fixtures()) => {
  server = await startMockRestServer({ org: MockOrg.fromFixturesSync(doc) });
};
afterEach(async () => {
  await server?.close();
});

/** The envelope simple-salesforce and most SOAP clients send: prefixed names, a header, whitespace. */
const envelope = (username: string, password: string, operation = 'login') => `<?xml version="1.0" encoding="utf-8" ?>
<env:Envelope xmlns:xsd="http://www.w3.org/2001/XMLSchema" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" xmlns:env="http://schemas.xmlsoap.org/soap/envelope/">
  <env:Header><n1:CallOptions xmlns:n1="urn:partner.soap.sforce.com"><n1:client>test</n1:client></n1:CallOptions></env:Header>
  <env:Body>
    <n1:${operation} xmlns:n1="urn:partner.soap.sforce.com">
      <n1:username>${username}</n1:username>
      <n1:password>${password}</n1:password>
    </n1:${operation}>
  </env:Body>
</env:Envelope>`;

const post = (path: string, body: string, contentType = 'text/xml; charset=UTF-8') =>
  fetch(`${server.instanceUrl}${path}`, { method: 'POST', body, headers: { 'content-type': contentType, soapaction: 'login' } });

const parser = new XMLParser({ removeNSPrefix: true, parseTagValue: false, ignoreAttributes: true });
type Tree = Record<string, Record<string, Record<string, Record<string, unknown>>>>;
const bodyOf = async (res: Response): Promise<Record<string, Record<string, unknown>>> => (parser.parse(await res.text()) as Tree).Envelope!.Body!;

/** A fault's status, content type, code and string. */
async function faultOf(res: Response): Promise<{ status: number; type: string | null; faultcode: unknown; faultstring: unknown }> {
  const type = res.headers.get('content-type');
  const fault = (await bodyOf(res)).Fault!;
  return { status: res.status, type, faultcode: fault.faultcode, faultstring: fault.faultstring };
}

describe('jsforce login() without OAuth settings (SOAP)', () => {
  it('logs in, and its session queries the REST API and reads its identity', async () => {
    await start();
    const conn = new Connection({ loginUrl: server.instanceUrl, version: '64.0' });
    const userInfo = await conn.login('admin', 'a&b<c>"\'d');
    expect(userInfo).toEqual({ id: ADMIN, organizationId: MOCK_ORG_ID, url: `${server.instanceUrl}/id/${MOCK_ORG_ID}/${ADMIN}` });
    expect(conn.instanceUrl).toBe(server.instanceUrl);
    const users = await conn.query<{ Id: string; Username: string }>('SELECT Id, Username FROM User ORDER BY Username');
    expect(users.records.map((r) => r.Username)).toEqual(['admin', 'agent']);
    expect(await conn.identity()).toMatchObject({ user_id: ADMIN, username: 'admin' });
  });

  it("a wrong password or an unknown user fails with jsforce's INVALID_LOGIN error", async () => {
    await start();
    for (const [user, password] of [
      ['admin', 'wrong'],
      ['nobody', 'a&b<c>"\'d'],
      ['agent', 'a&b<c>"\'d'],
    ] as const) {
      const conn = new Connection({ loginUrl: server.instanceUrl, version: '64.0' });
      await expect(conn.login(user, password)).rejects.toThrow(INVALID_LOGIN);
    }
  });
});

describe('jsforce logout() after a SOAP login', () => {
  it('ends the session: the REST API then refuses its token with 401 INVALID_SESSION_ID', async () => {
    await start();
    const conn = new Connection({ loginUrl: server.instanceUrl, version: '64.0' });
    await conn.login('agent', 'agent-pass');
    const token = conn.accessToken!;
    await conn.logout();
    const after = new Connection({ instanceUrl: server.instanceUrl, accessToken: token, version: '64.0' });
    await expect(after.query('SELECT Id FROM User')).rejects.toMatchObject({ errorCode: 'INVALID_SESSION_ID' });
  });

  it('a logout naming no valid session is fault sf:INVALID_SESSION_ID; the start-up token survives a logout (ipemu)', async () => {
    await start();
    const logout = (sessionId: string) =>
      post(
        '/services/Soap/u/64.0',
        `<se:Envelope xmlns:se="http://schemas.xmlsoap.org/soap/envelope/"><se:Header><SessionHeader xmlns="urn:partner.soap.sforce.com"><sessionId>${sessionId}</sessionId></SessionHeader></se:Header><se:Body><logout xmlns="urn:partner.soap.sforce.com"/></se:Body></se:Envelope>`,
      );
    expect(await faultOf(await logout('nope'))).toMatchObject({
      status: 500,
      faultcode: 'sf:INVALID_SESSION_ID',
      faultstring: 'INVALID_SESSION_ID: Invalid Session ID found in SessionHeader: Illegal Session',
    });
    expect((await logout(server.accessToken)).status).toBe(200);
    const conn = new Connection({ instanceUrl: server.instanceUrl, accessToken: server.accessToken, version: '64.0' });
    expect((await conn.query('SELECT Id FROM Organization')).totalSize).toBe(1);
  });
});

describe('POST /services/Soap/u/<version>', () => {
  it("answers Salesforce's loginResponse: server URLs with the org Id, the session, the user and their userInfo", async () => {
    await start();
    const res = await post('/services/Soap/u/62.0', envelope('agent', 'agent-pass'));
    expect([res.status, res.headers.get('content-type')]).toEqual([200, 'text/xml; charset=utf-8']);
    const result = (await bodyOf(res)).loginResponse!.result as Record<string, unknown>;
    const base = server.instanceUrl;
    expect(result).toMatchObject({
      metadataServerUrl: `${base}/services/Soap/m/62.0/${MOCK_ORG_ID}`,
      passwordExpired: 'false',
      sandbox: 'false',
      serverUrl: `${base}/services/Soap/u/62.0/${MOCK_ORG_ID}`,
      userId: mockUserId(1),
    });
    expect(result.userInfo).toMatchObject({
      organizationId: MOCK_ORG_ID,
      organizationName: 'ipemu mock org',
      userEmail: 'agent@example.com',
      userFullName: 'agent',
      userId: mockUserId(1),
      userName: 'agent',
      userType: 'Standard',
      userTimeZone: 'GMT',
      sessionSecondsValid: '7200',
    });
    const rest = await fetch(`${base}/services/data/v64.0/query?q=${encodeURIComponent('SELECT Id FROM Organization')}`, {
      headers: { authorization: `Bearer ${String(result.sessionId)}` },
    });
    expect(rest.status).toBe(200);
  });

  it('the enterprise endpoint /services/Soap/c/ answers in its namespace with a /c/ server URL', async () => {
    await start();
    const res = await post('/services/Soap/c/64.0', envelope('agent', 'agent-pass'));
    const text = await res.text();
    expect(text).toContain('xmlns="urn:enterprise.soap.sforce.com"');
    expect(text).toContain(`<serverUrl>${server.instanceUrl}/services/Soap/c/64.0/${MOCK_ORG_ID}</serverUrl>`);
  });

  it("<sandbox> is the Organization record's IsSandbox", async () => {
    await start(fixtures({ records: { Organization: [{ IsSandbox: true }] } }));
    const text = await (await post('/services/Soap/u/64.0', envelope('agent', 'agent-pass'))).text();
    expect(text).toContain('<sandbox>true</sandbox>');
  });

  it("a bad login is Salesforce's fault: HTTP 500, sf:INVALID_LOGIN, and a LoginFault with exceptionCode and exceptionMessage", async () => {
    await start();
    const res = await post('/services/Soap/u/64.0', envelope('agent', 'nope'));
    const text = await res.text();
    expect(res.status).toBe(500);
    expect(text).toContain('<faultcode>sf:INVALID_LOGIN</faultcode>');
    expect(text).toContain(`<faultstring>${INVALID_LOGIN}</faultstring>`);
    expect(text).toContain('xmlns:sf="urn:fault.partner.soap.sforce.com"');
    expect(text).toContain('<sf:exceptionCode>INVALID_LOGIN</sf:exceptionCode>');
    expect(text).toContain('<sf:exceptionMessage>Invalid username, password, security token; or user locked out.</sf:exceptionMessage>');
  });

  it("a password with XML's predefined entities and character references is decoded before it is checked", async () => {
    await start();
    const res = await post('/services/Soap/u/64.0', envelope('&#97;dmin', 'a&amp;b&lt;c&gt;&quot;&apos;&#x64;'));
    expect(res.status).toBe(200);
    // An entity reference that is not XML's is left as written: this password is then wrong.
    const undefinedEntity = await post('/services/Soap/u/64.0', envelope('admin', 'a&amp;b&lt;c&gt;&quot;&apos;d&nbsp;'));
    expect((await faultOf(undefinedEntity)).faultcode).toBe('sf:INVALID_LOGIN');
  });

  it('(ipemu) an API version the server does not list is fault sf:UNSUPPORTED_API_VERSION', async () => {
    await start();
    for (const version of ['99.0', '64', 'v64.0', '19.0']) {
      expect(await faultOf(await post(`/services/Soap/u/${version}`, envelope('agent', 'agent-pass')))).toEqual({
        status: 500,
        type: 'text/xml; charset=utf-8',
        faultcode: 'sf:UNSUPPORTED_API_VERSION',
        faultstring: 'UNSUPPORTED_API_VERSION: Invalid Api version specified on URL',
      });
    }
  });

  it('(ipemu) login requests are not counted against DailyApiRequests', async () => {
    await start();
    const before = server.requestCount();
    await post('/services/Soap/u/64.0', envelope('agent', 'agent-pass'));
    await post('/services/Soap/u/64.0', envelope('agent', 'wrong'));
    expect(server.requestCount()).toBe(before);
  });
});

describe('(ipemu) malformed and hostile requests are soapenv:Client faults, never a crash', () => {
  const laughs = `<?xml version="1.0"?><!DOCTYPE lolz [<!ENTITY lol "lol"><!ENTITY lol2 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;"><!ENTITY lol3 "&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;">]>
<env:Envelope xmlns:env="http://schemas.xmlsoap.org/soap/envelope/"><env:Body><login><username>admin</username><password>&lol3;</password></login></env:Body></env:Envelope>`;
  const deep = `<env:Envelope xmlns:env="http://schemas.xmlsoap.org/soap/envelope/"><env:Body><login><username>${'<a>'.repeat(5000)}${'</a>'.repeat(5000)}</username></login></env:Body></env:Envelope>`;
  const cases: [string, string, string, string][] = [
    ['a DOCTYPE (entity expansion)', laughs, 'text/xml', 'DOCTYPE is disallowed.'],
    ['nesting past 16 elements', deep, 'text/xml', 'The request is nested deeper than 16 elements.'],
    ['XML that is not well-formed', '<env:Envelope><env:Body><login></env:Body>', 'text/xml', 'The request is not well-formed XML'],
    ['an empty body', '', 'text/xml', 'The request is not well-formed XML'],
    ['XML that is no SOAP envelope', '<login><username>admin</username></login>', 'text/xml', 'The request is not a SOAP envelope with a Body.'],
    ['another operation', envelope('admin', 'x', 'query'), 'text/xml', 'No operation available for request query'],
    ['a JSON body', '{"username":"admin"}', 'application/json', ''],
    ['a body of another type', 'username=admin', 'application/x-www-form-urlencoded', ''],
  ];
  it.each(cases)('%s', async (_name, body, contentType, message) => {
    await start();
    const fault = await faultOf(await post('/services/Soap/u/64.0', body, contentType));
    expect(fault).toMatchObject({ status: 500, type: 'text/xml; charset=utf-8', faultcode: 'soapenv:Client' });
    expect(String(fault.faultstring)).toContain(message);
    // The server still answers a good login afterwards.
    expect((await post('/services/Soap/u/64.0', envelope('agent', 'agent-pass'))).status).toBe(200);
  });

  it(`a body over ${MAX_SOAP_BODY_BYTES} bytes is refused unread, as a fault`, async () => {
    await start();
    const huge = envelope('admin', 'x'.repeat(MAX_SOAP_BODY_BYTES));
    const fault = await faultOf(await post('/services/Soap/u/64.0', huge));
    expect(fault).toMatchObject({ status: 500, faultcode: 'soapenv:Client' });
  });
});
