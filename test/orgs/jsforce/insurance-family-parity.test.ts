import { createEmulator } from '../../../src/ipemu';
import { MockOrg, DEMO_FIXTURES } from '../../../src/mock-org/mock-org';
import { runServiceSuite } from '../../services/ins-policy-service/get-policy-async-job-status.suite';
import { jsforceOverRest } from './jsforce-over-rest';

// getOutOfSequenceEndorsementStatus walks the same contract through jsforce as in process.
runServiceSuite('jsforce over REST', jsforceOverRest, {
  key: 'InsPolicyService:getOutOfSequenceEndorsementStatus',
  jobNoun: 'out-of-sequence endorsement job',
  linkKey: 'outOfSequenceJobLink',
});

describe('InsAsyncBulkService through jsforce answers as in process (demo org)', () => {
  const cases: [string, Record<string, unknown>][] = [
    ['InsAsyncBulkService:getRequestStatusById', { requestId: '0rf5w0000000009AAA', isAdditionalInfo: true }],
    ['InsAsyncBulkService:getRequestStatusById', { requestId: '0rf5w0000000001AAA' }],
    ['InsAsyncBulkService:getRequestStatusById', { requestId: '0rf5w0000000999AAA' }],
    ['InsAsyncBulkService:getRequestStatusByUser', { userId: '0055w0000000002AAA', isAdditionalInfo: true }],
    ['InsAsyncBulkService:getRequestStatusByUser', { accountId: '0015w0000000002AAA', names: ['home renewals 2026', 'November renewals'] }],
  ];

  it.each(cases)('%s %j', async (key, input) => {
    const remote = await jsforceOverRest(DEMO_FIXTURES);
    try {
      const local = await createEmulator({ org: await MockOrg.fromFixtures(DEMO_FIXTURES), procedures: false }).invoke(key, input);
      expect(await createEmulator({ org: remote.org, procedures: false }).invoke(key, input)).toEqual(local);
    } finally {
      await remote.close();
    }
  });
});
