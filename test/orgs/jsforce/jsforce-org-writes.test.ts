import { MockOrg } from '../../../src/mock-org/mock-org';
import { startMockRestServer, type MockRestServer } from '../../../src/mock-org/rest/server';
import { connectOrg } from '../../../src/orgs/jsforce/connect';
import type { Org } from '../../../src/core/org';
import { createCoalescingOrg } from '../../../src/orgs/coalescing/coalescing-org';
import { restFixtures, POLICY_ID, FIRST_JOB_ID } from '../../mock-org/rest/rest-fixtures';

/*
 * JsforceOrg's writes against the fake REST API, side by side with the same writes on an
 * in-process MockOrg of the same fixtures: the same outcomes, the same refusals (errorCode,
 * status, message, fields).
 */

let server: MockRestServer;
let served: MockOrg;

beforeEach(async () => {
  served = await MockOrg.fromFixtures(restFixtures());
  server = await startMockRestServer({ org: served });
});
afterEach(async () => {
  await server.close();
});

const remote = (): Promise<Org> => connectOrg({ instanceUrl: server.instanceUrl, accessToken: server.accessToken, maxRetries: 0 });
const local = (): Promise<Org> => MockOrg.fromFixtures(restFixtures());

interface Outcome {
  ok?: unknown;
  errorCode?: string;
  status?: number;
  message?: string;
  fields?: string[];
}

async function outcome(work: Promise<unknown>): Promise<Outcome> {
  try {
    return { ok: await work };
  } catch (err) {
    const e = err as Outcome;
    return { errorCode: e.errorCode, status: e.status, message: e.message, ...(e.fields && e.fields.length > 0 ? { fields: e.fields } : {}) };
  }
}

/** The same steps on both orgs; the last step's outcome is compared. */
const REFUSALS: readonly [string, (org: Org) => Promise<unknown>][] = [
  ['a create missing a required field', (org) => org.create!('InsurancePolicy', { ReferencePolicyNumber: 'R' })],
  ['a create naming no such field', (org) => org.create!('InsurancePolicy', { Name: 'x', Bogus__c: 1 })],
  ['a create setting Id', (org) => org.create!('InsurancePolicy', { Name: 'x', Id: POLICY_ID })],
  ['a create of an unknown object', (org) => org.create!('NoSuchThing', { Name: 'x' })],
  ['a create with a reference to no record', (org) => org.create!('InsurancePolicy', { Name: 'x', ParentPolicyId: '0YT5w0000009999AAA' })],
  ['an update of an unknown Id', (org) => org.update!('InsurancePolicy', '0YT5w0000009999AAA', { Name: 'x' })],
  ['an update with a value of the wrong type', (org) => org.update!('InsurancePolicy', POLICY_ID, { ParentPolicyId: FIRST_JOB_ID })],
  [
    'a second delete of the same record',
    async (org) => {
      await org.delete!('InsurancePolicy', POLICY_ID);
      return org.delete!('InsurancePolicy', POLICY_ID);
    },
  ],
];

describe('JsforceOrg writes through the fake REST API, beside the in-process MockOrg', () => {
  it('creates, updates and deletes; each write is read back by the next query on both orgs', async () => {
    for (const org of [await local(), await remote()]) {
      const id = await org.create!('InsurancePolicy', { Name: 'W-1', ReferencePolicyNumber: 'REF-W' });
      expect(id).toMatch(/^0YT\w{15}$/);
      const read = () => org.query<{ Name: string }>('SELECT Name FROM InsurancePolicy WHERE Id = :id', { id });
      expect((await read()).records.map((r) => r.Name)).toEqual(['W-1']);
      await expect(org.update!('InsurancePolicy', id, { Name: 'W-2' })).resolves.toBeUndefined();
      expect((await read()).records.map((r) => r.Name)).toEqual(['W-2']);
      await expect(org.delete!('InsurancePolicy', id)).resolves.toBeUndefined();
      expect((await read()).totalSize).toBe(0);
    }
    expect(served.querySync('SELECT Id FROM InsurancePolicy').totalSize).toBe(1);
  });

  it.each(REFUSALS)('refuses %s with the same errorCode, status, message and fields', async (_name, step) => {
    const inProcess = await outcome(step(await local()));
    const overRest = await outcome(step(await remote()));
    expect(inProcess.errorCode).toEqual(expect.any(String));
    expect(overRest).toEqual(inProcess);
  });

  it('refuses a write of a field the token’s user may not see like the in-process org as that user', async () => {
    const agentToken = await tokenFor('agent');
    const agentOverRest = await connectOrg({ instanceUrl: server.instanceUrl, accessToken: agentToken, maxRetries: 0 });
    const agentInProcess = (await MockOrg.fromFixtures(restFixtures())).asUser('agent');
    const step = (org: Org) => org.update!('InsurancePolicy', POLICY_ID, { ReferencePolicyNumber: 'NEW' });
    const inProcess = await outcome(step(agentInProcess));
    expect(inProcess.errorCode).toBe('INVALID_FIELD');
    expect(await outcome(step(agentOverRest))).toEqual(inProcess);
  });

  it('differs in one place: a write to an object users cannot write is 405 at the REST resource, INVALID_TYPE_FOR_OPERATION in process', async () => {
    const step = (org: Org) => org.create!('AsyncApexJob', { Status: 'Queued' });
    expect(await outcome(step(await local()))).toMatchObject({ errorCode: 'INVALID_TYPE_FOR_OPERATION', status: 400 });
    expect(await outcome(step(await remote()))).toEqual({
      errorCode: 'METHOD_NOT_ALLOWED',
      status: 405,
      message: "HTTP Method 'POST' not allowed. Allowed are HEAD,GET",
    });
  });

  it('passes writes through the coalescing layer unchanged, one request each', async () => {
    const org = createCoalescingOrg(await remote());
    const before = server.requestCount();
    const id = await org.create!('InsurancePolicy', { Name: 'C-1' });
    await org.update!('InsurancePolicy', id, { Name: 'C-2' });
    await org.delete!('InsurancePolicy', id);
    expect(server.requestCount() - before).toBe(3);
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
