import { createEmulator } from '../../../src/ipemu';
import { MockOrg, DEMO_FIXTURES } from '../../../src/mock-org/mock-org';
import type { FixtureDocument } from '../../../src/mock-org/fixtures/types';
import { makeId } from '../../../src/salesforce/ids';

const BY_ID = 'InsAsyncBulkService:getRequestStatusById';
const BY_USER = 'InsAsyncBulkService:getRequestStatusByUser';
const ADMIN_ID = '0055w0000000001AAA';
const AGENT_ID = '0055w0000000002AAA';
const JOB_FIELDS = ['Id', 'Status', 'NumberOfErrors', 'ExtendedStatus', 'CreatedDate'].map((f) => `AsyncApexJob.${f}`);

async function demo(user?: string) {
  return createEmulator({ org: await MockOrg.fromFixtures(DEMO_FIXTURES, { user }), procedures: false });
}

describe(`${BY_ID} on the demo org`, () => {
  it('answers the documented shape, keys in order, createdDate Java-style in GMT', async () => {
    const out = await (await demo()).invoke(BY_ID, { requestId: '0rf5w0000000007AAA' });
    expect(out).toEqual({
      name: 'Acme multi-root version',
      createdDate: 'Tue Nov 10 09:00:00 GMT 2026',
      status: 'In Progress',
      jobCount: 2,
      pendingJobCount: 2,
      successfulJobCount: 0,
      failedJobCount: 0,
      cancelledJobCount: 0,
      erroredJobCount: 0,
      requestItems: [
        { status: 'Completed', planName: 'Commercial Auto', batchJobId: '7075j000000001yAAA', id: '0rg5w0000000009AAA' },
        { status: 'Completed', planName: 'Commercial Property', batchJobId: '7075j000000001zAAA', id: '0rg5w000000000AAAQ' },
      ],
      errorCode: 'INVOKE-200',
      error: 'OK',
    });
    expect(Object.keys(out).slice(0, 3)).toEqual(['name', 'createdDate', 'status']);
  });

  it('counts each item by its job through the status mapping: pending, successful, failed, cancelled', async () => {
    const out = await (await demo()).invoke(BY_ID, { requestId: '0rf5w0000000009AAA' });
    // Holding, Preparing → pending; Completed with errors and Failed → failed (3 with the Failed travel job); two Aborted → cancelled.
    expect(out).toMatchObject({ jobCount: 7, pendingJobCount: 2, successfulJobCount: 0, failedJobCount: 3, cancelledJobCount: 2, erroredJobCount: 0 });
  });

  it('an item whose job was purged counts as errored; the counts add up to jobCount', async () => {
    const out = await (await demo()).invoke(BY_ID, { requestId: '0rf5w0000000001AAA' });
    expect(out).toMatchObject({ jobCount: 10, successfulJobCount: 9, erroredJobCount: 1 });
    expect((out.requestItems as { batchJobId: string }[]).map((i) => i.batchJobId)).toContain('7075j000000002bAAA');
  });

  it('items come in SequenceNumber order', async () => {
    const out = await (await demo()).invoke(BY_ID, { requestId: '0rf5w0000000008AAA' });
    expect((out.requestItems as { id: string }[]).map((i) => i.id)).toEqual(['0rg5w000000000BAAQ', '0rg5w000000000CAAQ', '0rg5w000000000DAAQ']);
  });

  it.each([
    ['JSON text → parsed', '0rf5w0000000009AAA', { renewalClassName: 'InsPolicyRenewal', batchSize: 12 }],
    ['text that is not JSON → the text', '0rf5w0000000005AAA', 'Retry after the rating fix.'],
    ['no AdditionalInformation → null', '0rf5w0000000002AAA', null],
  ])('isAdditionalInfo true adds additionalInformation last (%s)', async (_why, requestId, info) => {
    const out = await (await demo()).invoke(BY_ID, { requestId, isAdditionalInfo: true });
    expect(out.additionalInformation).toEqual(info);
    expect(Object.keys(out).slice(-3)).toEqual(['additionalInformation', 'errorCode', 'error']);
  });

  it('without isAdditionalInfo (or false) there is no additionalInformation key', async () => {
    const emulator = await demo();
    expect(await emulator.invoke(BY_ID, { requestId: '0rf5w0000000009AAA' })).not.toHaveProperty('additionalInformation');
    expect(await emulator.invoke(BY_ID, { requestId: '0rf5w0000000009AAA', isAdditionalInfo: false })).not.toHaveProperty('additionalInformation');
  });

  it('reads requestId from options when the input lacks it, and accepts 15 characters', async () => {
    const out = await (await demo()).invoke(BY_ID, {}, { requestId: '0rf5w0000000007' });
    expect(out.name).toBe('Acme multi-root version');
  });

  it('an unknown request → 404 naming it', async () => {
    const missing = makeId('0rf', 999);
    expect(await (await demo()).invoke(BY_ID, { requestId: missing })).toEqual({
      errorCode: 'INVOKE-404',
      error: `No async bulk request found with requestId ${missing}.`,
    });
  });

  it.each([
    ['missing', {}, 'requestId is required.'],
    ['not an Id', { requestId: 'x' }, 'requestId'],
    ['of another object', { requestId: '0YT5w000000Y8MNGA0' }, 'not an InsuranceAsyncBulkRequest Id (key prefix 0rf)'],
    ['isAdditionalInfo not a boolean', { requestId: '0rf5w0000000007AAA', isAdditionalInfo: 'yes' }, 'isAdditionalInfo'],
  ])('%s → 400 naming the key', async (_why, input, text) => {
    const out = await (await demo()).invoke(BY_ID, input);
    expect(out.errorCode).toBe('INVOKE-400');
    expect(out.error).toContain(text);
  });

  it('field-level security first: a user who cannot see AsyncApexJob gets 403 naming its fields, even for an unknown request', async () => {
    const out = await (await demo('auditor')).invoke(BY_ID, { requestId: makeId('0rf', 999) });
    expect(out).toMatchObject({ errorCode: 'INVOKE-403', details: { fields: JOB_FIELDS } });
  });
});

describe(`${BY_USER} on the demo org`, () => {
  const names = (out: Record<string, unknown>) => (out.requestDetails as { name: string }[]).map((d) => d.name);

  it("a user's requests, newest first, each in the documented shape", async () => {
    const out = await (await demo()).invoke(BY_USER, { userId: AGENT_ID });
    expect(names(out)).toEqual(['Chen endorsements', 'Home out-of-sequence endorsement', 'Home endorsement']);
    expect(Object.keys(out)).toEqual(['requestDetails', 'errorCode', 'error']);
    const [first] = out.requestDetails as Record<string, unknown>[];
    expect(Object.keys(first!)).toEqual([
      'name',
      'createdDate',
      'status',
      'jobCount',
      'pendingJobCount',
      'successfulJobCount',
      'failedJobCount',
      'cancelledJobCount',
      'erroredJobCount',
      'requestItems',
    ]);
    expect(first).toMatchObject({ createdDate: 'Thu Nov 12 14:00:00 GMT 2026', jobCount: 3, pendingJobCount: 1, successfulJobCount: 1, cancelledJobCount: 1 });
  });

  it('answers the same details as getRequestStatusById for each request', async () => {
    const emulator = await demo();
    const out = await emulator.invoke(BY_USER, { names: ['November renewals'], isAdditionalInfo: true });
    const byId: Record<string, unknown> = await emulator.invoke(BY_ID, { requestId: '0rf5w0000000009AAA', isAdditionalInfo: true });
    delete byId.errorCode;
    delete byId.error;
    expect(out.requestDetails).toEqual([byId]);
  });

  it('by account; the filters passed narrow together; names compare without regard to case', async () => {
    const emulator = await demo();
    expect(names(await emulator.invoke(BY_USER, { accountId: '0015w0000000003AAA' }))).toEqual(['Acme multi-root version', 'Acme multi-root issue']);
    expect(names(await emulator.invoke(BY_USER, { accountId: '0015w0000000002AAA', userId: AGENT_ID }))).toEqual([
      'Home out-of-sequence endorsement',
      'Home endorsement',
    ]);
    expect(names(await emulator.invoke(BY_USER, { userId: ADMIN_ID, names: ['home renewals 2026', 'Chen endorsements'] }))).toEqual(['Home renewals 2026']);
  });

  it('a request of every status is listed (ipemu: "active" is every request that exists)', async () => {
    const statuses = ((await (await demo()).invoke(BY_USER, { userId: AGENT_ID })).requestDetails as { status: string }[]).map((d) => d.status);
    expect(statuses).toEqual(['In Progress', 'Failed', 'Completed']);
  });

  it('nothing matching → an empty requestDetails', async () => {
    expect(await (await demo()).invoke(BY_USER, { names: ['No such run'] })).toEqual({ requestDetails: [], errorCode: 'INVOKE-200', error: 'OK' });
  });

  it.each([
    ['nothing passed', {}, 'Specify one of userId, accountId, or names.'],
    ['a userId of another object', { userId: '0015w0000000001AAA' }, 'userId'],
    ['a bad accountId', { accountId: '001bad' }, 'accountId'],
    ['names not a list', { names: 'November renewals' }, 'names'],
    ['names empty', { names: [] }, 'names'],
    ['a blank name', { names: ['ok', ' '] }, 'names[1]'],
    ['isAdditionalInfo not a boolean', { userId: ADMIN_ID, isAdditionalInfo: 1 }, 'isAdditionalInfo'],
  ])('%s → 400 naming the key', async (_why, input, text) => {
    const out = await (await demo()).invoke(BY_USER, input);
    expect(out.errorCode).toBe('INVOKE-400');
    expect(out.error).toContain(text);
  });
});

describe('InsAsyncBulkService field-level security (a small org)', () => {
  const request = makeId('0rf', 1, '5j0');
  const fixtures: FixtureDocument = {
    users: {
      admin: { default: true },
      noinfo: { hiddenFields: ['InsuranceAsyncBulkRequest.AdditionalInformation'] },
      noplan: { hiddenFields: ['InsuranceAsyncBulkRequestItem.PlanName'] },
      noaccount: { hiddenFields: ['InsuranceAsyncBulkRequest.AccountId'] },
    },
    records: {
      AsyncApexJob: [
        { Id: makeId('707', 1, '5j0'), Status: 'Completed', NumberOfErrors: 0, JobType: 'Queueable', CreatedDate: '2026-11-01T10:00:00.000+0000' },
      ],
      InsuranceAsyncBulkRequest: [
        { Id: request, Name: 'Small run', Status: 'Completed', AdditionalInformation: '{"a":1}', CreatedDate: '2026-11-01T10:00:00.000+0000' },
      ],
      InsuranceAsyncBulkRequestItem: [
        { Id: makeId('0rg', 1, '5j0'), InsuranceAsyncBulkRequestId: request, BatchJobId: makeId('707', 1, '5j0'), SequenceNumber: 1, Status: 'Completed' },
        { Id: makeId('0rg', 2, '5j0'), InsuranceAsyncBulkRequestId: request, BatchJobId: null, SequenceNumber: 2, Status: 'Failed' },
      ],
    },
  };
  async function run(user: string, key: string, input: Record<string, unknown>) {
    return createEmulator({ org: await MockOrg.fromFixtures(fixtures, { user }), procedures: false }).invoke(key, input);
  }

  it('AdditionalInformation is needed only when asked for', async () => {
    expect((await run('noinfo', BY_ID, { requestId: request })).errorCode).toBe('INVOKE-200');
    expect(await run('noinfo', BY_ID, { requestId: request, isAdditionalInfo: true })).toMatchObject({
      errorCode: 'INVOKE-403',
      details: { fields: ['InsuranceAsyncBulkRequest.AdditionalInformation'] },
    });
  });

  it('an item field hidden → 403 for both services', async () => {
    for (const [key, input] of [
      [BY_ID, { requestId: request }],
      [BY_USER, { names: ['Small run'] }],
    ] as const) {
      expect(await run('noplan', key, input)).toMatchObject({ errorCode: 'INVOKE-403', details: { fields: ['InsuranceAsyncBulkRequestItem.PlanName'] } });
    }
  });

  it('a filter field is needed only when that filter is passed', async () => {
    expect((await run('noaccount', BY_USER, { names: ['Small run'] })).errorCode).toBe('INVOKE-200');
    expect(await run('noaccount', BY_USER, { accountId: makeId('001', 1) })).toMatchObject({
      errorCode: 'INVOKE-403',
      details: { fields: ['InsuranceAsyncBulkRequest.AccountId'] },
    });
  });

  it('an item naming no job counts as errored', async () => {
    expect(await run('admin', BY_ID, { requestId: request })).toMatchObject({ jobCount: 2, successfulJobCount: 1, erroredJobCount: 1 });
  });
});
