import { Connection } from 'jsforce';
import { MockOrg } from '../../../src/mock-org/mock-org';
import { startMockRestServer, type MockRestServer } from '../../../src/mock-org/rest/server';
import { restFixtures, POLICY_ID, FIRST_JOB_ID } from './rest-fixtures';

/*
 * The fake REST API's writes, driven by jsforce 3.10.16 for real over loopback: single records
 * (`/sobjects`), many records (`/composite/sobjects`, which jsforce uses for arrays), read after
 * write, and every refusal's status and body.
 */

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

const policyCount = (): number => org.querySync('SELECT Id FROM InsurancePolicy').totalSize;

/** What jsforce threw, with the REST error item it keeps as `data`. */
async function refusal(promise: Promise<unknown>): Promise<{ errorCode?: string; message?: string; data?: unknown }> {
  return (await promise.then(
    () => {
      throw new Error('expected a refusal');
    },
    (err: unknown) => err,
  )) as { errorCode?: string; message?: string; data?: unknown };
}

describe('single records through /sobjects', () => {
  it('creates (201 SaveResult), reads back, updates (204) and destroys (204) a record', async () => {
    const created = await conn.sobject('InsurancePolicy').create({ Name: 'P-0002', ReferencePolicyNumber: 'REF-2' });
    expect(created).toEqual({ id: expect.stringMatching(/^0YT\w{15}$/), success: true, errors: [] });
    const id = (created as { id: string }).id;
    await expect(conn.sobject('InsurancePolicy').retrieve(id)).resolves.toMatchObject({ Id: id, Name: 'P-0002', ReferencePolicyNumber: 'REF-2' });

    await expect(conn.sobject('InsurancePolicy').update({ Id: id, Name: 'P-0002b' })).resolves.toEqual({ id, success: true, errors: [] });
    const read = await conn.query<{ Name: string }>(`SELECT Name FROM InsurancePolicy WHERE Id = '${id}'`);
    expect(read.records.map((r) => r.Name)).toEqual(['P-0002b']);

    await expect(conn.sobject('InsurancePolicy').destroy(id)).resolves.toEqual({ id, success: true, errors: [] });
    expect((await refusal(conn.sobject('InsurancePolicy').retrieve(id))).errorCode).toBe('NOT_FOUND');
    expect(policyCount()).toBe(1);
  });

  it('writes what the in-process org then reads: one store, no copy', async () => {
    const { id } = (await conn.sobject('InsurancePolicy').create({ Name: 'P-9' })) as { id: string };
    expect(org.retrieve('InsurancePolicy', id, ['Name'])).toMatchObject({ Name: 'P-9' });
  });

  it('answers a refused create 400 with Salesforce errorCode, message and fields', async () => {
    const res = await fetch(`${server.instanceUrl}/services/data/v64.0/sobjects/InsurancePolicy`, {
      method: 'POST',
      headers: { authorization: `Bearer ${server.accessToken}`, 'content-type': 'application/json' },
      body: JSON.stringify({ ReferencePolicyNumber: 'x' }),
    });
    expect(res.status).toBe(400);
    expect(await res.json()).toEqual([{ message: 'Required fields are missing: [Name]', errorCode: 'REQUIRED_FIELD_MISSING', fields: ['Name'] }]);
    const err = await refusal(conn.sobject('InsurancePolicy').create({ Name: 'x', Bogus__c: 1 }));
    expect(err).toMatchObject({ errorCode: 'INVALID_FIELD', message: "No such column 'Bogus__c' on sobject of type InsurancePolicy" });
  });

  it('answers 405 METHOD_NOT_ALLOWED naming the allowed methods for an object users cannot write (AsyncApexJob)', async () => {
    const post = await fetch(`${server.instanceUrl}/services/data/v64.0/sobjects/AsyncApexJob`, {
      method: 'POST',
      headers: { authorization: `Bearer ${server.accessToken}`, 'content-type': 'application/json' },
      body: JSON.stringify({ Status: 'Queued' }),
    });
    expect(post.status).toBe(405);
    expect(await post.json()).toEqual([{ message: "HTTP Method 'POST' not allowed. Allowed are HEAD,GET", errorCode: 'METHOD_NOT_ALLOWED' }]);
    const patch = await refusal(conn.sobject('AsyncApexJob').update({ Id: FIRST_JOB_ID, Status: 'Aborted' }));
    expect(patch).toMatchObject({ errorCode: 'METHOD_NOT_ALLOWED', message: "HTTP Method 'PATCH' not allowed. Allowed are HEAD,GET" });
    expect(org.retrieve('AsyncApexJob', FIRST_JOB_ID, ['Status'])).toMatchObject({ Status: 'Completed' });
  });

  it('answers 405 for a method a writable resource never takes (POST on a record URL, PATCH on an object URL)', async () => {
    const headers = { authorization: `Bearer ${server.accessToken}`, 'content-type': 'application/json' };
    const onRow = await fetch(`${server.instanceUrl}/services/data/v64.0/sobjects/InsurancePolicy/${POLICY_ID}`, { method: 'POST', headers, body: '{}' });
    expect(onRow.status).toBe(405);
    expect(await onRow.json()).toEqual([{ message: "HTTP Method 'POST' not allowed. Allowed are HEAD,GET,PATCH,DELETE", errorCode: 'METHOD_NOT_ALLOWED' }]);
    const onObject = await fetch(`${server.instanceUrl}/services/data/v64.0/sobjects/InsurancePolicy`, { method: 'PATCH', headers, body: '{}' });
    expect(onObject.status).toBe(405);
    expect(await onObject.json()).toEqual([{ message: "HTTP Method 'PATCH' not allowed. Allowed are GET,HEAD,POST", errorCode: 'METHOD_NOT_ALLOWED' }]);
  });

  it('answers 404 NOT_FOUND for an unknown object, an unknown Id, and an object hidden from the user', async () => {
    expect((await refusal(conn.sobject('NoSuchThing').create({ Name: 'x' }))).errorCode).toBe('NOT_FOUND');
    expect((await refusal(conn.sobject('InsurancePolicy').update({ Id: '0YT5w0000009999AAA', Name: 'x' }))).errorCode).toBe('NOT_FOUND');
    const agent = new Connection({ instanceUrl: server.instanceUrl, accessToken: await tokenFor('agent'), version: '64.0' });
    expect((await refusal(agent.sobject('AsyncApexJob').destroy(FIRST_JOB_ID))).errorCode).toBe('NOT_FOUND');
  });

  it('writes as the token’s user: a field hidden from the user is refused as no such column', async () => {
    const agent = new Connection({ instanceUrl: server.instanceUrl, accessToken: await tokenFor('agent'), version: '64.0' });
    const err = await refusal(agent.sobject('InsurancePolicy').update({ Id: POLICY_ID, ReferencePolicyNumber: 'NEW' }));
    expect(err.errorCode).toBe('INVALID_FIELD');
    expect(org.retrieve('InsurancePolicy', POLICY_ID, ['ReferencePolicyNumber'])).toMatchObject({ ReferencePolicyNumber: "REF-O'1" });
  });

  it('counts each write against /limits like any API request', async () => {
    const before = (await conn.request<{ DailyApiRequests: { Remaining: number } }>('/services/data/v64.0/limits')).DailyApiRequests.Remaining;
    const { id } = (await conn.sobject('InsurancePolicy').create({ Name: 'P-L' })) as { id: string };
    await conn.sobject('InsurancePolicy').update({ Id: id, Name: 'P-L2' });
    await conn.sobject('InsurancePolicy').destroy(id);
    const after = (await conn.request<{ DailyApiRequests: { Remaining: number } }>('/services/data/v64.0/limits')).DailyApiRequests.Remaining;
    expect(before - after).toBe(3);
  });
});

describe('many records through /composite/sobjects (jsforce arrays)', () => {
  it('creates, updates and destroys several records, answering SaveResults in order', async () => {
    const created = (await conn.sobject('InsurancePolicy').create([{ Name: 'M-1' }, { Name: 'M-2' }])) as { id: string; success: boolean }[];
    expect(created).toEqual([
      { id: expect.stringMatching(/^0YT/), success: true, errors: [] },
      { id: expect.stringMatching(/^0YT/), success: true, errors: [] },
    ]);
    const ids = created.map((r) => r.id);
    const updated = await conn.sobject('InsurancePolicy').update(ids.map((Id, i) => ({ Id, Name: `M-${i + 1}b` })));
    expect(updated).toEqual(ids.map((id) => ({ id, success: true, errors: [] })));
    const names = await conn.query<{ Name: string }>(`SELECT Name FROM InsurancePolicy WHERE Id IN ('${ids.join("','")}') ORDER BY Name`);
    expect(names.records.map((r) => r.Name)).toEqual(['M-1b', 'M-2b']);
    await expect(conn.sobject('InsurancePolicy').destroy(ids)).resolves.toEqual(ids.map((id) => ({ id, success: true, errors: [] })));
    expect(policyCount()).toBe(1);
  });

  it('without allOrNone keeps the good records and reports each failure with statusCode, message and fields', async () => {
    const results = await conn.sobject('InsurancePolicy').create([{ Name: 'G-1' }, { ReferencePolicyNumber: 'no name' }], { allOrNone: false });
    expect(results).toEqual([
      { id: expect.stringMatching(/^0YT/), success: true, errors: [] },
      { success: false, errors: [{ statusCode: 'REQUIRED_FIELD_MISSING', message: 'Required fields are missing: [Name]', fields: ['Name'] }] },
    ]);
    expect(policyCount()).toBe(2);
  });

  it('with allOrNone writes nothing when one fails: the others report ALL_OR_NONE_OPERATION_ROLLED_BACK', async () => {
    const results = await conn.sobject('InsurancePolicy').create([{ Name: 'A-1' }, { ReferencePolicyNumber: 'no name' }], { allOrNone: true });
    expect(results).toEqual([
      {
        success: false,
        errors: [
          {
            statusCode: 'ALL_OR_NONE_OPERATION_ROLLED_BACK',
            message: 'Record rolled back because not all records were valid and the request was using AllOrNone header',
            fields: [],
          },
        ],
      },
      { success: false, errors: [{ statusCode: 'REQUIRED_FIELD_MISSING', message: 'Required fields are missing: [Name]', fields: ['Name'] }] },
    ]);
    expect(policyCount()).toBe(1);
  });

  it('reports an update without Id, a delete of a malformed Id and of a deleted record, each on its own line', async () => {
    const body = { allOrNone: false, records: [{ attributes: { type: 'InsurancePolicy' }, Name: 'no id' }] };
    const update = await conn.request({
      method: 'PATCH',
      url: '/services/data/v64.0/composite/sobjects',
      body: JSON.stringify(body),
      headers: { 'content-type': 'application/json' },
    });
    expect(update).toEqual([{ success: false, errors: [{ statusCode: 'MISSING_ARGUMENT', message: 'Id not specified in an update call', fields: [] }] }]);
    const { id } = (await conn.sobject('InsurancePolicy').create({ Name: 'D-1' })) as { id: string };
    await conn.sobject('InsurancePolicy').destroy(id);
    const results = await conn.request({ method: 'DELETE', url: `/services/data/v64.0/composite/sobjects?ids=${id},not-an-id&allOrNone=false` });
    expect(results).toEqual([
      { id, success: false, errors: [{ statusCode: 'ENTITY_IS_DELETED', message: 'entity is deleted', fields: [] }] },
      { id: 'not-an-id', success: false, errors: [{ statusCode: 'MALFORMED_ID', message: 'malformed id not-an-id', fields: [] }] },
    ]);
  });

  it('retrieves several records by Id in the order asked, null for an Id with no record (jsforce retrieve of an array)', async () => {
    const created = (await conn.sobject('InsurancePolicy').create([{ Name: 'T-1' }, { Name: 'T-2' }])) as { id: string }[];
    const ids = [created[1]!.id, '0YT5w0000009999AAA', POLICY_ID];
    const records = await conn.sobject('InsurancePolicy').retrieve(ids, { fields: ['Name'] });
    expect(records.map((r) => (r ? r.Name : null))).toEqual(['T-2', null, 'P-0001']);
    const query = await conn.request<({ Id: string } | null)[]>(`/services/data/v64.0/composite/sobjects/InsurancePolicy?ids=${POLICY_ID}&fields=Id,Name`);
    expect(query).toEqual([{ attributes: { type: 'InsurancePolicy', url: expect.any(String) }, Id: POLICY_ID, Name: 'P-0001' }]);
    expect((await refusal(conn.sobject('InsurancePolicy').retrieve(ids, { fields: ['Bogus'] }))).errorCode).toBe('INVALID_FIELD');
  });

  it('refuses more than 200 records as a whole (400 EXCEEDED_ID_LIMIT) and writes none', async () => {
    const records = Array.from({ length: 201 }, (_, i) => ({ attributes: { type: 'InsurancePolicy' }, Name: `X-${i}` }));
    const res = await fetch(`${server.instanceUrl}/services/data/v64.0/composite/sobjects`, {
      method: 'POST',
      headers: { authorization: `Bearer ${server.accessToken}`, 'content-type': 'application/json' },
      body: JSON.stringify({ records }),
    });
    expect(res.status).toBe(400);
    expect(await res.json()).toEqual([{ message: 'record limit reached. cannot submit more than 200 records into this call', errorCode: 'EXCEEDED_ID_LIMIT' }]);
    expect(policyCount()).toBe(1);
  });
});

async function tokenFor(user: string): Promise<string> {
  const res = await fetch(`${server.instanceUrl}/services/oauth2/token`, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({ grant_type: 'password', username: user, password: 'x' }).toString(),
  });
  return ((await res.json()) as { access_token: string }).access_token;
}
