/* Issue 17 item 3 on the service suite's fixtures (a user per permission rule, a custom link object):
 * `ipemu mock-org serve` → `ipemu mock-org record` as each user (REST, and Bulk API 2.0) → --fixtures →
 * `ipemu parity` as that user finds nothing, with the default job link and with the custom one. */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { CUSTOM_JOB_LINK, suiteFixtures } from '../services/ins-policy-service/suite-fixtures';
import { serveFixtures, type ServedOrg } from './round-trip-cli';
import { BULK, BULK_FLAGS, describeRoundTrips, REST } from './round-trip-cases';

jest.setTimeout(120_000);

const OBJECTS = [
  'AsyncApexJob',
  'InsurancePolicy',
  'InsuranceAsyncBulkRequest',
  'InsuranceAsyncBulkRequestItem',
  'InsuranceAsyncBulkRecordDetail',
  'PolicyJobLink__c',
];

let work: string;
let source: ServedOrg;

beforeAll(async () => {
  work = mkdtempSync(join(tmpdir(), 'ipemu-roundtrip-suite-'));
  const file = join(work, 'suite-fixtures.json');
  writeFileSync(file, JSON.stringify(suiteFixtures()));
  // Both job links, so parity can be asked to follow the custom one.
  writeFileSync(join(work, 'custom-link.config.json'), JSON.stringify({ jobLink: CUSTOM_JOB_LINK, outOfSequenceJobLink: CUSTOM_JOB_LINK }));
  source = await serveFixtures(file);
});

afterAll(async () => {
  await source?.stop();
  rmSync(work, { recursive: true, force: true });
});

describe('the service suite fixtures through mock-org serve → record → --fixtures → parity', () => {
  describeRoundTrips({
    context: () => ({ source, work }),
    cases: [
      ['admin', REST, []],
      ['admin', BULK, BULK_FLAGS],
      ['agent', REST, []],
      ['auditor', REST, []],
      ['linkless', BULK, BULK_FLAGS],
      ['nodetail', REST, []],
      ['customhidden', REST, []],
      ['customhidden', BULK, BULK_FLAGS],
    ],
    objects: OBJECTS,
    recordFlags: ['--objects', 'PolicyJobLink__c'],
    // The custom link matters to the users who can read it all, and to the one who cannot read its job field.
    parityRuns: [
      { name: 'the custom job link (--config)', users: ['admin', 'customhidden'], flags: (dir) => ['--config', join(dir, 'custom-link.config.json')] },
    ],
  });
});
