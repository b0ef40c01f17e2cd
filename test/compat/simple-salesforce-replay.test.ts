import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { XMLParser } from 'fast-xml-parser';
import { startCli, type RunningCli } from '../cli/spawn-server';
import { BULK_JOBS, POLICY_ID, restFixtures } from '../mock-org/rest/rest-fixtures';
import { jsonDumps, pyRequest, type PyRequest } from './python-requests';

/**
 * simple-salesforce 1.12.10 cannot be installed here (no PyPI), so this replays the requests it
 * sends, as its source writes them (simple_salesforce/api.py, login.py) and Python's requests puts
 * them on the wire, against `ipemu mock-org serve --tls` trusting its certificateFile as
 * REQUESTS_CA_BUNDLE would; and reads the answers the way simple-salesforce does.
 */

const VERSION = '59.0'; // simple-salesforce's DEFAULT_API_VERSION
const ADMIN_PASSWORD = 'pw-admin';

let dir: string;
let cli: RunningCli;
let ca: string;
let instanceUrl: string;
let sfInstance: string; // what simple-salesforce keeps: host:port
let token: string;

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'ipemu-ss-'));
  const fixtures = restFixtures();
  fixtures.users = { admin: { default: true, password: ADMIN_PASSWORD }, agent: { password: 'pw-agent' } };
  const file = join(dir, 'org.json');
  writeFileSync(file, JSON.stringify(fixtures));
  cli = await startCli(['mock-org', 'serve', '--tls', '--fixtures', file, '--port', '0']);
  const first = JSON.parse(cli.firstLine) as { instanceUrl: string; accessToken: string; certificateFile: string };
  ({ instanceUrl, accessToken: token } = first);
  ca = readFileSync(first.certificateFile, 'utf8');
  sfInstance = new URL(instanceUrl).host;
});
afterAll(async () => {
  cli?.child.kill('SIGTERM');
  await cli?.exited;
  rmSync(dir, { recursive: true, force: true });
});

/** Salesforce._call_salesforce / SFType._call_salesforce: the same three headers on every REST call. */
const rest = (req: Omit<PyRequest, 'url'> & { path: string }, session = token) =>
  pyRequest(ca, {
    ...req,
    url: `https://${sfInstance}${req.path}`,
    headers: { 'Content-Type': 'application/json', Authorization: `Bearer ${session}`, 'X-PrettyPrint': '1', ...req.headers },
  });
const base = `/services/data/v${VERSION}/`;

type QueryPage = { totalSize: number; done: boolean; nextRecordsUrl?: string; records: Record<string, unknown>[] };

/** minidom's getElementsByTagName(name): elements whose qualified name is exactly `name`, first one's text. */
function elementText(xml: string, name: string): string | undefined {
  const doc: unknown = new XMLParser({ ignoreAttributes: true, removeNSPrefix: false, parseTagValue: false }).parse(xml);
  const stack: unknown[] = [doc];
  while (stack.length > 0) {
    const node = stack.shift();
    if (node === null || typeof node !== 'object') continue;
    for (const [key, value] of Object.entries(node)) {
      if (key === name) return typeof value === 'string' ? value : String((value as { '#text'?: unknown })['#text'] ?? '');
      stack.push(...(Array.isArray(value) ? value : [value]));
    }
  }
  return undefined;
}

const soapEnvelope = (username: string, password: string) =>
  `<?xml version="1.0" encoding="utf-8" ?>
<soapenv:Envelope
        xmlns:soapenv="http://schemas.xmlsoap.org/soap/envelope/"
        xmlns:urn="urn:partner.soap.sforce.com">
    <soapenv:Header>
        <urn:CallOptions>
            <urn:client>simple-salesforce</urn:client>
            <urn:defaultNamespace>sf</urn:defaultNamespace>
        </urn:CallOptions>
    </soapenv:Header>
    <soapenv:Body>
        <urn:login>
            <urn:username>${username}</urn:username>
            <urn:password>${password}</urn:password>
        </urn:login>
    </soapenv:Body>
</soapenv:Envelope>`;

const tokenEnvelope = (username: string, password: string, securityToken: string) =>
  `<?xml version="1.0" encoding="utf-8" ?>
<env:Envelope
        xmlns:xsd="http://www.w3.org/2001/XMLSchema"
        xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance"
        xmlns:env="http://schemas.xmlsoap.org/soap/envelope/"
        xmlns:urn="urn:partner.soap.sforce.com">
    <env:Header>
        <urn:CallOptions>
            <urn:client>simple-salesforce</urn:client>
            <urn:defaultNamespace>sf</urn:defaultNamespace>
        </urn:CallOptions>
    </env:Header>
    <env:Body>
        <n1:login xmlns:n1="urn:partner.soap.sforce.com">
            <n1:username>${username}</n1:username>
            <n1:password>${password}${securityToken}</n1:password>
        </n1:login>
    </env:Body>
</env:Envelope>`;

/** SalesforceLogin's soap_login: POST {scratch_url}/services/Soap/u/59.0 with its three headers. */
const soapLogin = (body: string) =>
  pyRequest(ca, {
    method: 'POST',
    url: `${instanceUrl}/services/Soap/u/${VERSION}`,
    headers: { 'content-type': 'text/xml', charset: 'UTF-8', SOAPAction: 'login' },
    data: body,
  });

describe('simple-salesforce SOAP login, replayed', () => {
  it('username/password (soapenv:, urn: prefixes): 200 whose sessionId and serverUrl give a working session on this host:port', async () => {
    const res = await soapLogin(soapEnvelope('admin', ADMIN_PASSWORD));
    expect(res.status).toBe(200);
    const sessionId = elementText(res.text, 'sessionId');
    const serverUrl = elementText(res.text, 'serverUrl');
    expect(sessionId).toMatch(/^00D\w{12}!/);
    // sf_instance = serverUrl without scheme, up to the first '/', '-api' removed
    expect(
      serverUrl
        ?.replace(/^https?:\/\//, '')
        .split('/')[0]
        ?.replace('-api', ''),
    ).toBe(sfInstance);
    const page = await rest({ method: 'GET', path: `${base}query/`, params: { q: 'SELECT Id FROM InsurancePolicy' } }, sessionId);
    expect({ status: page.status, totalSize: page.json<QueryPage>().totalSize }).toEqual({ status: 200, totalSize: 1 });
  });

  it('with a security token (env:, n1: prefixes; password and token run together), an empty token logs in', async () => {
    const res = await soapLogin(tokenEnvelope('admin', ADMIN_PASSWORD, ''));
    expect(res.status).toBe(200);
    expect(elementText(res.text, 'sessionId')).toMatch(/^00D\w{12}!/);
  });

  it('a wrong password: not 200, with sf:exceptionCode INVALID_LOGIN and an sf:exceptionMessage (what SalesforceAuthenticationFailed carries)', async () => {
    const res = await soapLogin(soapEnvelope('admin', 'wrong'));
    expect(res.status).toBe(500);
    expect(elementText(res.text, 'sf:exceptionCode')).toBe('INVALID_LOGIN');
    expect(elementText(res.text, 'sf:exceptionMessage')).toBe('Invalid username, password, security token; or user locked out.');
  });
});

describe('simple-salesforce REST calls, replayed (Salesforce(instance_url=…, session_id=…))', () => {
  it("is_sandbox(): query/?q=SELECT+IsSandbox+FROM+Organization+LIMIT+1 → records[0]['IsSandbox'] is False", async () => {
    const res = await rest({ method: 'GET', path: `${base}query/`, params: { q: 'SELECT IsSandbox FROM Organization LIMIT 1' } });
    expect(res.status).toBe(200);
    expect(res.json<QueryPage>().records[0]).toMatchObject({ IsSandbox: false });
  });

  it('query_all(): query/?q= then https://{sf_instance}{nextRecordsUrl} until done, every row once', async () => {
    let page = (await rest({ method: 'GET', path: `${base}query/`, params: { q: 'SELECT Id, Status FROM AsyncApexJob' } })).json<QueryPage>();
    const ids = page.records.map((r) => r.Id);
    while (!page.done) {
      const next = await rest({ method: 'GET', path: page.nextRecordsUrl as string });
      expect(next.status).toBe(200);
      page = next.json<QueryPage>();
      ids.push(...page.records.map((r) => r.Id));
    }
    expect({ rows: ids.length, distinct: new Set(ids).size }).toEqual({ rows: BULK_JOBS, distinct: BULK_JOBS });
  });

  it('limits(): limits/ (trailing slash) → DailyApiRequests Max and Remaining', async () => {
    const res = await rest({ method: 'GET', path: `${base}limits/` });
    expect(res.status).toBe(200);
    expect(res.json()).toMatchObject({ DailyApiRequests: { Max: 15_000, Remaining: expect.any(Number) } });
  });

  it('describe() → sobjects; sf.InsurancePolicy.metadata() → sobjects/InsurancePolicy/ (trailing slash); .describe() → …/describe', async () => {
    const global = await rest({ method: 'GET', path: `${base}sobjects` });
    expect(global.json<{ sobjects: { name: string }[] }>().sobjects.map((s) => s.name)).toContain('InsurancePolicy');
    const metadata = await rest({ method: 'GET', path: `${base}sobjects/InsurancePolicy/` });
    expect({ status: metadata.status, name: metadata.json<{ objectDescribe: { name: string } }>().objectDescribe?.name }).toEqual({
      status: 200,
      name: 'InsurancePolicy',
    });
    const described = await rest({ method: 'GET', path: `${base}sobjects/InsurancePolicy/describe` });
    expect(described.json()).toMatchObject({ name: 'InsurancePolicy', keyPrefix: '0YT' });
  });

  it("sf.InsurancePolicy.get(id) and get_by_custom_id('ReferencePolicyNumber', \"REF-O'1\") (value quote_plus'd) find the policy", async () => {
    const byId = await rest({ method: 'GET', path: `${base}sobjects/InsurancePolicy/${POLICY_ID}` });
    expect(byId.json()).toMatchObject({ Id: POLICY_ID, Name: 'P-0001' });
    const byRef = await rest({ method: 'GET', path: `${base}sobjects/InsurancePolicy/ReferencePolicyNumber/REF-O%271` });
    expect({ status: byRef.status, body: byRef.json() }).toMatchObject({ status: 200, body: { Id: POLICY_ID, ReferencePolicyNumber: "REF-O'1" } });
  });

  it('create (POST sobjects/X/), update (PATCH, 204), delete (DELETE, Content-Length 0, 204); query(include_deleted=True) then finds it', async () => {
    const created = await rest({ method: 'POST', path: `${base}sobjects/InsurancePolicy/`, data: jsonDumps({ Name: 'ss: made' }) });
    expect({ status: created.status, body: created.json() }).toMatchObject({ status: 201, body: { success: true, errors: [] } });
    const id = created.json<{ id: string }>().id;
    const updated = await rest({ method: 'PATCH', path: `${base}sobjects/InsurancePolicy/${id}`, data: jsonDumps({ Name: 'ss: renamed' }) });
    expect({ status: updated.status, text: updated.text }).toEqual({ status: 204, text: '' });
    const deleted = await rest({ method: 'DELETE', path: `${base}sobjects/InsurancePolicy/${id}` });
    expect({ status: deleted.status, text: deleted.text }).toEqual({ status: 204, text: '' });
    const q = `SELECT Id, Name, IsDeleted FROM InsurancePolicy WHERE Id = '${id}'`;
    expect((await rest({ method: 'GET', path: `${base}query/`, params: { q } })).json<QueryPage>().totalSize).toBe(0);
    const all = await rest({ method: 'GET', path: `${base}queryAll/`, params: { q } });
    expect(all.json<QueryPage>().records).toEqual([expect.objectContaining({ Id: id, Name: 'ss: renamed', IsDeleted: true })]);
  });

  it("oauth2('userinfo') → JSON naming the session's user", async () => {
    const res = await rest({ method: 'GET', path: '/services/oauth2/userinfo' });
    expect(res.status).toBe(200);
    expect(String(res.headers['content-type'])).toContain('json');
    expect(res.json()).toMatchObject({ preferred_username: 'admin', user_id: expect.stringMatching(/^005/) });
  });

  it("a bad session: 401 whose json()[0]['errorCode'] is INVALID_SESSION_ID (simple-salesforce's cue to log in again)", async () => {
    const res = await rest({ method: 'GET', path: `${base}limits/` }, '00D000000000001!expired');
    expect(res.status).toBe(401);
    expect(res.json<{ errorCode: string }[]>()[0]?.errorCode).toBe('INVALID_SESSION_ID');
  });
});
