/* The strongest round trip check (issue 17 item 3): the whole service suite, rule by rule, on an org
 * that was recorded. Per suite user, the suite's fixtures are served by the fake REST API, recorded as
 * that user through jsforce (recordOrg, REST or Bulk API 2.0), and the suite asks
 * MockOrg.fromFixtures(recording): every rule must hold on the recorded org as on the source. */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { MockOrg } from '../../src/mock-org/mock-org';
import { startMockRestServer } from '../../src/mock-org/rest/server';
import { connectRecordingSource } from '../../src/orgs/jsforce/recording-source';
import { recordOrg } from '../../src/recording/record-org';
import { runServiceSuite, type OrgFactory, type SuiteService } from '../services/ins-policy-service/get-policy-async-job-status.suite';

const OUT_OF_SEQUENCE: SuiteService = {
  key: 'InsPolicyService:getOutOfSequenceEndorsementStatus',
  jobNoun: 'out-of-sequence endorsement job',
  linkKey: 'outOfSequenceJobLink',
};

/**
 * Records `fixtures` as `user` (one recording holds one user's view: the fixture user it writes is
 * the recording user's access, so each suite user gets a recording of its own) and answers with the
 * recording loaded as a fixture directory. PolicyJobLink__c is named with --objects, as a team with a
 * custom job link would (the recorder records the configured links; the suite sets it per call).
 */
function recordedOrg(bulkThreshold?: number): OrgFactory {
  return async (fixtures, user) => {
    const out = join(mkdtempSync(join(tmpdir(), 'ipemu-recorded-suite-')), 'recording');
    const source = await MockOrg.fromFixtures(fixtures, { user });
    const server = await startMockRestServer({ org: source });
    try {
      const recording = await connectRecordingSource({ instanceUrl: server.instanceUrl, accessToken: server.accessToken, apiVersion: '64.0', maxRetries: 0 });
      try {
        const summary = await recordOrg(recording, { out, objects: ['PolicyJobLink__c'], ...(bulkThreshold === undefined ? {} : { bulkThreshold }) });
        const via = new Set(summary.objects.map((o) => o.via));
        if (via.size !== 1 || !via.has(bulkThreshold === undefined ? 'rest' : 'bulk')) throw new Error(`recorded via ${[...via].join(', ')}`);
      } finally {
        await recording.close();
      }
    } finally {
      await server.close();
      await source.close();
    }
    const org = await MockOrg.fromFixtures(out);
    return {
      org,
      close: async () => {
        await org.close();
        rmSync(join(out, '..'), { recursive: true, force: true });
      },
    };
  };
}

runServiceSuite('recorded from the fake REST API over REST', recordedOrg());
runServiceSuite('recorded from the fake REST API through Bulk API 2.0', recordedOrg(1));
runServiceSuite('recorded from the fake REST API over REST', recordedOrg(), OUT_OF_SEQUENCE);
runServiceSuite('recorded from the fake REST API through Bulk API 2.0', recordedOrg(1), OUT_OF_SEQUENCE);
