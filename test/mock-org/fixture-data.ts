import type { FixtureDocument } from '../../src/mock-org/fixtures/types';

/** A small org: three jobs (one with a timeline), two policies, their link records and two users. */
export const JOB_A = '7075j00004uK6GjAAK';
export const JOB_B = '7073t0000BNGivxAQD';
export const JOB_C = '7075w0000000001AAA';
export const POLICY_1 = '0YT5w000000Y8MNGA0';
export const POLICY_2 = '0YT5w000000Y8MOGA0';
export const USER_1 = '0055w000000AbCdAAK';

export function smallOrg(): FixtureDocument {
  return {
    users: {
      admin: { default: true },
      agent: { hiddenFields: ['InsurancePolicy.ReferencePolicyNumber', 'User.Username'], hiddenObjects: ['InsuranceAsyncBulkRequest'] },
      nojobs: { hiddenObjects: ['AsyncApexJob'] },
    },
    records: {
      User: [{ Id: USER_1, Name: 'Ada Admin', Username: 'ada@example.com', IsActive: true }],
      AsyncApexJob: [
        {
          Id: JOB_A,
          Status: 'Completed',
          JobType: 'Queueable',
          NumberOfErrors: 0,
          ExtendedStatus: null,
          CreatedDate: '2026-11-01T10:00:00.000+0000',
          CreatedById: USER_1,
        },
        {
          Id: JOB_B,
          Status: 'Failed',
          JobType: 'BatchApex',
          NumberOfErrors: 3,
          ExtendedStatus: 'First error: boom',
          CreatedDate: '2026-11-02T09:30:00Z',
          TotalJobItems: 10,
        },
        {
          Id: JOB_C,
          Status: 'Queued',
          JobType: 'BatchApex',
          CreatedDate: '2026-10-30T00:00:00.000+0000',
          JobItemsProcessed: 0,
          $timeline: [
            { after: '2s', Status: 'Processing', JobItemsProcessed: 1 },
            { after: '5s', Status: 'Completed', JobItemsProcessed: 2, NumberOfErrors: 0 },
          ],
        },
      ],
      InsurancePolicy: [
        {
          Id: POLICY_1,
          Name: 'P-0001',
          ReferencePolicyNumber: 'REF-0001',
          ParentPolicyId: null,
          IsPolicyEditLocked: true,
          EffectiveDate: '2026-01-01T00:00:00Z',
        },
        { Id: POLICY_2, Name: 'P-0002', ReferencePolicyNumber: 'REF-0002', ParentPolicyId: POLICY_1 },
      ],
      InsuranceAsyncBulkRequestItem: [
        { Id: '0rg5w0000000001AAA', BatchJobId: JOB_A, ReferenceRecordId: POLICY_1, SequenceNumber: 1 },
        { Id: '0rg5w0000000002AAA', BatchJobId: JOB_B, ReferenceRecordId: POLICY_1, SequenceNumber: 2 },
        { Id: '0rg5w0000000003AAA', BatchJobId: null, SequenceNumber: 3 },
      ],
      InsuranceAsyncBulkRecordDetail: [
        { Id: '0rh5w0000000001AAA', InsuranceAsyncBulkRequestItemId: '0rg5w0000000001AAA', ReferenceRecordId: POLICY_1, Status: 'Success' },
        { Id: '0rh5w0000000002AAA', InsuranceAsyncBulkRequestItemId: '0rg5w0000000002AAA', ReferenceRecordId: POLICY_1, Status: 'Failed' },
        { Id: '0rh5w0000000003AAA', InsuranceAsyncBulkRequestItemId: '0rg5w0000000003AAA', ReferenceRecordId: POLICY_2, Status: 'Scheduled' },
      ],
    },
  };
}
