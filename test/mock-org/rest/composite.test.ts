import { Connection } from 'jsforce';
import { MockOrg } from '../../../src/mock-org/mock-org';
import { startMockRestServer, type MockRestServer } from '../../../src/mock-org/rest/server';
import { restFixtures, POLICY_ID } from './rest-fixtures';

/* `/composite` driven through jsforce's `conn.request`, as a client sends it. */

let org: MockOrg;
let server: MockRestServer;
let conn: Connection;

beforeEach(async () => {
  org = await MockOrg.fromFixtures(restFixtures());
  server = await startMockRestServer({ org });
  conn = new Connection({ instanceUrl: server.instanceUrl, accessToken: server.accessToken, version: '64.0' });
});
afterEach(async () => {
  await server.close();
});

const V = '/services/data/v64.0';
const HALTED = [{ message: 'The transaction was rolled back since another operation in the same transaction failed.', errorCode: 'PROCESSING_HALTED' }];

interface SubrequestResult {
  body: unknown;
  httpHeaders: Record<string, string>;
  httpStatusCode: number;
  referenceId: string;
}

function composite(body: unknown): Promise<{ compositeResponse: SubrequestResult[] }> {
  return conn.request({ method: 'POST', url: `${V}/composite`, body: JSON.stringify(body), headers: { 'content-type': 'application/json' } });
}

const policyNames = (): string[] => org.querySync('SELECT Name FROM InsurancePolicy ORDER BY Name').records.map((record) => String(record.Name));

describe('/composite', () => {
  it('runs subrequests in order with @{ref.id} and @{ref.records[0].Id} references, answering each in Salesforce’s shape', async () => {
    const out = await composite({
      allOrNone: true,
      compositeRequest: [
        { method: 'POST', url: `${V}/sobjects/InsurancePolicy`, referenceId: 'parent', body: { Name: 'C-PARENT' } },
        { method: 'POST', url: `${V}/sobjects/InsurancePolicy`, referenceId: 'child', body: { Name: 'C-CHILD', ParentPolicyId: '@{parent.id}' } },
        {
          method: 'GET',
          url: `${V}/query?q=${encodeURIComponent("SELECT Id, ParentPolicyId FROM InsurancePolicy WHERE Name = 'C-CHILD'")}`,
          referenceId: 'found',
        },
        { method: 'PATCH', url: `${V}/sobjects/InsurancePolicy/@{found.records[0].Id}`, referenceId: 'rename', body: { Name: 'C-CHILD-2' } },
        { method: 'GET', url: `${V}/sobjects/InsurancePolicy/@{child.id}?fields=Name,ParentPolicyId`, referenceId: 'read' },
      ],
    });
    const [parent, child, found, rename, read] = out.compositeResponse;
    const parentId = (parent!.body as { id: string }).id;
    const childId = (child!.body as { id: string }).id;
    expect(parent).toEqual({
      body: { id: expect.stringMatching(/^0YT/), success: true, errors: [] },
      httpHeaders: { Location: `${V}/sobjects/InsurancePolicy/${parentId}` },
      httpStatusCode: 201,
      referenceId: 'parent',
    });
    expect(found).toMatchObject({ httpStatusCode: 200, body: { totalSize: 1, done: true, records: [{ Id: childId, ParentPolicyId: parentId }] } });
    expect(rename).toEqual({ body: null, httpHeaders: {}, httpStatusCode: 204, referenceId: 'rename' });
    expect(read).toMatchObject({ httpStatusCode: 200, body: { Name: 'C-CHILD-2', ParentPolicyId: parentId } });
    expect(policyNames()).toEqual(['C-CHILD-2', 'C-PARENT', 'P-0001']);
  });

  it('with allOrNone rolls back every write when one fails: the failure keeps its error, every other answers PROCESSING_HALTED 400', async () => {
    const out = await composite({
      allOrNone: true,
      compositeRequest: [
        { method: 'POST', url: `${V}/sobjects/InsurancePolicy`, referenceId: 'first', body: { Name: 'R-1' } },
        { method: 'PATCH', url: `${V}/sobjects/InsurancePolicy/${POLICY_ID}`, referenceId: 'rename', body: { Name: 'RENAMED' } },
        { method: 'POST', url: `${V}/sobjects/InsurancePolicy`, referenceId: 'bad', body: { ReferencePolicyNumber: 'no name' } },
        { method: 'POST', url: `${V}/sobjects/InsurancePolicy`, referenceId: 'after', body: { Name: 'R-3' } },
      ],
    });
    expect(out.compositeResponse.map((r) => [r.referenceId, r.httpStatusCode])).toEqual([
      ['first', 400],
      ['rename', 400],
      ['bad', 400],
      ['after', 400],
    ]);
    for (const i of [0, 1, 3]) expect(out.compositeResponse[i]!.body).toEqual(HALTED);
    expect(out.compositeResponse[2]!.body).toEqual([{ message: 'Required fields are missing: [Name]', errorCode: 'REQUIRED_FIELD_MISSING', fields: ['Name'] }]);
    expect(policyNames()).toEqual(['P-0001']);
  });

  it('without allOrNone keeps what succeeded; a reference to a failed subrequest halts only that one', async () => {
    const out = await composite({
      allOrNone: false,
      compositeRequest: [
        { method: 'POST', url: `${V}/sobjects/InsurancePolicy`, referenceId: 'bad', body: { ReferencePolicyNumber: 'no name' } },
        { method: 'POST', url: `${V}/sobjects/InsurancePolicy`, referenceId: 'good', body: { Name: 'K-1' } },
        { method: 'POST', url: `${V}/sobjects/InsurancePolicy`, referenceId: 'dependent', body: { Name: 'K-2', ParentPolicyId: '@{bad.id}' } },
        { method: 'GET', url: `${V}/query?q=${encodeURIComponent("SELECT Id FROM InsurancePolicy WHERE Name = 'none'")}`, referenceId: 'empty' },
        { method: 'DELETE', url: `${V}/sobjects/InsurancePolicy/@{empty.records[0].Id}`, referenceId: 'noRow' },
      ],
    });
    const [bad, good, dependent, , noRow] = out.compositeResponse;
    expect(bad).toMatchObject({ httpStatusCode: 400, body: [{ errorCode: 'REQUIRED_FIELD_MISSING' }] });
    expect(good).toMatchObject({ httpStatusCode: 201, body: { success: true } });
    expect(dependent).toEqual({
      body: [{ message: 'Invalid reference specified. No value for bad.id found in bad', errorCode: 'PROCESSING_HALTED' }],
      httpHeaders: {},
      httpStatusCode: 400,
      referenceId: 'dependent',
    });
    expect(noRow!.body).toEqual([{ message: 'Invalid reference specified. No value for empty.records[0].Id found in empty', errorCode: 'PROCESSING_HALTED' }]);
    expect(policyNames()).toEqual(['K-1', 'P-0001']);
  });

  it('runs an sObject Collections subrequest; under allOrNone one bad record rolls the whole composite back', async () => {
    const records = [
      { attributes: { type: 'InsurancePolicy' }, Name: 'S-1' },
      { attributes: { type: 'InsurancePolicy' }, ReferencePolicyNumber: 'no name' },
    ];
    const loose = await composite({ compositeRequest: [{ method: 'POST', url: `${V}/composite/sobjects`, referenceId: 'many', body: { records } }] });
    expect(loose.compositeResponse[0]).toMatchObject({ httpStatusCode: 200, body: [{ success: true }, { success: false }] });
    expect(policyNames()).toEqual(['P-0001', 'S-1']);
    const strict = await composite({
      allOrNone: true,
      compositeRequest: [
        { method: 'POST', url: `${V}/sobjects/InsurancePolicy`, referenceId: 'one', body: { Name: 'S-2' } },
        { method: 'POST', url: `${V}/composite/sobjects`, referenceId: 'many', body: { records } },
      ],
    });
    expect(strict.compositeResponse.map((r) => r.httpStatusCode)).toEqual([400, 400]);
    expect(strict.compositeResponse[0]!.body).toEqual(HALTED);
    expect(policyNames()).toEqual(['P-0001', 'S-1']);
  });

  it('refuses more than 25 subrequests, or more than 5 queries, as a whole (400) and runs none of them', async () => {
    const create = (i: number) => ({ method: 'POST', url: `${V}/sobjects/InsurancePolicy`, referenceId: `r${i}`, body: { Name: `L-${i}` } });
    const tooMany = await fetchComposite({ compositeRequest: Array.from({ length: 26 }, (_, i) => create(i)) });
    expect(tooMany.status).toBe(400);
    expect(tooMany.body).toEqual([{ message: 'A composite request can have at most 25 subrequests; this one has 26.', errorCode: 'LIMIT_EXCEEDED' }]);
    const query = (i: number) => ({ method: 'GET', url: `${V}/query?q=SELECT+Id+FROM+InsurancePolicy`, referenceId: `q${i}` });
    const queries = await fetchComposite({ compositeRequest: [create(0), ...Array.from({ length: 6 }, (_, i) => query(i))] });
    expect(queries.status).toBe(400);
    expect(queries.body).toMatchObject([{ errorCode: 'LIMIT_EXCEEDED' }]);
    expect(policyNames()).toEqual(['P-0001']);
  });

  it('refuses a malformed composite body as a whole: no compositeRequest, a duplicate referenceId, a subrequest that is not an object', async () => {
    for (const body of [
      {},
      { compositeRequest: [] },
      { compositeRequest: ['x'] },
      { compositeRequest: [{ method: 'GET', url: `${V}/limits` }] },
      { allOrNone: 'yes', compositeRequest: [{ method: 'GET', url: `${V}/limits`, referenceId: 'a' }] },
    ]) {
      const res = await fetchComposite(body);
      expect(res.status).toBe(400);
      expect(res.body).toMatchObject([{ errorCode: 'JSON_PARSER_ERROR' }]);
    }
    const dup = await fetchComposite({
      compositeRequest: [
        { method: 'POST', url: `${V}/sobjects/InsurancePolicy`, referenceId: 'a', body: { Name: 'D-1' } },
        { method: 'POST', url: `${V}/sobjects/InsurancePolicy`, referenceId: 'a', body: { Name: 'D-2' } },
      ],
    });
    expect(dup.status).toBe(400);
    expect(dup.body).toEqual([{ message: 'Duplicate referenceId provided in the request: a', errorCode: 'INVALID_INPUT' }]);
    expect(policyNames()).toEqual(['P-0001']);
  });

  it('answers a subrequest for a resource it does not serve NOT_FOUND, and counts the composite as one API request', async () => {
    const before = server.requestCount();
    const out = await composite({
      compositeRequest: [
        { method: 'GET', url: `${V}/sobjects/InsurancePolicy/${POLICY_ID}/Whatever/More`, referenceId: 'odd' },
        { method: 'GET', url: '/services/data/v1.0/sobjects/InsurancePolicy', referenceId: 'oldVersion' },
        { method: 'POST', url: `${V}/sobjects/AsyncApexJob`, referenceId: 'readOnly', body: { Status: 'Queued' } },
      ],
    });
    expect(out.compositeResponse.map((r) => r.httpStatusCode)).toEqual([404, 404, 405]);
    expect(out.compositeResponse[0]!.body).toEqual([{ message: 'The requested resource does not exist', errorCode: 'NOT_FOUND' }]);
    expect(server.requestCount() - before).toBe(1);
  });
});

async function fetchComposite(body: unknown): Promise<{ status: number; body: unknown }> {
  const res = await fetch(`${server.instanceUrl}${V}/composite`, {
    method: 'POST',
    headers: { authorization: `Bearer ${server.accessToken}`, 'content-type': 'application/json' },
    body: JSON.stringify(body),
  });
  return { status: res.status, body: await res.json() };
}
