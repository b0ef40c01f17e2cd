import nock from 'nock';
import { connectOrg } from '../../../src/orgs/jsforce/connect';
import { OrgError } from '../../../src/core/org';

/*
 * JsforceOrg's writes against faults a server cannot easily produce (a 503, a reset connection):
 * each write is sent once, whatever jsforce would retry, and refusals keep the org's status and
 * fields. The writes themselves run against the fake REST API in jsforce-org-writes.test.ts.
 */

const INSTANCE = 'https://ipemu-write-faults.my.salesforce.com';
const TOKEN = '00D5w000000WRITE!AQ-access-token-secret';
const BASE = '/services/data/v64.0';
const POLICY_ID = '0YT5w000000Y8MNGA0';

// maxRetries 5: the connection retries reads, so a write sent once is the write's own rule.
const connect = () => connectOrg({ instanceUrl: INSTANCE, accessToken: TOKEN, maxRetries: 5 });

afterEach(() => {
  nock.abortPendingRequests();
  nock.cleanAll();
});

describe('JsforceOrg writes are never retried', () => {
  it('sends a POST answered 503 once and fails SERVER_ERROR 503', async () => {
    const org = await connect();
    let posts = 0;
    nock(INSTANCE)
      .post(`${BASE}/sobjects/InsurancePolicy`)
      .times(6)
      .reply(() => {
        posts++;
        return [503, 'Service Unavailable'];
      });
    const err = await org.create('InsurancePolicy', { Name: 'P-1' }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(OrgError);
    expect(err).toMatchObject({ errorCode: 'SERVER_ERROR', status: 503 });
    expect(posts).toBe(1);
  });

  it('sends a POST whose connection resets once and fails UNREACHABLE', async () => {
    const org = await connect();
    let posts = 0;
    nock(INSTANCE)
      .post(`${BASE}/sobjects/InsurancePolicy`)
      .times(6)
      .replyWithError(Object.assign(new Error('socket hang up'), { code: 'ECONNRESET' }))
      .on('request', () => {
        posts++;
      });
    await expect(org.create('InsurancePolicy', { Name: 'P-1' })).rejects.toMatchObject({ errorCode: 'UNREACHABLE', status: 502 });
    expect(posts).toBe(1);
  });

  it('sends a DELETE answered 503 once (jsforce retries DELETE by default)', async () => {
    const org = await connect();
    let deletes = 0;
    nock(INSTANCE)
      .delete(`${BASE}/sobjects/InsurancePolicy/${POLICY_ID}`)
      .times(6)
      .reply(() => {
        deletes++;
        return [503, ''];
      });
    await expect(org.delete('InsurancePolicy', POLICY_ID)).rejects.toMatchObject({ errorCode: 'SERVER_ERROR', status: 503 });
    expect(deletes).toBe(1);
  });
});

describe('JsforceOrg write refusals keep what the org said', () => {
  it('keeps errorCode, the HTTP status the org answered (404, not the code’s usual 400) and fields', async () => {
    const org = await connect();
    nock(INSTANCE)
      .patch(`${BASE}/sobjects/InsurancePolicy/${POLICY_ID}`)
      .reply(404, [{ message: 'entity is deleted', errorCode: 'ENTITY_IS_DELETED', fields: [] }])
      .post(`${BASE}/sobjects/InsurancePolicy`)
      .reply(400, [{ message: 'Required fields are missing: [Name]', errorCode: 'REQUIRED_FIELD_MISSING', fields: ['Name'] }]);
    await expect(org.update('InsurancePolicy', POLICY_ID, { Status: 'Active' })).rejects.toMatchObject({
      errorCode: 'ENTITY_IS_DELETED',
      status: 404,
      message: 'entity is deleted',
    });
    const missing = await org.create('InsurancePolicy', {}).catch((e: unknown) => e);
    expect(missing).toMatchObject({ errorCode: 'REQUIRED_FIELD_MISSING', status: 400, fields: ['Name'] });
  });

  it('scrubs the access token from a refusal’s message', async () => {
    const org = await connect();
    nock(INSTANCE)
      .post(`${BASE}/sobjects/InsurancePolicy`)
      .reply(400, [{ message: `bad value near ${TOKEN}`, errorCode: 'INVALID_FIELD' }]);
    const err = (await org.create('InsurancePolicy', { Name: 'x' }).catch((e: unknown) => e)) as OrgError;
    expect(err.errorCode).toBe('INVALID_FIELD');
    expect(err.message).not.toContain(TOKEN);
  });

  it('sends the fields as JSON without attributes, and answers the new Id', async () => {
    const org = await connect();
    let sent: unknown;
    nock(INSTANCE)
      .post(`${BASE}/sobjects/InsurancePolicy`, (body: unknown) => {
        sent = body;
        return true;
      })
      .reply(201, { id: POLICY_ID, success: true, errors: [] });
    await expect(org.create('InsurancePolicy', { attributes: { type: 'InsurancePolicy' }, Name: 'P-1' })).resolves.toBe(POLICY_ID);
    expect(sent).toEqual({ Name: 'P-1' });
  });

  it('refuses an object name that is not an API name without sending anything, and escapes the Id in the URL', async () => {
    const org = await connect();
    await expect(org.create('../query', { Name: 'x' })).rejects.toMatchObject({ errorCode: 'NOT_FOUND', status: 404 });
    nock(INSTANCE)
      .delete(`${BASE}/sobjects/InsurancePolicy/a%2Fb%3Fc`)
      .reply(404, [{ message: 'The requested resource does not exist', errorCode: 'NOT_FOUND' }]);
    await expect(org.delete('InsurancePolicy', 'a/b?c')).rejects.toMatchObject({ errorCode: 'NOT_FOUND', status: 404 });
  });

  it('stops waiting when the signal aborts', async () => {
    const org = await connect();
    nock(INSTANCE).post(`${BASE}/sobjects/InsurancePolicy`).delay(10_000).reply(201, { id: POLICY_ID, success: true, errors: [] });
    const controller = new AbortController();
    const pending = org.create('InsurancePolicy', { Name: 'x' }, { signal: controller.signal });
    controller.abort();
    await expect(pending).rejects.toMatchObject({ name: 'AbortError' });
  });
});
