/* Issue 17 item 3 on the demo org: `ipemu mock-org serve` → `ipemu mock-org record` (REST, and Bulk API
 * 2.0 with --bulk-threshold 1) → the recording loads with --fixtures → `ipemu parity` finds nothing. */
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ROOT } from '../cli/run-cli';
import { serveFixtures, type ServedOrg } from './round-trip-cli';
import { BULK, BULK_FLAGS, describeRoundTrips, REST } from './round-trip-cases';

jest.setTimeout(120_000);

/** The demo's objects past the service's own (the recorder records those without being asked). */
const EXTRA_OBJECTS = ['Product2', 'Quote', 'QuoteLineItem'];
const OBJECTS = [
  'AsyncApexJob',
  'InsurancePolicy',
  'InsuranceAsyncBulkRequest',
  'InsuranceAsyncBulkRequestItem',
  'InsuranceAsyncBulkRecordDetail',
  ...EXTRA_OBJECTS,
];

/**
 * fixtures/demo with its one clock-driven job (`$timeline`, Queued → Completed 6 s after the org
 * starts) frozen at its first status. A recording reads the status a job has when it is read, as
 * from a real org, so only a source that stands still can be compared later (round-trip-clock.test.ts
 * pins what happens to a moving one).
 */
function frozenDemo(dir: string): string {
  const out = join(dir, 'demo');
  mkdirSync(out);
  const demo = join(ROOT, 'fixtures', 'demo');
  for (const name of readdirSync(demo).filter((f) => f.endsWith('.json'))) {
    const text = readFileSync(join(demo, name), 'utf8');
    if (name !== 'AsyncApexJob.json') writeFileSync(join(out, name), text);
    else writeFileSync(join(out, name), JSON.stringify((JSON.parse(text) as Record<string, unknown>[]).map((job) => ({ ...job, $timeline: undefined }))));
  }
  return out;
}

let work: string;
let source: ServedOrg;

beforeAll(async () => {
  work = mkdtempSync(join(tmpdir(), 'ipemu-roundtrip-demo-'));
  source = await serveFixtures(frozenDemo(work));
});

afterAll(async () => {
  await source?.stop();
  rmSync(work, { recursive: true, force: true });
});

describe('the demo org (timeline frozen) through mock-org serve → record → --fixtures → parity', () => {
  describeRoundTrips({
    context: () => ({ source, work }),
    cases: [
      ['admin', REST, []],
      ['admin', BULK, BULK_FLAGS],
      ['agent', REST, []],
      ['agent', BULK, BULK_FLAGS],
      ['auditor', REST, []],
      ['clerk', BULK, BULK_FLAGS],
    ],
    objects: OBJECTS,
    recordFlags: ['--objects', EXTRA_OBJECTS.join(',')],
  });
});
