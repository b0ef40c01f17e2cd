import type { FixtureDocument } from '../../../src/mock-org/fixtures/types';
import { MockOrg } from '../../../src/mock-org/mock-org';

/** A small org to write to: two policies (one the other's parent), a job with a timeline, a bulk request chain, and a custom object with every kind of field. */
export const POLICY_1 = '0YT5w000000Y8MNGA0';
export const POLICY_2 = '0YT5w000000Y8MOGA0';
export const JOB = '7075w0000000001AAA';
export const ITEM = '0rg5w0000000001AAA';
export const DETAIL = '0rh5w0000000001AAA';
export const START = Date.parse('2026-11-05T10:00:00Z');

export function writeFixture(): FixtureDocument {
  return {
    users: {
      admin: { default: true },
      agent: {
        hiddenFields: ['InsurancePolicy.ReferencePolicyNumber'],
        readOnlyFields: ['InsurancePolicy.Status'],
        hiddenObjects: ['InsuranceAsyncBulkRequest'],
      },
    },
    schema: {
      Claim__c: {
        keyPrefix: 'a01',
        fields: {
          Name: { type: 'string', length: 80 },
          Code__c: { type: 'string', label: 'Claim Code', length: 5 },
          Stage__c: { type: 'picklist', label: 'Stage', picklistValues: ['Open', 'Closed'] },
          Amount__c: { type: 'currency', label: 'Amount' },
          Count__c: { type: 'int', label: 'Count' },
          Filed__c: { type: 'date', label: 'Filed' },
          Seen__c: { type: 'datetime', label: 'Seen' },
          Urgent__c: { type: 'boolean', label: 'Urgent' },
          Policy__c: { type: 'reference', label: 'Policy', referenceTo: ['InsurancePolicy'], relationshipName: 'Policy__r' },
          Owner__c: { type: 'reference', label: 'Claim Owner', referenceTo: ['User'] },
          Number__c: { type: 'string', label: 'Claim Number', nillable: false },
          Stamp__c: { type: 'string', label: 'Stamp', createable: false },
          Origin__c: { type: 'string', label: 'Origin', updateable: false },
        },
      },
      Archive__c: { keyPrefix: 'a02', deletable: false, updateable: false, fields: { Name: { type: 'string' } } },
    },
    records: {
      InsurancePolicy: [
        { Id: POLICY_1, Name: 'P-0001', ReferencePolicyNumber: 'REF-0001', Status: 'Active' },
        { Id: POLICY_2, Name: 'P-0002', ReferencePolicyNumber: 'REF-0002', ParentPolicyId: POLICY_1 },
      ],
      AsyncApexJob: [
        {
          Id: JOB,
          Status: 'Queued',
          JobType: 'Queueable',
          CreatedDate: '2026-11-05T10:00:00.000+0000',
          $timeline: [
            { after: '2s', Status: 'Processing', JobItemsProcessed: 1 },
            { after: '5s', Status: 'Completed', JobItemsProcessed: 2 },
          ],
        },
      ],
      InsuranceAsyncBulkRequestItem: [{ Id: ITEM, Name: 'Item 1', BatchJobId: JOB, ReferenceRecordId: POLICY_1 }],
      InsuranceAsyncBulkRecordDetail: [
        { Id: DETAIL, Name: 'Detail 1', InsuranceAsyncBulkRequestItemId: ITEM, ReferenceRecordId: POLICY_1, Status: 'Scheduled' },
      ],
    },
  };
}

/** The org on an injected clock: `clock.now` moves time. */
export function writeOrg(user?: string): { org: MockOrg; clock: { now: number } } {
  const clock = { now: START };
  const org = MockOrg.fromFixturesSync(writeFixture(), { user, clock: () => clock.now });
  return { org, clock };
}

/** The OrgError a write throws, as the REST API's body would carry it. */
export function refusal(write: () => unknown): { errorCode: string; message: string; status: number; fields?: string[] } {
  try {
    write();
  } catch (err) {
    const e = err as { errorCode: string; message: string; status: number; fields?: string[] };
    return e.fields === undefined
      ? { errorCode: e.errorCode, message: e.message, status: e.status }
      : { errorCode: e.errorCode, message: e.message, status: e.status, fields: e.fields };
  }
  throw new Error('the write was not refused');
}
