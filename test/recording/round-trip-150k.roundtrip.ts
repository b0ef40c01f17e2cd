/* `npm run roundtrip` (issue 17 item 3, too slow for `npm test`): a generated 150,000-job org →
 * `ipemu mock-org serve` → `ipemu mock-org record` (Bulk API 2.0 above the default threshold) → the
 * recording served with --fixtures holds every row, a fixed sample of records is equal field for
 * field, and `ipemu parity --limit` finds no difference. Each step is the real bin in a child process. */
import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runCli } from '../cli/run-cli';
import { describeFields, jsonOf, parityCli, recordCli, restQueryAll, serveFixtures, type ServedOrg } from './round-trip-cli';
import { countOf, everyNth, recordsById, type OrgSide } from './round-trip-compare';
import type { ParityReport } from './round-trip-cases';

const POLICIES = 50_000;
const JOBS_PER_POLICY = 3;
/** Every SAMPLE_STEP-th record of each object (by Id), first and last included. */
const SAMPLE_STEP = 997;
const PARITY_LIMIT = 200;

let work: string;
let source: ServedOrg;
let recorded: ServedOrg;
let out: string;
let recordSeconds: number;
let recordStderr: string;
let recordSummary: { result: { objects: { object: string; rows: number; via: string }[] } };

const sourceSide = (): OrgSide => ({ instanceUrl: source.instanceUrl, token: source.accessToken });
const recordedSide = (): OrgSide => ({ instanceUrl: recorded.instanceUrl, token: recorded.accessToken });

beforeAll(async () => {
  work = mkdtempSync(join(tmpdir(), 'ipemu-roundtrip-150k-'));
  const file = join(work, 'large-org.json');
  const generate = await runCli([
    'mock-org',
    'generate',
    '--policies',
    String(POLICIES),
    '--jobs-per-policy',
    String(JOBS_PER_POLICY),
    '--seed',
    '1',
    '--out',
    file,
  ]);
  if (generate.code !== 0) throw new Error(`generate exited ${generate.code}: ${generate.stderr}`);
  source = await serveFixtures(file);
  out = join(work, 'recording');
  const started = Date.now();
  const record = await recordCli(source, source.accessToken, out);
  recordSeconds = (Date.now() - started) / 1000;
  recordStderr = record.stderr;
  if (record.code !== 0) throw new Error(`record exited ${record.code}: ${record.stderr}`);
  recordSummary = jsonOf(record);
  recorded = await serveFixtures(out);
}, 240_000);

afterAll(async () => {
  await recorded?.stop();
  await source?.stop();
  rmSync(work, { recursive: true, force: true });
});

/** The recorded objects: every `<Object>.json` of the recording. */
const recordedObjects = (): string[] =>
  readdirSync(out)
    .filter((f) => f.endsWith('.json') && f !== 'org.json' && !f.startsWith('.'))
    .map((f) => f.slice(0, -'.json'.length))
    .sort();

describe(`a generated ${(POLICIES * JOBS_PER_POLICY).toLocaleString('en-US')}-job org recorded from mock-org serve`, () => {
  it('records the five generated objects, the 150,000 jobs among them, each object of 10,000 rows or more through Bulk API 2.0', async () => {
    expect(recordedObjects()).toEqual(
      ['AsyncApexJob', 'InsuranceAsyncBulkRecordDetail', 'InsuranceAsyncBulkRequest', 'InsuranceAsyncBulkRequestItem', 'InsurancePolicy'].sort(),
    );
    expect(await countOf(recordedSide(), 'AsyncApexJob')).toBe(POLICIES * JOBS_PER_POLICY);
    const via = Object.fromEntries(recordSummary.result.objects.map((o) => [o.object, o.rows >= 10_000 ? o.via : `${o.via} (${o.rows} rows)`]));
    expect(via).toEqual({
      AsyncApexJob: 'bulk',
      InsurancePolicy: 'bulk',
      InsuranceAsyncBulkRequestItem: 'bulk',
      InsuranceAsyncBulkRecordDetail: 'bulk',
      InsuranceAsyncBulkRequest: 'rest (3000 rows)',
    });
    expect(recordStderr).toContain('AsyncApexJob: 150,000 rows');
    process.stderr.write(`roundtrip: recorded in ${recordSeconds.toFixed(1)} s\n`);
  });

  it('every recorded object holds as many rows as the source (SELECT COUNT() on both)', async () => {
    for (const sobject of recordedObjects()) {
      expect({ sobject, count: await countOf(recordedSide(), sobject) }).toEqual({ sobject, count: await countOf(sourceSide(), sobject) });
    }
  });

  it(`every ${SAMPLE_STEP}th record of each object (by Id) is equal field for field, over every field the source describes`, async () => {
    for (const sobject of recordedObjects()) {
      const fields = (await describeFields(source, source.accessToken, sobject))!.map((f) => f.name);
      expect((await describeFields(recorded, recorded.accessToken, sobject))!.map((f) => f.name)).toEqual(fields);
      const ids = (await restQueryAll(source, source.accessToken, `SELECT Id FROM ${sobject}`)).map((r) => r.Id as string);
      const sample = everyNth(ids, SAMPLE_STEP);
      expect(sample.length).toBeGreaterThan(2);
      const fromSource = await recordsById(sourceSide(), sobject, fields, sample);
      expect(fromSource).toHaveLength(sample.length);
      expect({ sobject, records: await recordsById(recordedSide(), sobject, fields, sample) }).toEqual({ sobject, records: fromSource });
    }
  });

  it(`\`ipemu parity --limit ${PARITY_LIMIT}\` finds 0 differences (exit 0)`, async () => {
    const result = await parityCli(source, source.accessToken, out, ['--limit', String(PARITY_LIMIT)]);
    const report = jsonOf<ParityReport>(result);
    expect(report.result.differences).toEqual([]);
    expect(report.result.compared).toBeGreaterThan(PARITY_LIMIT);
    expect(result.code).toBe(0);
  });
});
